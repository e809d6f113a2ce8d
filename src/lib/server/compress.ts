/**
 * Compressing page and data responses. adapter-node serves the built JS and CSS precompressed, but
 * sends HTML and JSON as they are; a lesson page is mostly text (the article, twice: once as HTML and
 * once as the page's data), so gzip cuts it to about a quarter, which is what a phone on a slow
 * network notices first.
 */
import { gzipSync } from 'node:zlib';

const COMPRESSIBLE = /^(text\/html|application\/json)\b/i;
const MIN_BYTES = 1024;

/** The response's headers with `Vary: Accept-Encoding`, in place when they may be changed. */
function varying(response: Response): Response {
	try {
		response.headers.append('Vary', 'Accept-Encoding');
		return response;
	} catch {
		const headers = new Headers(response.headers);
		headers.append('Vary', 'Accept-Encoding');
		return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
	}
}

export async function compressResponse(response: Response, acceptEncoding: string | null): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	if (!COMPRESSIBLE.test(type) || response.headers.has('content-encoding') || !response.body) return response;
	// Whether it is compressed depends on the request's Accept-Encoding, so caches must know.
	if (!/\bgzip\b/i.test(acceptEncoding ?? '')) return varying(response);
	// A declared small body (JSON answers give their length) passes through without being read.
	const declared = Number(response.headers.get('content-length') ?? Number.NaN);
	if (declared < MIN_BYTES) return varying(response);
	const body = new Uint8Array(await response.arrayBuffer());
	const headers = new Headers(response.headers);
	headers.append('Vary', 'Accept-Encoding');
	if (body.byteLength < MIN_BYTES)
		return new Response(body, { status: response.status, statusText: response.statusText, headers });
	const zipped = gzipSync(body, { level: 6 });
	headers.set('Content-Encoding', 'gzip');
	headers.set('Content-Length', String(zipped.byteLength));
	return new Response(zipped, { status: response.status, statusText: response.statusText, headers });
}
