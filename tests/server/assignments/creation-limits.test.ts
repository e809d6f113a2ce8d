import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepository, openDatabase, type DatabaseHandle } from '../../../src/lib/server/db/index.ts';
import {
	ASSIGNMENT_LIMIT,
	assignmentRefusal,
	countAssignment,
	countNewStudent,
	createCreationLimits,
	CREATION_WINDOW_MS,
	NEW_STUDENT_LIMIT,
	newStudentRefusal
} from '../../../src/lib/server/assignments/creation-limits.ts';

let handle: DatabaseHandle;
beforeAll(async () => {
	handle = await openDatabase(':memory:');
});
afterAll(() => handle.close());
const store = async () => createRepository(handle.db);

describe('creation limits per address', () => {
	it('let a teacher make assignments until a script-like number, then say when to try again', async () => {
		let t = 0;
		const limits = createCreationLimits(() => t, store);
		for (let i = 0; i < ASSIGNMENT_LIMIT; i++) {
			expect(await assignmentRefusal('10.0.0.1', limits)).toBeNull();
			await countAssignment('10.0.0.1', limits);
			t += 1000;
		}
		const refusal = await assignmentRefusal('10.0.0.1', limits);
		expect(refusal?.message).toMatch(
			/^60 assignments have been created from this network .* Try again in 9 minutes\.$/
		);
		// The first of the 60 leaves the window 540 s from now (one was made each second).
		expect(refusal?.retryAfter).toBe(CREATION_WINDOW_MS / 1000 - ASSIGNMENT_LIMIT);
		expect(await assignmentRefusal('10.0.0.2', limits)).toBeNull();
		t += CREATION_WINDOW_MS;
		expect(await assignmentRefusal('10.0.0.1', limits)).toBeNull();
	});

	it('let a whole class join from one school address, and refuse a flood of fake students in one class only', async () => {
		const t = 0;
		const limits = createCreationLimits(() => t, store);
		for (let i = 0; i < NEW_STUDENT_LIMIT; i++) {
			expect(await newStudentRefusal('10.0.0.1', 'class-a', limits)).toBeNull();
			await countNewStudent('10.0.0.1', 'class-a', limits);
		}
		expect((await newStudentRefusal('10.0.0.1', 'class-a', limits))?.message).toMatch(
			/^250 students have joined this assignment from this network .* Try again in 10 minutes\.$/
		);
		expect(await newStudentRefusal('10.0.0.1', 'class-b', limits)).toBeNull();
		expect(await newStudentRefusal('10.0.0.9', 'class-a', limits)).toBeNull();
	});

	it('count the same events for every server process on one database', async () => {
		const t = 5 * CREATION_WINDOW_MS;
		// Two processes: each has its own limiter objects, and only the database in common.
		const first = createCreationLimits(() => t, store);
		const second = createCreationLimits(
			() => t,
			async () => createRepository(handle.db)
		);
		for (let i = 0; i < ASSIGNMENT_LIMIT; i++) await countAssignment('10.0.0.7', i % 2 === 0 ? first : second);
		expect((await assignmentRefusal('10.0.0.7', first))?.retryAfter).toBe(CREATION_WINDOW_MS / 1000);
		expect((await assignmentRefusal('10.0.0.7', second))?.retryAfter).toBe(CREATION_WINDOW_MS / 1000);
	});
});
