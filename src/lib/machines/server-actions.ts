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
	// Called inside an async function, so that a fetch that throws is met as one that rejects.
	const request = (async () =>
		fetchFn(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify(body),
			signal
		}))();
	return replyTo<T>(request, signal);
}

/** The parsed answer to a request already sent; throws an Error with a readable message. */
async function replyTo<T>(request: Promise<globalThis.Response>, signal?: AbortSignal): Promise<T> {
	let res: globalThis.Response;
	try {
		res = await request;
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

/** The practice attempt request the module page's first script sent ahead (scripted-preloads.js). */
interface EarlyAttempt {
	slug: string;
	token: string | null;
	reply: Promise<globalThis.Response>;
}

/**
 * Start or resume the practice attempt on a module: the reply to the request the module page sent
 * as soon as its text was read, when it was for this module and this device's token, or a new request.
 * Either way the request is the same, and it is sent once: the early one is taken, and once the
 * page's script has asked, the early script sends none.
 */
export function startPractice<T>(slug: string, token: string | undefined, fetchFn: typeof fetch = fetch): Promise<T> {
	const holder = globalThis as { closereadAttempt?: EarlyAttempt | null };
	const early = holder.closereadAttempt;
	holder.closereadAttempt = null;
	if (early && early.slug === slug && early.token === (token ?? null)) return replyTo<T>(early.reply);
	return postAction<T>('/api/practice', { slug, token }, undefined, fetchFn);
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
