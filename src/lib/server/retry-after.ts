/**
 * "Try again in N seconds" for 429 and 503 answers. Code deep in a request (the results lookup, the
 * database layer) notes how long the caller should wait; the server hook turns the note into a
 * `Retry-After` header on the response. Outside a request (scripts, tests) a note goes nowhere.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface RetryNote {
	seconds: number | null;
}

const KEY = Symbol.for('closeread.retry-after');
const slot = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<RetryNote> };
const storage = (slot[KEY] ??= new AsyncLocalStorage<RetryNote>());

/** Run one request's work, collecting any retry note it makes. */
export async function collectRetryAfter<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number | null }> {
	const note: RetryNote = { seconds: null };
	const result = await storage.run(note, work);
	return { result, seconds: note.seconds };
}

/** Ask the client of the current request to wait at least this many seconds (whole, at least 1). */
export function noteRetryAfter(seconds: number): void {
	const note = storage.getStore();
	if (!note) return;
	const whole = Math.max(1, Math.ceil(seconds));
	note.seconds = Math.max(note.seconds ?? 0, whole);
}
