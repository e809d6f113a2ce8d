/**
 * Finding an assignment from a link: by student code (public, short), or by results secret
 * (private: hashed, compared in constant time, wrong guesses counted per address and refused with
 * 429 when they pile up). A wrong or deleted link is a 404 either way.
 */
import { error } from '@sveltejs/kit';
import type { Module } from '../../content/module.ts';
import { getModule } from '../content.ts';
import { getRepository } from '../db/index.ts';
import { isStudentCode, normaliseStudentCode } from '../db/codes.ts';
import type { Assignment, Repository } from '../db/repository.ts';
import { createRateLimiter, type RateLimiter } from './rate-limit.ts';
import { noteRetryAfter } from '../retry-after.ts';
import { looksLikeResultsSecret, sameDigest, sha256Hex } from './secrets.ts';

export interface Found {
	repo: Repository;
	assignment: Assignment;
	module: Module;
}

export async function byStudentCode(code: string): Promise<Found> {
	const normal = normaliseStudentCode(code);
	if (!isStudentCode(normal)) error(404, 'There is no assignment with this code. Check the link with your teacher.');
	const repo = await getRepository();
	const assignment = await repo.getAssignmentByCode(normal);
	if (!assignment) error(404, 'There is no assignment with this code. Check the link with your teacher.');
	const module = getModule(assignment.moduleSlug);
	if (!module) error(404, 'The lesson of this assignment is no longer available.');
	return { repo, assignment, module };
}

/** Wrong results secrets allowed per address in the window before 429. */
export const GUESS_LIMIT = 10;
export const GUESS_WINDOW_MS = 15 * 60 * 1000;

const LIMITER = Symbol.for('closeread.results-limiter');
/** One limiter per server process (kept on globalThis so a dev reload does not reset it). */
export function resultsLimiter(): RateLimiter {
	const slot = globalThis as typeof globalThis & { [LIMITER]?: RateLimiter };
	return (slot[LIMITER] ??= createRateLimiter({ limit: GUESS_LIMIT, windowMs: GUESS_WINDOW_MS }));
}

const NOT_FOUND =
	'There are no results at this address. Check the link you were given when you created the assignment.';

/**
 * The assignment behind a results secret. `client` is the caller's address. Only wrong secrets are
 * limited: the right one always works, so a teacher behind a school's shared address is never locked
 * out by someone else's typos. Once an address has guessed wrong GUESS_LIMIT times in the window,
 * its further wrong guesses get 429 with Retry-After (and are not counted) until the window passes.
 */
export async function byResultsSecret(
	secret: string,
	client: string,
	limiter: RateLimiter = resultsLimiter()
): Promise<Found> {
	const found = await checkResultsSecret(secret, client, limiter);
	if (found === 'blocked') {
		const seconds = limiter.retryAfter(client);
		noteRetryAfter(seconds);
		error(429, `Too many wrong results links from this address. Try again in ${minutes(seconds)}.`);
	}
	if (found === 'wrong') error(404, NOT_FOUND);
	if (found === 'no-module') error(404, 'The lesson of this assignment is no longer available.');
	return found;
}

/**
 * The same check as byResultsSecret, answered instead of thrown, for pages that look up several
 * secrets or one on the side: 'wrong' is counted against the address like any wrong guess, and
 * 'blocked' (not counted) once the address has guessed wrong too often.
 */
export async function checkResultsSecret(
	secret: string,
	client: string,
	limiter: RateLimiter = resultsLimiter(),
	repository?: Repository
): Promise<Found | 'wrong' | 'blocked' | 'no-module'> {
	const hash = sha256Hex(secret);
	const repo = repository ?? (await getRepository());
	const assignment = looksLikeResultsSecret(secret) ? await repo.getAssignmentByResultsHash(hash) : undefined;
	// The database finds the row by its hash; compare again in constant time before trusting it.
	if (!assignment || !sameDigest(assignment.resultsHash, hash)) {
		if (limiter.blocked(client)) return 'blocked';
		limiter.fail(client);
		return 'wrong';
	}
	const module = getModule(assignment.moduleSlug);
	if (!module) return 'no-module';
	return { repo, assignment, module };
}

/** "1 minute", "15 minutes": whole minutes, rounded up. */
export function minutes(seconds: number): string {
	const n = Math.max(1, Math.ceil(seconds / 60));
	return n === 1 ? '1 minute' : `${n} minutes`;
}
