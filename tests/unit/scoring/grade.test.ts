import { describe, expect, it } from 'vitest';
import { labelling } from '../../../src/lib/content/public.ts';
import { grade, solutionFor, verdictFor } from '../../../src/lib/scoring/grade.ts';
import type { Response } from '../../../src/lib/scoring/response.ts';
import { labelOf, questionOf, realModule, smallModule } from './helpers.ts';

const small = smallModule();
const real = realModule();

/** Grade a question of the small module under its default labelling. */
function gradeSmall(id: string, response: Response) {
	const q = questionOf(small, id);
	return grade(q, response, labelling(q));
}

const opt = (id: string, authorId: string) => labelOf(labelling(questionOf(small, id)).options, authorId);
const right = (id: string, authorId: string) => labelOf(labelling(questionOf(small, id)).right, authorId);
const partB = (id: string, authorId: string) => labelOf(labelling(questionOf(small, id)).partB, authorId);

describe('verdictFor', () => {
	it.each([
		[1, 'correct'],
		[0.5, 'partial'],
		[0.01, 'partial'],
		[0, 'incorrect']
	] as const)('credit %s → %s', (credit, verdict) => {
		expect(verdictFor(credit)).toBe(verdict);
	});
});

describe('single-choice', () => {
	it.each([
		['a', 1, 'correct', '3,000 apples.'],
		['b', 0, 'incorrect', 'Too few; read the number again.'],
		['c', 0, 'incorrect', 'Too many; read the number again.']
	])('choosing %s earns %s', (authorId, credit, verdict, feedback) => {
		const label = opt('single', authorId);
		const g = gradeSmall('single', { type: 'single-choice', optionId: label });
		expect(g).toEqual({ credit, verdict, feedback: [feedback], marks: { [label]: credit === 1 } });
	});

	it('an unknown label is wrong, not an error', () => {
		const g = gradeSmall('single', { type: 'single-choice', optionId: 'o9' });
		expect(g.verdict).toBe('incorrect');
		expect(g.marks).toEqual({ o9: false });
	});
});

describe('multi-select: (right − wrong) / number correct, floored at 0', () => {
	it.each([
		[['mayor', 'farmers'], 1, 'correct', 0],
		[['mayor'], 0.5, 'partial', 1],
		[['mayor', 'farmers', 'police'], 0.5, 'partial', 0],
		[['mayor', 'police'], 0, 'incorrect', 1],
		[['police', 'teachers', 'king'], 0, 'incorrect', 2],
		[[], 0, 'incorrect', 2]
	])('%j → %s', (picks, credit, verdict, missing) => {
		const labels = picks.map((p) => opt('who', p));
		const g = gradeSmall('who', { type: 'multi-select', optionIds: labels });
		expect(g.credit).toBe(credit);
		expect(g.verdict).toBe(verdict);
		// every chosen option's own feedback, then a line on how many right answers are missing
		expect(g.feedback.length).toBe(picks.length + (missing > 0 ? 1 : 0));
		if (missing === 1) expect(g.feedback.at(-1)).toBe('There is 1 more right answer you did not choose.');
		if (missing === 2) expect(g.feedback.at(-1)).toBe('There are 2 more right answers you did not choose.');
		expect(Object.values(g.marks)).toEqual(picks.map((p) => p === 'mayor' || p === 'farmers'));
	});

	it('the missing line does not name the missed options', () => {
		const g = gradeSmall('who', { type: 'multi-select', optionIds: [opt('who', 'mayor')] });
		expect(g.feedback).toHaveLength(2);
		expect(g.feedback[1]).not.toMatch(/farmers/i);
	});

	it('an unknown label counts as a wrong pick and adds no feedback of its own', () => {
		const picks = [opt('who', 'mayor'), opt('who', 'farmers'), 'o42'];
		const g = gradeSmall('who', { type: 'multi-select', optionIds: picks });
		expect(g.credit).toBe(0.5);
		expect(g.feedback).toEqual(['The mayor praised the farmers.', 'The farmers are praised.']);
		expect(g.marks.o42).toBe(false);
	});

	it('its solution lists the right options in label order', () => {
		const q = questionOf(small, 'who');
		for (const seed of ['a', 'b', 'c']) {
			const labels = labelling(q, seed);
			const s = solutionFor(q, labels);
			const expected = [labelOf(labels.options, 'mayor'), labelOf(labels.options, 'farmers')].sort();
			expect(s).toEqual({ type: 'multi-select', optionIds: expected });
		}
	});

	it('picking the same option twice counts once', () => {
		const mayor = opt('who', 'mayor');
		expect(gradeSmall('who', { type: 'multi-select', optionIds: [mayor, mayor] }).credit).toBe(0.5);
	});
});

describe('true-false-not-stated', () => {
	it.each([
		['not-stated', 1, 'Nobody mentioned pears.'],
		['true', 0, 'The passage never says pears were sold.'],
		['false', 0, 'The passage does not say that either way.']
	] as const)('%s → %s', (choice, credit, feedback) => {
		const g = gradeSmall('pears', { type: 'true-false-not-stated', choice });
		expect(g.credit).toBe(credit);
		expect(g.feedback).toEqual([feedback]);
		expect(g.marks).toEqual({ [choice]: credit === 1 });
	});
});

describe('short-answer', () => {
	it.each([
		['3,000', 1, 'Right.'],
		['three thousand', 1, 'Right.'],
		['3000.', 1, 'Right.'],
		['300', 0, 'That misses a zero; read the number again.'],
		['three hundred', 0, 'That misses a zero; read the number again.'],
		['many', 0, 'Read the first sentence again.'],
		['', 0, 'Read the first sentence again.']
	])('%j → %s', (text, credit, feedback) => {
		const g = gradeSmall('count', { type: 'short-answer', text });
		expect(g.credit).toBe(credit);
		expect(g.feedback).toEqual([feedback]);
	});
});

describe('typed answers of the real module: the most specific feedback', () => {
	const veto = questionOf(real, 'russia-vetoed');
	const gradeVeto = (text: string) => grade(veto, { type: 'short-answer', text }, labelling(veto));

	it.each([
		// an authored wrong answer typed the same way
		[
			'UN sanctions',
			'Close, but Russia vetoed the renewal of the monitoring of sanctions, not the sanctions themselves.'
		],
		// a forbidden concept
		[
			'the sanctions monitoring team of 11 countries',
			'That team was set up later by 11 countries to continue the work of the UN panel. Russia vetoed something at the UN itself.'
		],
		// a required concept missing while another is there
		[
			'new sanctions on north korea',
			'Close, but Russia vetoed the renewal of the monitoring of sanctions, the checks on whether they are kept, not the sanctions themselves.'
		],
		// nothing the rubric knows
		// (the grader drops the authored "Not quite.": the heading already gives the verdict)
		['a peace deal', 'Find the word "vetoed" in this section and read what follows it.']
	])('%j → %j', (text, feedback) => {
		expect(gradeVeto(text)).toEqual({ credit: 0, verdict: 'incorrect', feedback: [feedback], marks: { text: false } });
	});

	it('gives part of a blank whose rubric allows partial credit, with the blank’s feedback', () => {
		const q = questionOf(real, 'marriage-of-convenience');
		const g = grade(q, { type: 'cloze', blanks: { b1: 'benefit', b2: 'food and oil' } }, labelling(q));
		expect(g).toMatchObject({ verdict: 'partial', marks: { b1: true, b2: false } });
		expect(g.credit).toBeCloseTo((1 + 2 / 3) / 2, 3);
		expect(g.feedback).toEqual([
			'Look at the end of the second paragraph, after the words "in exchange for". Name all three things.'
		]);
		const tech = grade(q, { type: 'cloze', blanks: { b1: 'benefit', b2: 'food, oil and technology' } }, labelling(q));
		expect(tech.credit).toBe(0.5);
		expect(tech.feedback[0]).toMatch(/^Technology comes up in a later paragraph/);
	});
});

describe('ordering: share of pairs in the right relative order', () => {
	it.each([
		[['sent', 'opened', 'pies', 'thanked'], 1],
		[['opened', 'sent', 'pies', 'thanked'], 5 / 6],
		[['sent', 'opened', 'thanked', 'pies'], 5 / 6],
		[['thanked', 'sent', 'opened', 'pies'], 3 / 6],
		[['thanked', 'pies', 'opened', 'sent'], 0],
		// malformed: missing, duplicate, unknown ids
		[['sent', 'opened', 'pies'], 0],
		[['sent', 'sent', 'pies', 'thanked'], 0],
		[['sent', 'opened', 'pies', 'rain'], 0],
		[['sent', 'opened', 'pies', 'thanked', 'extra'], 0]
	])('%j → %s', (order, credit) => {
		const g = gradeSmall('sequence', { type: 'ordering', order });
		expect(g.credit).toBeCloseTo(credit, 4);
		expect(g.feedback).toEqual([credit === 1 ? 'Monday to Friday.' : 'Use the days of the week.']);
	});

	it('marks each item that stands in its right place', () => {
		const g = gradeSmall('sequence', { type: 'ordering', order: ['opened', 'sent', 'pies', 'thanked'] });
		expect(g.marks).toEqual({ opened: false, sent: false, pies: true, thanked: true });
		expect(g.verdict).toBe('partial');
	});
});

describe('matching: share of left items matched right', () => {
	it.each([
		[{ l1: 'monday', l2: 'tuesday', l3: 'friday' }, 1, []],
		[
			{ l1: 'tuesday', l2: 'monday', l3: 'friday' },
			1 / 3,
			['Monday is when the apples were sent.', 'Tuesday is when the fair opened.']
		],
		[{ l1: 'monday', l2: 'rain', l3: 'friday' }, 2 / 3, ['Tuesday is when the fair opened.']],
		[{ l1: 'monday', l2: null, l3: 'friday' }, 2 / 3, ['Tuesday is when the fair opened.']],
		[{ l1: 'monday' }, 1 / 3, ['Tuesday is when the fair opened.', 'Friday is when the mayor thanked everyone.']]
	] as const)('%j → %s', (byAuthor, credit, feedback) => {
		const pairs = Object.fromEntries(
			Object.entries(byAuthor).map(([left, id]) => [left, id === null ? null : right('days', id)])
		);
		const g = gradeSmall('days', { type: 'matching', pairs });
		expect(g.credit).toBeCloseTo(credit, 4);
		expect(g.feedback).toEqual(feedback);
	});

	it('an unknown right label is wrong', () => {
		const g = gradeSmall('days', { type: 'matching', pairs: { l1: 'r99', l2: 'r98', l3: 'r97' } });
		expect(g).toMatchObject({ credit: 0, verdict: 'incorrect', marks: { l1: false, l2: false, l3: false } });
	});
});

describe('cloze: share of blanks right', () => {
	it.each([
		[{ n: '3000', what: 'pies' }, 1, []],
		[{ n: 'three thousand', what: 'PIES' }, 1, []],
		[{ n: '300', what: 'pies' }, 0.5, ['Check the number in the first sentence.']],
		[{ n: '3,000', what: 'jam' }, 0.5, ['Read what the bakers made.']],
		// a choice blank compares the choice itself, not a normalised reading of it
		[{ n: '3,000', what: 'the pies' }, 0.5, ['Read what the bakers made.']],
		[{ n: '3,000' }, 0.5, ['Read what the bakers made.']],
		[{}, 0, ['Check the number in the first sentence.', 'Read what the bakers made.']]
	])('%j → %s', (blanks, credit, feedback) => {
		const g = gradeSmall('fill', { type: 'cloze', blanks });
		expect(g.credit).toBe(credit);
		expect(g.feedback).toEqual(feedback);
		expect(Object.keys(g.marks)).toEqual(['n', 'what']);
	});
});

describe('evidence: F1 of chosen and expected sentences', () => {
	it.each([
		[['p2.s2', 'p2.s3'], 1, 'correct'],
		[['p2.s3', 'p2.s2'], 1, 'correct'],
		[['p2.s2'], 2 / 3, 'partial'],
		[['p2.s2', 'p2.s3', 'p1.s1'], 0.8, 'partial'],
		[['p2.s2', 'p1.s1'], 0.5, 'partial'],
		[['p1.s1'], 0, 'incorrect'],
		[[], 0, 'incorrect'],
		// outside the selectable sentences (another section): counts as wrong
		[['p2.s2', 'p3.s1'], 0.5, 'partial'],
		[['nonsense'], 0, 'incorrect'],
		// beyond maxSelect (3): the fourth pick counts as wrong even though it is expected
		[['p1.s1', 'p1.s2', 'p2.s2', 'p2.s3'], 2 / 6, 'partial'],
		// the same sentence twice counts once
		[['p2.s2', 'p2.s2', 'p2.s3'], 1, 'correct']
	] as const)('%j → %s', (sentences, credit, verdict) => {
		const g = gradeSmall('find', { type: 'evidence', sentences: [...sentences] });
		expect(g.credit).toBeCloseTo(credit, 4);
		expect(g.verdict).toBe(verdict);
		const line = {
			correct: 'Both sentences.',
			partial: 'Some of your sentences show it.',
			incorrect: 'Look at the second paragraph.'
		}[verdict];
		expect(g.feedback).toEqual([line]);
	});

	it('marks sentences beyond maxSelect as wrong', () => {
		const g = gradeSmall('find', { type: 'evidence', sentences: ['p1.s1', 'p1.s2', 'p2.s2', 'p2.s3'] });
		expect(g.marks).toEqual({ 'p1.s1': false, 'p1.s2': false, 'p2.s2': true, 'p2.s3': false });
	});
});

describe('evidence-paired: the EBSR rule', () => {
	it.each([
		['grateful', 'thanks', 1, 'correct'],
		['grateful', 'rain', 0.5, 'partial'],
		['angry', 'thanks', 0, 'incorrect'],
		['bored', 'pears', 0, 'incorrect']
	])('part A %s, part B %s → %s', (a, b, credit, verdict) => {
		const la = opt('paired', a);
		const lb = partB('paired', b);
		const g = gradeSmall('paired', { type: 'evidence-paired', partA: la, partB: lb });
		expect(g.credit).toBe(credit);
		expect(g.verdict).toBe(verdict);
		expect(g.feedback).toHaveLength(2);
		expect(g.marks).toEqual({ [la]: a === 'grateful', [lb]: b === 'thanks' });
	});
});

describe('evidence-paired with unknown labels', () => {
	it('counts an unknown part B label as wrong and says so', () => {
		const g = gradeSmall('paired', { type: 'evidence-paired', partA: opt('paired', 'grateful'), partB: 'b9' });
		expect(g.credit).toBe(0.5);
		expect(g.feedback[1]).toBe('Your Part B choice is not one of the options.');
	});
});

describe('mismatched response type', () => {
	it('throws: the caller must reject it before grading', () => {
		const q = questionOf(small, 'single');
		expect(() => grade(q, { type: 'short-answer', text: '3,000' }, labelling(q))).toThrow(/short-answer/);
	});
});

describe('the first real module', () => {
	const g = (id: string, response: Response, seed?: string) => {
		const q = questionOf(real, id);
		return grade(q, response, labelling(q, seed));
	};
	const l = (id: string, seed?: string) => labelling(questionOf(real, id), seed);

	it('its solution grades as fully right for every question, under several seeds', () => {
		for (const seed of [undefined, 'student-1', 'student-2', 'x']) {
			for (const q of real.questions) {
				const labels = labelling(q, seed);
				const s = solutionFor(q, labels);
				const response: Response = (() => {
					switch (s.type) {
						case 'single-choice':
							return { type: s.type, optionId: s.optionId };
						case 'multi-select':
							return { type: s.type, optionIds: s.optionIds };
						case 'true-false-not-stated':
							return { type: s.type, choice: s.choice };
						case 'short-answer':
							return { type: s.type, text: s.answers[0]! };
						case 'ordering':
							return { type: s.type, order: s.order };
						case 'matching':
							return { type: s.type, pairs: s.pairs };
						case 'cloze':
							return { type: s.type, blanks: s.blanks };
						case 'evidence':
							return { type: s.type, sentences: s.sentences };
						case 'evidence-paired':
							return { type: s.type, partA: s.partA, partB: s.partB };
					}
				})();
				expect(grade(q, response, labels), `${q.id} with seed ${seed}`).toMatchObject({
					credit: 1,
					verdict: 'correct'
				});
			}
		}
	});

	// The real module is still being written: these checks follow its data rather than its wording.
	it('every wrong option of a single-choice question earns 0 with its own feedback', () => {
		for (const q of real.questions) {
			if (q.type !== 'single-choice') continue;
			for (const o of q.options.filter((x) => !x.correct)) {
				const r = g(q.id, { type: 'single-choice', optionId: labelOf(l(q.id).options, o.id) });
				expect(r, `${q.id}/${o.id}`).toMatchObject({ credit: 0, verdict: 'incorrect', feedback: [o.feedback] });
			}
		}
	});

	it('every model answer of a typed question counts in capitals with a full stop', () => {
		for (const q of real.questions) {
			if (q.type === 'short-answer') {
				expect(g(q.id, { type: 'short-answer', text: `${q.answer.toUpperCase()}.` }).verdict, q.id).toBe('correct');
			}
			if (q.type === 'cloze') {
				const blanks = Object.fromEntries(
					q.blanks.map((b) => [b.id, b.choices ? b.answer : `${b.answer.toUpperCase()}.`])
				);
				expect(g(q.id, { type: 'cloze', blanks }).verdict, q.id).toBe('correct');
			}
		}
	});

	it('multi-select: all right answers plus one wrong earn (c − 1) / c', () => {
		for (const q of real.questions) {
			if (q.type !== 'multi-select') continue;
			const labels = l(q.id).options;
			const correct = q.options.filter((o) => o.correct);
			const wrong = q.options.find((o) => !o.correct)!;
			const picks = [...correct, wrong].map((o) => labelOf(labels, o.id));
			const r = g(q.id, { type: 'multi-select', optionIds: picks });
			expect(r.credit, q.id).toBeCloseTo((correct.length - 1) / correct.length, 4);
			expect(r.marks[labelOf(labels, wrong.id)]).toBe(false);
		}
	});

	it('evidence: the expected sentences plus one more earn 2c / (2c + 1)', () => {
		for (const q of real.questions) {
			if (q.type !== 'evidence') continue;
			const expected = q.resolved.expectedSentences ?? [];
			const extra = (q.resolved.selectableSentences ?? []).find((s) => !expected.includes(s))!;
			const sentences = [...expected, extra];
			if (sentences.length > q.maxSelect) continue;
			const r = g(q.id, { type: 'evidence', sentences });
			expect(r.credit, q.id).toBeCloseTo((2 * expected.length) / (2 * expected.length + 1), 4);
			expect(r.feedback).toEqual([q.feedback.partial]);
		}
	});
});

describe('labelling seeds', () => {
	it('change the option order but grading follows the labels the student saw', () => {
		const q = questionOf(small, 'single');
		const seeds = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'];
		const orders = seeds.map((seed) => JSON.stringify(Object.values(labelling(q, seed).options)));
		expect(new Set(orders).size).toBeGreaterThan(1);
		for (const seed of seeds) {
			const labels = labelling(q, seed);
			const rightLabel = labelOf(labels.options, 'a');
			expect(grade(q, { type: 'single-choice', optionId: rightLabel }, labels).verdict).toBe('correct');
			expect(solutionFor(q, labels)).toEqual({ type: 'single-choice', optionId: rightLabel });
		}
	});

	it('a label means a different option under a different seed', () => {
		const q = questionOf(small, 'single');
		const seeds = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'];
		const verdicts = seeds.map(
			(seed) => grade(q, { type: 'single-choice', optionId: 'o1' }, labelling(q, seed)).verdict
		);
		expect(new Set(verdicts)).toEqual(new Set(['correct', 'incorrect']));
	});

	it('matching right-hand labels follow the seed', () => {
		const q = questionOf(small, 'days');
		for (const seed of ['one', 'two', 'three']) {
			const labels = labelling(q, seed);
			const pairs = {
				l1: labelOf(labels.right, 'monday'),
				l2: labelOf(labels.right, 'tuesday'),
				l3: labelOf(labels.right, 'friday')
			};
			expect(grade(q, { type: 'matching', pairs }, labels).credit).toBe(1);
			expect(solutionFor(q, labels)).toEqual({ type: 'matching', pairs });
		}
	});
});
