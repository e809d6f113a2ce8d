import { describe, expect, it } from 'vitest';
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

describe('creation limits per address', () => {
	it('let a teacher make assignments until a script-like number, then say when to try again', () => {
		let t = 0;
		const limits = createCreationLimits(() => t);
		for (let i = 0; i < ASSIGNMENT_LIMIT; i++) {
			expect(assignmentRefusal('10.0.0.1', limits)).toBeNull();
			countAssignment('10.0.0.1', limits);
			t += 1000;
		}
		const refusal = assignmentRefusal('10.0.0.1', limits);
		expect(refusal?.message).toMatch(
			/^60 assignments have been created from this network .* Try again in 9 minutes\.$/
		);
		// The first of the 60 leaves the window 540 s from now (one was made each second).
		expect(refusal?.retryAfter).toBe(CREATION_WINDOW_MS / 1000 - ASSIGNMENT_LIMIT);
		expect(assignmentRefusal('10.0.0.2', limits)).toBeNull();
		t += CREATION_WINDOW_MS;
		expect(assignmentRefusal('10.0.0.1', limits)).toBeNull();
	});

	it('let a whole class join from one school address, and refuse a flood of fake students in one class only', () => {
		const t = 0;
		const limits = createCreationLimits(() => t);
		for (let i = 0; i < NEW_STUDENT_LIMIT; i++) {
			expect(newStudentRefusal('10.0.0.1', 'class-a', limits)).toBeNull();
			countNewStudent('10.0.0.1', 'class-a', limits);
		}
		expect(newStudentRefusal('10.0.0.1', 'class-a', limits)?.message).toMatch(
			/^250 students have joined this assignment from this network .* Try again in 10 minutes\.$/
		);
		expect(newStudentRefusal('10.0.0.1', 'class-b', limits)).toBeNull();
		expect(newStudentRefusal('10.0.0.9', 'class-a', limits)).toBeNull();
	});
});
