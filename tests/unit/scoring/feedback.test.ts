/**
 * At once or held back: the teacher's form marks a change of feedback as crossing by the same rule
 * the server grades by (one answer per question when feedback is held back).
 */
import { describe, expect, it } from 'vitest';
import { holdsBack } from '../../../src/lib/scoring/feedback.ts';
import { effectiveModule, isDeferred } from '../../../src/lib/server/assignments/policy.ts';
import { feedbackModes } from '../../../src/lib/server/db/schema.ts';
import { settingsFrom } from '../../server/db/suite-database.ts';
import { smallModule } from './helpers.ts';

const settings = settingsFrom({ triesPerQuestion: 3 });

describe('feedback held back', () => {
	it('only feedback at once is not held back', () => {
		expect(feedbackModes.filter(holdsBack)).toEqual(['after-submit', 'on-release']);
	});

	it.each(feedbackModes)('%s: the form and the server agree, and a held-back question takes one answer', (feedback) => {
		const s = settings({ feedback });
		expect(isDeferred(s)).toBe(holdsBack(feedback));
		expect(effectiveModule(smallModule(), s).scoring.maxTries).toBe(holdsBack(feedback) ? 1 : 3);
	});
});
