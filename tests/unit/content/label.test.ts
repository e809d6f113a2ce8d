import { describe, expect, it } from 'vitest';
import { loadModuleDir } from '../../../src/lib/server/content.ts';
import { toPublicQuestion } from '../../../src/lib/content/public.ts';
import { questionLabel } from '../../../src/lib/content/label.ts';

const SLUG = 'seoul-warns-north-korean-soldiers-russia';

describe('questionLabel', () => {
	it('names a true/false/not-stated question by its statement', () => {
		expect(
			questionLabel({
				type: 'true-false-not-stated',
				prompt: 'Decide whether the passage says the statement is true, says it is false, or does not say.',
				statement: 'The panel is still at work.'
			})
		).toBe('True, false or not stated? “The panel is still at work.”');
	});

	it('adds the claim to an evidence prompt that points to it, and leaves other prompts alone', () => {
		expect(
			questionLabel({ type: 'evidence', prompt: 'Select the sentence that supports the claim below.', claim: 'X.' })
		).toBe('Select the sentence that supports the claim below. “X.”');
		expect(questionLabel({ type: 'evidence', prompt: 'Select the sentence that shows why.', claim: 'X.' })).toBe(
			'Select the sentence that shows why.'
		);
		expect(questionLabel({ type: 'single-choice', prompt: 'Who is Mark Rutte?' })).toBe('Who is Mark Rutte?');
	});

	it('tells every question of the lesson apart, from authored and public questions alike', () => {
		const loaded = loadModuleDir(`questions/${SLUG}`, SLUG);
		if (!loaded.ok) throw new Error('module does not load');
		const { questions, passage } = loaded.module;
		const labels = questions.map(questionLabel);
		expect(new Set(labels).size).toBe(questions.length);
		expect(questions.map((q) => questionLabel(toPublicQuestion(q, passage.text)))).toEqual(labels);
	});
});
