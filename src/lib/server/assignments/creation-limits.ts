/**
 * Limits on what one address may create: assignments, and new students in one class. Set far
 * above what a teacher or a class does (a teacher makes a few assignments at a sitting; a class
 * is some dozens of students, all behind one school address), and far below what a script does.
 * Counted per server process, like the guess limiter; the clock is injectable for tests.
 */
import { noteRetryAfter } from '../retry-after.ts';
import { minutes } from './lookup.ts';
import { createRateLimiter, type RateLimiter } from './rate-limit.ts';

/** New assignments from one address within the window. */
export const ASSIGNMENT_LIMIT = 60;
/** New students (started attempts) in one class from one address within the window. */
export const NEW_STUDENT_LIMIT = 250;
export const CREATION_WINDOW_MS = 10 * 60 * 1000;

export interface CreationLimits {
	assignments: RateLimiter;
	students: RateLimiter;
}

export function createCreationLimits(now?: () => number): CreationLimits {
	return {
		assignments: createRateLimiter({ limit: ASSIGNMENT_LIMIT, windowMs: CREATION_WINDOW_MS, now }),
		students: createRateLimiter({ limit: NEW_STUDENT_LIMIT, windowMs: CREATION_WINDOW_MS, now })
	};
}

const LIMITS = Symbol.for('closeread.creation-limits');
/** The server's limits (kept on globalThis so a dev reload does not reset them). */
export function creationLimits(): CreationLimits {
	const slot = globalThis as typeof globalThis & { [LIMITS]?: CreationLimits };
	return (slot[LIMITS] ??= createCreationLimits());
}

export type Refusal = { message: string; retryAfter: number } | null;

/** Whether `client` may create another assignment now; the refusal says when to try again. */
export function assignmentRefusal(client: string, limits = creationLimits()): Refusal {
	if (!limits.assignments.blocked(client)) return null;
	const retryAfter = limits.assignments.retryAfter(client);
	noteRetryAfter(retryAfter);
	return {
		message: `${ASSIGNMENT_LIMIT} assignments have been created from this network in the last few minutes, which is more than any class needs. Try again in ${minutes(retryAfter)}.`,
		retryAfter
	};
}

/** Whether a new student may join `assignmentId` from `client` now. */
export function newStudentRefusal(client: string, assignmentId: string, limits = creationLimits()): Refusal {
	const key = `${client} ${assignmentId}`;
	if (!limits.students.blocked(key)) return null;
	const retryAfter = limits.students.retryAfter(key);
	noteRetryAfter(retryAfter);
	return {
		message: `${NEW_STUDENT_LIMIT} students have joined this assignment from this network in the last few minutes, which is more than a class. Try again in ${minutes(retryAfter)}.`,
		retryAfter
	};
}

export const countAssignment = (client: string, limits = creationLimits()) => limits.assignments.fail(client);
export const countNewStudent = (client: string, assignmentId: string, limits = creationLimits()) =>
	limits.students.fail(`${client} ${assignmentId}`);
