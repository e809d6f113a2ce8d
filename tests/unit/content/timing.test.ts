import { describe, expect, it } from 'vitest';
import { questionMinutes } from '../../../src/lib/content/timing';

describe('lesson time', () => {
	it.each([
		[[], 0],
		[[{ type: 'single-choice' }], 1],
		[[{ type: 'multi-select' }], 2],
		[[{ type: 'multi-select' }, { type: 'cloze' }], 3],
		[[{ type: 'short-answer' }, { type: 'evidence' }, { type: 'true-false-not-stated' }], 6]
	] as const)('%j → %i min of questions', (questions, minutes) => {
		expect(questionMinutes(questions)).toBe(minutes);
	});
});
