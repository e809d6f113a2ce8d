import { describe, expect, it } from 'vitest';
import type { Module } from '../../../src/lib/content/module.ts';
import { labelling } from '../../../src/lib/content/public.ts';
import { responseFromSolution, solutionFor } from '../../../src/lib/scoring/grade.ts';
import { practiceActionBody } from '../../../src/lib/scoring/request.ts';
import type { Response } from '../../../src/lib/scoring/response.ts';
import { resultFor } from '../../../src/lib/server/grading.ts';
import { labelOf, questionOf, REAL_SLUG, realModule, smallModule } from './helpers.ts';

// The small fixture's policy: 2 tries, 50% per extra try, 20% per hint. Question "single" is worth 2
// points and has 2 hints; "who" (multi-select) is worth 1 and has none.
const small = smallModule();
const single = questionOf(small, 'single');
const rightLabel = labelOf(labelling(single).options, 'a');
const wrongLabel = labelOf(labelling(single).options, 'b');

/** A try as the server recorded it (the attempt engine numbers tries and counts hints). */
interface Recorded {
	slug?: string;
	questionId: string;
	seed?: string;
	tryNumber: number;
	hintsUsed: number;
	reveal?: boolean;
	response: Response | null;
}

const request = (over: Partial<Recorded> = {}): Recorded => ({
	slug: 'small',
	questionId: 'single',
	tryNumber: 1,
	hintsUsed: 0,
	response: { type: 'single-choice', optionId: rightLabel },
	...over
});

function ok(req: Recorded, module: Module = small) {
	const q = questionOf(module, req.questionId);
	return resultFor(module, q, labelling(q, req.seed ?? q.id), module.scoring, {
		response: req.response,
		tryNumber: req.tryNumber,
		hintsUsed: req.hintsUsed,
		revealed: req.reveal === true
	});
}

describe('resultFor: not final', () => {
	const result = ok(request({ response: { type: 'single-choice', optionId: wrongLabel } }));

	it('gives the verdict and feedback but no points, solution or explanation', () => {
		expect(result).toEqual({
			questionId: 'single',
			tryNumber: 1,
			verdict: 'incorrect',
			credit: 0,
			feedback: ['Too few; read the number again.'],
			marks: { [wrongLabel]: false },
			final: false,
			revealed: false,
			triesLeft: 1,
			points: null,
			maxPoints: 2,
			solution: null,
			explanation: null
		});
	});

	it('leaks nothing of the key in the JSON', () => {
		const json = JSON.stringify(result);
		expect(json).not.toContain(`"${rightLabel}"`);
		expect(json).not.toContain('3,000 apples.');
		expect(json).not.toContain('The first sentence gives the number.');
	});

	it('a partly right answer is not final either', () => {
		const mayor = labelOf(labelling(questionOf(small, 'who')).options, 'mayor');
		const r = ok(request({ questionId: 'who', response: { type: 'multi-select', optionIds: [mayor] } }));
		expect(r).toMatchObject({
			verdict: 'partial',
			credit: 0.5,
			final: false,
			triesLeft: 1,
			points: null,
			solution: null
		});
	});
});

describe('resultFor: final', () => {
	it.each([
		['right at the first try', request(), 1, 2, 'correct'],
		['right at the first try after one hint', request({ hintsUsed: 1 }), 1, 1.6, 'correct'],
		['right at the second try with two hints', request({ tryNumber: 2, hintsUsed: 2 }), 2, 0.2, 'correct'],
		[
			'wrong at the last try',
			request({ tryNumber: 2, response: { type: 'single-choice', optionId: wrongLabel } }),
			2,
			0,
			'incorrect'
		],
		['revealed with no answer', request({ reveal: true, response: null }), 1, 0, 'incorrect'],
		['revealed along with a right answer still scores zero', request({ reveal: true }), 1, 0, 'correct']
	] as const)('%s', (_name, req, tryNumber, points, verdict) => {
		const r = ok(req);
		expect(r).toMatchObject({
			final: true,
			triesLeft: 0,
			tryNumber,
			points,
			verdict,
			revealed: req.reveal === true,
			maxPoints: 2
		});
		expect(r.solution).toEqual({ type: 'single-choice', optionId: rightLabel });
		expect(r.explanation).toEqual({
			text: 'The first sentence gives the number.',
			background: 'Fairs often buy apples from local farms.',
			evidence: [
				{ start: expect.any(Number), end: expect.any(Number), text: 'sent 3,000 apples', sentences: ['p1.s1'] }
			]
		});
	});

	it('a question without background explains with background null', () => {
		const r = ok(request({ questionId: 'pears', response: { type: 'true-false-not-stated', choice: 'not-stated' } }));
		expect(r.explanation?.background).toBeNull();
		expect(r.solution).toEqual({ type: 'true-false-not-stated', choice: 'not-stated' });
	});

	it('partial credit on the last try is decayed by the retry cost', () => {
		const mayor = labelOf(labelling(questionOf(small, 'who')).options, 'mayor');
		const r = ok(request({ questionId: 'who', tryNumber: 2, response: { type: 'multi-select', optionIds: [mayor] } }));
		// 1 point × 0.5 credit × (1 − 0.5)
		expect(r).toMatchObject({ final: true, credit: 0.5, points: 0.25, verdict: 'partial' });
	});

	it('evidence questions return their expected sentences as the solution', () => {
		const r = ok(request({ questionId: 'find', reveal: true, response: null }));
		expect(r.solution).toEqual({ type: 'evidence', sentences: ['p2.s2', 'p2.s3'] });
	});
});

describe('resultFor with a labelling seed', () => {
	it('grades by the labels the seed produced and returns the solution in those labels', () => {
		const seeds = ['s-1', 's-2', 's-3', 's-4', 's-5', 's-6'];
		const rightLabels = seeds.map((seed) => labelOf(labelling(single, seed).options, 'a'));
		expect(new Set(rightLabels).size).toBeGreaterThan(1);
		seeds.forEach((seed, i) => {
			const r = ok(request({ seed, response: { type: 'single-choice', optionId: rightLabels[i]! } }));
			expect(r.verdict).toBe('correct');
			expect(r.solution).toEqual({ type: 'single-choice', optionId: rightLabels[i] });
		});
	});
});

describe('resultFor on the first real module', () => {
	const real = realModule();

	it('every question: its solution is final and right at try 1, with evidence that slices the passage', () => {
		for (const q of real.questions) {
			const s = solutionFor(q, labelling(q, 'student-9'));
			const response = responseFromSolution(s);
			const r = ok(
				{ slug: REAL_SLUG, questionId: q.id, seed: 'student-9', tryNumber: 1, hintsUsed: 0, response },
				real
			);
			expect(r, q.id).toMatchObject({ final: true, verdict: 'correct', points: q.points, triesLeft: 0 });
			expect(r.explanation?.text).toBe(q.explanation.text);
			expect(r.explanation?.evidence.length).toBeGreaterThan(0);
			for (const e of r.explanation!.evidence) expect(real.passage.text.slice(e.start, e.end)).toBe(e.text);
		}
	});

	it('a wrong first answer keeps the explanation back', () => {
		const q = questionOf(real, 'how-many-soldiers');
		if (q.type !== 'single-choice') throw new Error('expected a single-choice question');
		const wrong = q.options.find((o) => !o.correct)!;
		const r = ok(
			{
				slug: REAL_SLUG,
				questionId: q.id,
				tryNumber: 1,
				hintsUsed: 0,
				response: { type: 'single-choice', optionId: labelOf(labelling(q).options, wrong.id) }
			},
			real
		);
		expect(r).toMatchObject({
			final: false,
			triesLeft: real.scoring.maxTries - 1,
			explanation: null,
			solution: null,
			points: null
		});
	});
});

describe('practiceActionBody (what the browser may send)', () => {
	const answer = {
		token: 'a'.repeat(32),
		action: 'answer',
		questionId: 'how-many-soldiers',
		answerId: '6f1c7d2e-8b6a-4c1e-9a51-0d8a3f1b2c44',
		response: { type: 'single-choice', optionId: 'o1' }
	};

	it.each([
		['an answer', answer],
		['a hint request', { token: answer.token, action: 'hint', questionId: 'q1', hint: 1 }],
		['a reveal', { token: answer.token, action: 'reveal', questionId: 'q1', answerId: answer.answerId }]
	])('accepts %s', (_name, input) => {
		expect(practiceActionBody.safeParse(input).success).toBe(true);
	});

	it.each([
		['a try number', { ...answer, tryNumber: 1 }],
		['a hint count', { ...answer, hintsUsed: 0 }],
		['a reveal flag', { ...answer, reveal: true }],
		['a seed', { ...answer, seed: 'student-7' }],
		[
			'an extra field in the response',
			{ ...answer, response: { type: 'single-choice', optionId: 'o1', correct: true } }
		],
		['an answer without a response', { ...answer, response: null }],
		['an unknown response type', { ...answer, response: { type: 'essay', text: 'hi' } }],
		['a short token', { ...answer, token: 'abc' }],
		['a question id with slashes', { ...answer, questionId: '../etc' }],
		['hint 0', { token: answer.token, action: 'hint', questionId: 'q1', hint: 0 }],
		['an unknown action', { ...answer, action: 'grade' }]
	])('rejects %s', (_name, input) => {
		expect(practiceActionBody.safeParse(input).success).toBe(false);
	});
});
