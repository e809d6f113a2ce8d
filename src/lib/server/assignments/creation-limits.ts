/**
 * Limits on what one address may create: assignments, and new students in one class. Set far
 * above what a teacher or a class does (a teacher makes a few assignments at a sitting; a class
 * is some dozens of students, all behind one school address), and far below what a script does.
 * Counted in the database, so every server process on it shares the count (rate-limit.ts); the
 * clock and the store are injectable for tests.
 */
import { getRepository } from '../db/index.ts';
import { noteRetryAfter } from '../retry-after.ts';
import { minutes } from './lookup.ts';
import { createRateLimiter, type RateLimiter, type RateStore } from './rate-limit.ts';

/** New assignments from one address within the window. */
export const ASSIGNMENT_LIMIT = 60;
/** New students (started attempts) in one class from one address within the window. */
export const NEW_STUDENT_LIMIT = 250;
export const CREATION_WINDOW_MS = 10 * 60 * 1000;

export interface CreationLimits {
	assignments: RateLimiter;
	students: RateLimiter;
}

export function createCreationLimits(
	now?: () => number,
	store: () => Promise<RateStore> = getRepository
): CreationLimits {
	return {
		assignments: createRateLimiter({
			scope: 'new-assignment',
			limit: ASSIGNMENT_LIMIT,
			windowMs: CREATION_WINDOW_MS,
			store,
			now
		}),
		students: createRateLimiter({
			scope: 'new-student',
			limit: NEW_STUDENT_LIMIT,
			windowMs: CREATION_WINDOW_MS,
			store,
			now
		})
	};
}

/** The server's limits, on its database. */
export const creationLimits = (): CreationLimits => createCreationLimits();

export type Refusal = { message: string; retryAfter: number } | null;

/** Whether `client` may create another assignment now; the refusal says when to try again. */
export async function assignmentRefusal(client: string, limits = creationLimits()): Promise<Refusal> {
	const retryAfter = await limits.assignments.retryAfter(client);
	if (retryAfter === 0) return null;
	noteRetryAfter(retryAfter);
	return {
		message: `${ASSIGNMENT_LIMIT} assignments have been created from this network in the last few minutes, which is more than any class needs. Try again in ${minutes(retryAfter)}.`,
		retryAfter
	};
}

/** Whether a new student may join `assignmentId` from `client` now. */
export async function newStudentRefusal(
	client: string,
	assignmentId: string,
	limits = creationLimits()
): Promise<Refusal> {
	const retryAfter = await limits.students.retryAfter(`${client} ${assignmentId}`);
	if (retryAfter === 0) return null;
	noteRetryAfter(retryAfter);
	return {
		message: `${NEW_STUDENT_LIMIT} students have joined this assignment from this network in the last few minutes, which is more than a class. Try again in ${minutes(retryAfter)}.`,
		retryAfter
	};
}

export const countAssignment = (client: string, limits = creationLimits()) => limits.assignments.fail(client);
export const countNewStudent = (client: string, assignmentId: string, limits = creationLimits()) =>
	limits.students.fail(`${client} ${assignmentId}`);
