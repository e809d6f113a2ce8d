/**
 * Reading JSON bodies safely: JSON content type only (415), bounded size (413), valid JSON (400),
 * and a zod schema (422 with the first problem in plain words). Never a 500 for bad input.
 */
import { error } from '@sveltejs/kit';
import type { z } from 'zod';

export const MAX_JSON_BYTES = 32 * 1024;

export async function readJson<S extends z.ZodType>(
	request: Request,
	schema: S,
	maxBytes = MAX_JSON_BYTES
): Promise<z.infer<S>> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/json\b/i.test(type)) error(415, 'Send the body as application/json.');
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > maxBytes) error(413, `The body is larger than ${maxBytes} bytes.`);
	const text = await readLimited(request, maxBytes);
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		error(400, 'The body is not valid JSON.');
	}
	const parsed = schema.safeParse(body);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const where = issue && issue.path.length ? ` at ${issue.path.join('.')}` : '';
		error(422, `The request is not in the expected shape${where}: ${issue?.message ?? 'invalid'}.`);
	}
	return parsed.data;
}

async function readLimited(request: Request, maxBytes: number): Promise<string> {
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
			error(413, `The body is larger than ${maxBytes} bytes.`);
		}
		chunks.push(value);
	}
	return new TextDecoder().decode(Buffer.concat(chunks));
}
