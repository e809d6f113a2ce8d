/**
 * Practice attempts the server no longer needs. A practice attempt lets a reload (or a review
 * session) resume; one nobody has touched for PRACTICE_IDLE_DAYS (no try, no hint) is removed with
 * its tries and hints. Thirty days: longer than a school holiday between two lessons, short enough
 * that the table holds only the attempts students are working on. A student who comes back later
 * simply starts the lesson afresh (the device's review deck keeps what they missed).
 *
 * The sweep runs at start-up and every few hours, in the background: small batches, each its own
 * short write, never awaited by a request.
 */
import type { Repository } from '../db/repository.ts';

export const PRACTICE_IDLE_DAYS = 30;
export const CLEANUP_EVERY_MS = 6 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Remove every practice attempt idle for PRACTICE_IDLE_DAYS before `now`; returns how many. */
export async function removeIdlePractice(repo: Repository, now: Date, batch = 200): Promise<number> {
	const before = new Date(now.getTime() - PRACTICE_IDLE_DAYS * DAY_MS).toISOString();
	let removed = 0;
	for (;;) {
		const n = await repo.deleteIdlePracticeAttempts(before, batch);
		removed += n;
		if (n < batch) return removed;
	}
}

let timer: ReturnType<typeof setInterval> | null = null;

/**
 * Sweep now (in the background) and every CLEANUP_EVERY_MS, once per process. A failed sweep (the
 * database busy or away) is logged and tried again at the next one; the timer never keeps the
 * process alive.
 */
export function schedulePracticeCleanup(getRepo: () => Promise<Repository>, clock: () => Date = () => new Date()) {
	if (timer) return;
	const sweep = () => {
		getRepo()
			.then((repo) => removeIdlePractice(repo, clock()))
			.then((n) => {
				if (n > 0) console.info(`Removed ${n} practice attempts idle for ${PRACTICE_IDLE_DAYS} days.`);
			})
			.catch((e: unknown) => console.warn(`Practice clean-up did not run: ${e instanceof Error ? e.message : e}`));
	};
	setTimeout(sweep, 0).unref?.();
	timer = setInterval(sweep, CLEANUP_EVERY_MS);
	timer.unref?.();
}
