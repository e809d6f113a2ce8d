import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type ScoringPolicy } from '../../../src/lib/content/schema.ts';
import { describePolicy, questionPoints, summarize, type Outcome } from '../../../src/lib/scoring/score.ts';

const policy = (overrides: Partial<ScoringPolicy> = {}): ScoringPolicy => ({ ...DEFAULT_POLICY, ...overrides });

describe('questionPoints with the default policy (25% per extra try, 10% per hint)', () => {
	it.each([
		// points, credit, try, hints, revealed → points
		[1, 1, 1, 0, false, 1],
		[1, 1, 2, 0, false, 0.75],
		[1, 1, 3, 0, false, 0.5],
		[2, 1, 1, 1, false, 1.8],
		[2, 1, 2, 2, false, 1.1],
		[1, 0.5, 1, 0, false, 0.5],
		[3, 2 / 3, 1, 0, false, 2],
		[1, 1 / 3, 2, 1, false, 0.22],
		[1, 0, 1, 0, false, 0],
		// revealed scores zero whatever was right
		[1, 1, 1, 0, true, 0],
		[5, 0.5, 2, 1, true, 0]
	])(
		'%s pts, credit %s, try %s, %s hints, revealed %s → %s',
		(points, credit, tryNumber, hintsUsed, revealed, expected) => {
			expect(questionPoints({ points, credit, tryNumber, hintsUsed, revealed }, DEFAULT_POLICY)).toBe(expected);
		}
	);
});

describe('questionPoints with other policies', () => {
	it.each([
		['partial credit off: partly right earns nothing', policy({ partialCredit: false }), 0.9, 1, 0, 0],
		['partial credit off: fully right still counts', policy({ partialCredit: false }), 1, 2, 0, 0.75],
		['no retry penalty', policy({ retryPenalty: 0 }), 1, 3, 0, 1],
		['no hint penalty', policy({ hintPenalty: 0 }), 1, 1, 3, 1],
		['floors at zero: tries', policy({ retryPenalty: 0.5, maxTries: 5 }), 1, 4, 0, 0],
		['floors at zero: tries and hints', policy({ retryPenalty: 0.4, hintPenalty: 0.3 }), 1, 3, 3, 0],
		['floors at zero: hints alone', policy({ hintPenalty: 0.5 }), 1, 1, 3, 0],
		['credit above 1 is capped', policy(), 1.5, 1, 0, 1]
	])('%s', (_name, p, credit, tryNumber, hintsUsed, expected) => {
		expect(questionPoints({ points: 1, credit, tryNumber, hintsUsed, revealed: false }, p)).toBe(expected);
	});

	it('never rewards speed: the input has no time at all, and the same answer scores the same', () => {
		const input = { points: 2, credit: 1, tryNumber: 1, hintsUsed: 0, revealed: false };
		expect(questionPoints(input, DEFAULT_POLICY)).toBe(2);
		expect(questionPoints({ ...input }, DEFAULT_POLICY)).toBe(questionPoints(input, DEFAULT_POLICY));
	});
});

describe('describePolicy', () => {
	it('says the default policy in plain words', () => {
		expect(describePolicy(DEFAULT_POLICY)).toEqual([
			'You have 3 tries for each question.',
			"Each extra try costs 25% of a question's points.",
			'Each hint costs 10%.',
			'Partly right answers earn part of the points.',
			'Asking to see the answer scores zero for that question, less than another try: even your last try can earn up to 50% of its points.',
			'You master a learning goal when you earn at least 80% of its points.',
			'There is no time limit and no speed bonus.'
		]);
	});

	it.each([
		[{ maxTries: 1 }, 'You have 1 try for each question.', /extra try/],
		[{ retryPenalty: 0 }, 'Extra tries cost nothing.', /costs 0%/],
		[{ hintPenalty: 0 }, 'Hints cost nothing.', /Each hint/],
		[{ partialCredit: false }, 'Only fully right answers earn points.', /Partly right/],
		[{ retryPenalty: 0.125 }, "Each extra try costs 12.5% of a question's points.", /13%/],
		[{ maxTries: 1 }, 'Asking to see the answer scores zero for that question.', /another try/],
		[{ retryPenalty: 0.5 }, 'Asking to see the answer scores zero for that question.', /last try/],
		[
			{ retryPenalty: 0 },
			'Asking to see the answer scores zero for that question, less than another try: even your last try can earn up to 100% of its points.',
			/costs 0%/
		]
	] as const)('%j → says %j', (overrides, line, absent) => {
		const lines = describePolicy(policy(overrides));
		expect(lines).toContain(line);
		expect(lines.join(' ')).not.toMatch(absent);
		expect(lines.at(-1)).toBe('There is no time limit and no speed bonus.');
	});
});

describe('summarize', () => {
	const questions = [
		{ id: 'q1', objective: 'facts', points: 1 },
		{ id: 'q2', objective: 'facts', points: 2 },
		{ id: 'q3', objective: 'claims', points: 1 },
		{ id: 'q4', objective: 'claims', points: 1 }
	];
	const objectives = [
		{ id: 'facts', title: 'Key facts' },
		{ id: 'claims', title: 'Claims' },
		{ id: 'words', title: 'Words' }
	];
	const outcome = (o: Partial<Outcome>): Outcome => ({
		tries: 1,
		hintsUsed: 0,
		revealed: false,
		credit: 1,
		points: 1,
		firstTryCorrect: true,
		...o
	});
	const outcomes: Record<string, Outcome> = {
		q1: outcome({}),
		q2: outcome({ tries: 2, points: 1.5, firstTryCorrect: false }),
		q3: outcome({ hintsUsed: 1, points: 0.9 }),
		q4: outcome({ tries: 1, revealed: true, credit: 0, points: 0, firstTryCorrect: false })
	};
	const summary = summarize(questions, objectives, outcomes, DEFAULT_POLICY);

	it('adds up points and percent', () => {
		expect(summary).toMatchObject({ total: 3.4, max: 5, percent: 68 });
	});

	it('reports each objective with mastery at the threshold', () => {
		expect(summary.byObjective).toEqual([
			{ id: 'facts', title: 'Key facts', earned: 2.5, max: 3, share: 0.8333, mastered: true },
			{ id: 'claims', title: 'Claims', earned: 0.9, max: 2, share: 0.45, mastered: false },
			{ id: 'words', title: 'Words', earned: 0, max: 0, share: 0, mastered: false }
		]);
	});

	it.each([
		['q1', false, 'right at the first try without hints'],
		['q2', true, 'needed a second try'],
		['q3', true, 'used a hint'],
		['q4', true, 'revealed']
	])('%s missed = %s (%s)', (id, missed) => {
		expect(summary.questions.find((q) => q.id === id)?.missed).toBe(missed);
	});

	it('keeps tries, hints and reveal per question', () => {
		expect(summary.questions[1]).toEqual({
			id: 'q2',
			objective: 'facts',
			earned: 1.5,
			max: 2,
			tries: 2,
			hintsUsed: 0,
			revealed: false,
			firstTryCorrect: false,
			answered: true,
			missed: true
		});
	});

	it('counts an unanswered question as zero and missed', () => {
		const s = summarize(questions, objectives, { q1: outcome({}) }, DEFAULT_POLICY);
		expect(s).toMatchObject({ total: 1, max: 5, percent: 20 });
		expect(s.questions[1]).toMatchObject({ earned: 0, tries: 0, answered: false, missed: true });
	});

	it.each([
		[0.8, true],
		[0.85, false]
	])('mastery threshold %s: 4 of 5 points mastered = %s', (masteryThreshold, mastered) => {
		const qs = [1, 2, 3, 4, 5].map((n) => ({ id: `m${n}`, objective: 'facts', points: 1 }));
		const os = Object.fromEntries(qs.slice(0, 4).map((q) => [q.id, outcome({})]));
		const s = summarize(qs, objectives, os, policy({ masteryThreshold }));
		expect(s.byObjective[0]?.mastered).toBe(mastered);
	});

	it('an empty lesson is 0%, not NaN', () => {
		expect(summarize([], objectives, {}, DEFAULT_POLICY)).toMatchObject({ total: 0, max: 0, percent: 0 });
	});
});
