/**
 * The rules for JSON request bodies, independent of any server framework: JSON content type only
 * (415), bounded size (413), valid JSON (400), and a zod schema (422 with the first problem in plain
 * words). Never a 500 for bad input.
 */
import type { z } from 'zod';
import { isStorableText } from '../text/visible.ts';

/** Keys that reach an object's prototype when a parsed body is copied or merged. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export const MAX_JSON_BYTES = 32 * 1024;

export type BodyCheck<T> = { ok: true; data: T } | { ok: false; status: 400 | 413 | 415 | 422; message: string };

export const tooLarge = (maxBytes: number) => ({
	ok: false as const,
	status: 413 as const,
	message: `The body is larger than ${maxBytes} bytes.`
});

/** Whether a request may have a JSON body of this type and declared length. */
export function checkJsonHeaders(
	contentType: string | null,
	contentLength: string | null,
	maxBytes = MAX_JSON_BYTES
): BodyCheck<null> {
	if (!/^application\/json\b/i.test(contentType ?? '')) {
		return { ok: false, status: 415, message: 'Send the body as application/json.' };
	}
	if (Number(contentLength ?? '0') > maxBytes) return tooLarge(maxBytes);
	return { ok: true, data: null };
}

/** Parse a body's text as JSON and check it against a schema. */
export function parseJsonBody<S extends z.ZodType>(text: string, schema: S): BodyCheck<z.infer<S>> {
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return { ok: false, status: 400, message: 'The body is not valid JSON.' };
	}
	const odd = oddJson(body);
	if (odd) return { ok: false, status: 422, message: odd };
	const parsed = schema.safeParse(body);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const where = issue && issue.path.length ? ` at ${issue.path.join('.')}` : '';
		return {
			ok: false,
			status: 422,
			message: `The request is not in the expected shape${where}: ${issue?.message ?? 'invalid'}.`
		};
	}
	return { ok: true, data: parsed.data };
}

/**
 * What no body of ours ever holds, found anywhere in a parsed value: a key that names the
 * prototype chain, or text with NUL or a lone surrogate (PostgreSQL refuses the one, and the other
 * is stored as invalid bytes). A message for the first one met, or null.
 */
export function oddJson(value: unknown, depth = 0): string | null {
	if (depth > 64) return 'The body is nested too deeply.';
	if (typeof value === 'string') {
		return isStorableText(value) ? null : 'The body has text with a NUL or a broken (lone surrogate) character.';
	}
	if (typeof value !== 'object' || value === null) return null;
	if (Array.isArray(value)) {
		for (const item of value) {
			const found = oddJson(item, depth + 1);
			if (found) return found;
		}
		return null;
	}
	for (const [key, item] of Object.entries(value)) {
		if (PROTOTYPE_KEYS.has(key)) return `The body has a field named "${key}", which is never accepted.`;
		const found = oddJson(key, depth + 1) ?? oddJson(item, depth + 1);
		if (found) return found;
	}
	return null;
}
