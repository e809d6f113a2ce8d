/**
 * Reading JSON bodies in SvelteKit routes, with the rules of json-body.ts: a bad body becomes a
 * clear 4xx error, never a 500.
 */
import { error } from '@sveltejs/kit';
import type { z } from 'zod';
import { checkJsonHeaders, MAX_JSON_BYTES, parseJsonBody, tooLarge } from './json-body.ts';

export { MAX_JSON_BYTES };

export async function readJson<S extends z.ZodType>(
	request: Request,
	schema: S,
	maxBytes = MAX_JSON_BYTES
): Promise<z.infer<S>> {
	const headers = checkJsonHeaders(
		request.headers.get('content-type'),
		request.headers.get('content-length'),
		maxBytes
	);
	if (!headers.ok) error(headers.status, headers.message);
	const parsed = parseJsonBody(await readLimited(request, maxBytes), schema);
	if (!parsed.ok) error(parsed.status, parsed.message);
	return parsed.data;
}

/** The body's text, refusing (413) more than `maxBytes`. */
export async function readLimited(request: Request, maxBytes = MAX_JSON_BYTES): Promise<string> {
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > maxBytes) {
			await reader.cancel();
			error(413, tooLarge(maxBytes).message);
		}
		chunks.push(value);
	}
	return new TextDecoder().decode(Buffer.concat(chunks));
}
