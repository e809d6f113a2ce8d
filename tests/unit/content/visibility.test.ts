import { describe, expect, it } from 'vitest';
import {
	asksAboutTerm,
	glossaryShownFrom,
	lessonStage,
	quotedSpans,
	START_STAGE,
	timelineShownFrom
} from '../../../src/lib/content/visibility.ts';

describe('when scaffolding may be seen', () => {
	it('finds the quoted words of a stem, curly or straight, but not apostrophes', () => {
		expect(quotedSpans("What does “bluster” mean? Kim's 'hostile state' and \"evil\".")).toEqual([
			'bluster',
			'evil',
			'hostile state'
		]);
	});

	it('says a question asks about a term when its stem quotes the term or one of its forms', () => {
		expect(asksAboutTerm({ prompt: 'What does "doubled down" mean here?' }, ['doubled down'])).toBe(true);
		expect(asksAboutTerm({ prompt: 'Why was it "vetoed"?' }, ['veto', 'vetoed'])).toBe(true);
		expect(asksAboutTerm({ prompt: 'What did Kim do after he doubled down?' }, ['doubled down'])).toBe(false);
	});

	it('hides a glossary entry until the questions of the last section that asks about it are over', () => {
		const questions = [
			{ section: 's1', prompt: 'What are "countermeasures"?' },
			{ section: 's3', prompt: 'Decide.', statement: 'The "countermeasures" are military.' },
			{ section: 's2', prompt: 'Who is Rutte?' }
		];
		const from = glossaryShownFrom([{ term: 'countermeasures' }, { term: 'Rutte' }], questions, ['s1', 's2', 's3']);
		expect(from).toEqual([lessonStage('recap', 2), START_STAGE]);
		expect(from[0]).toBeGreaterThan(lessonStage('questions', 2));
		expect(from[0]).toBeLessThan(lessonStage('reading', 3));
	});

	it('opens a timeline event in the recap of the section that tells it; background events at the start', () => {
		const from = timelineShownFrom(
			[{ range: { sentences: ['p9.s1'] } }, { range: null }],
			(id) => (id.startsWith('p9') ? 's3' : 's1'),
			['s1', 's2', 's3']
		);
		expect(from).toEqual([lessonStage('recap', 2), START_STAGE]);
	});
});
