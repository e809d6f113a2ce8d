/**
 * Posting a student's action to the server and reading its answer, for practice and assignments:
 * the browser sends what the student did (an answer, "give me a hint", "show me the answer") and
 * the server answers with the grade or the hints served. Browser-safe.
 */
import type { StudentAction } from '../scoring/request.ts';
import type { GradeResult, HintReply } from '../scoring/types.ts';
import type { PublicGlossaryEntry } from '../content/public.ts';

/** An answer or a reveal, as the grading actor sends it. */
export type GradeAction = Extract<StudentAction, { action: 'answer' | 'reveal' }>;
/** A hint request, as the hint actor sends it. */
export type HintAction = Extract<StudentAction, { action: 'hint' }>;

/** The server refused the action for good (a 4xx): the message says why, in words for the student. */
export class RefusedError extends Error {
	constructor(
		message: string,
		readonly status: number
	) {
		super(message);
		this.name = 'RefusedError';
	}
}

/** POST JSON and return the parsed answer; throws an Error with a readable message. */
export async function postAction<T>(
	url: string,
	body: unknown,
	signal?: AbortSignal,
	fetchFn: typeof fetch = fetch
): Promise<T> {
	let res: globalThis.Response;
	try {
		res = await fetchFn(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify(body),
			signal
		});
	} catch (err) {
		if (signal?.aborted) throw err;
		throw new Error('Could not reach the server. Check your connection and try again.', { cause: err });
	}
	if (!res.ok) {
		const message = await serverMessage(res);
		if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
			throw new RefusedError(message, res.status);
		}
		throw new Error(message);
	}
	return (await res.json()) as T;
}

async function serverMessage(res: globalThis.Response): Promise<string> {
	try {
		const body: unknown = await res.json();
		if (body && typeof body === 'object' && 'message' in body && typeof body.message === 'string') {
			return body.message;
		}
	} catch {
		// not JSON: fall through to the status line
	}
	return `The answer could not be checked (${res.status}${res.statusText ? ' ' + res.statusText : ''}).`;
}

/** Grade and hint functions for a practice attempt, posting to /api/grade with its token. */
export function practiceServer(token: string, fetchFn: typeof fetch = fetch) {
	return {
		grade: (action: GradeAction, signal?: AbortSignal) =>
			postAction<GradeResult>('/api/grade', { ...action, token }, signal, fetchFn),
		hint: (action: HintAction, signal?: AbortSignal) =>
			postAction<HintReply>('/api/grade', { ...action, token }, signal, fetchFn),
		/** The glossary entries the attempt has earned (see LessonPlayer's releasedGlossary). */
		glossary: async () =>
			(await postAction<{ glossary: PublicGlossaryEntry[] }>('/api/practice/glossary', { token }, undefined, fetchFn))
				.glossary
	};
}
