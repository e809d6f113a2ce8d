/**
 * Compressing page and data responses. adapter-node serves the built JS and CSS precompressed, but
 * sends HTML and JSON as they are; a lesson page is mostly text, so gzip cuts it to about a
 * quarter, which is what a phone on a slow network notices first. The body is compressed as it
 * streams, never read whole first: the server holds one chunk at a time and the first bytes leave
 * as soon as they are made. (The module page, the same for every student, is compressed once and
 * kept: see page-cache.ts.)
 */

const COMPRESSIBLE = /^(text\/html|application\/json)\b/i;
const MIN_BYTES = 1024;

/** The response's headers with `Vary: Accept-Encoding`, in place when they may be changed. */
function varying(response: Response): Response {
	if (/\baccept-encoding\b/i.test(response.headers.get('vary') ?? '')) return response;
	try {
		response.headers.append('Vary', 'Accept-Encoding');
		return response;
	} catch {
		const headers = new Headers(response.headers);
		headers.append('Vary', 'Accept-Encoding');
		return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
	}
}

/** The q-value a client gives a content coding in Accept-Encoding (0 when absent or refused). */
export function acceptsCoding(acceptEncoding: string | null, coding: string): boolean {
	for (const part of (acceptEncoding ?? '').split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		if (name !== coding && name !== '*') continue;
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		return q === undefined || Number(q.slice(2)) > 0;
	}
	return false;
}

/** The stream of `chunks` followed by the rest of `reader`. */
function joined(chunks: Uint8Array[], reader: ReadableStreamDefaultReader<Uint8Array>): ReadableStream<Uint8Array> {
	return new ReadableStream<Uint8Array>({
		start(controller) {
			for (const chunk of chunks) controller.enqueue(chunk);
		},
		async pull(controller) {
			const { done, value } = await reader.read();
			if (done) controller.close();
			else controller.enqueue(value);
		},
		cancel(reason) {
			return reader.cancel(reason);
		}
	});
}

export async function compressResponse(response: Response, acceptEncoding: string | null): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	if (!COMPRESSIBLE.test(type) || response.headers.has('content-encoding') || !response.body) return response;
	// Whether it is compressed depends on the request's Accept-Encoding, so caches must know.
	if (!acceptsCoding(acceptEncoding, 'gzip')) return varying(response);
	// A declared small body (JSON answers give their length) passes through unread.
	const declared = Number(response.headers.get('content-length') ?? Number.NaN);
	if (declared < MIN_BYTES) return varying(response);
	const headers = new Headers(response.headers);
	headers.append('Vary', 'Accept-Encoding');
	// An undeclared body is looked at as far as its first chunk: a small whole body is sent as it is.
	const reader = response.body.getReader();
	const first = await reader.read();
	const chunks = first.done ? [] : [first.value];
	if (first.done || first.value.byteLength < MIN_BYTES) {
		const next = first.done ? first : await reader.read();
		if (next.done) {
			return new Response(chunks[0] ?? null, { status: response.status, statusText: response.statusText, headers });
		}
		chunks.push(next.value);
	}
	headers.set('Content-Encoding', 'gzip');
	headers.delete('Content-Length');
	const gzip = new CompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;
	const body = joined(chunks, reader).pipeThrough(gzip);
	return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
