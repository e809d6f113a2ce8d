import { describe, expect, it } from 'vitest';
import { labelling } from '../../../src/lib/content/public.ts';
import { responseFromSolution, solutionFor } from '../../../src/lib/scoring/grade.ts';
import { gradeRequestSchema } from '../../../src/lib/scoring/request.ts';
import type { GradeRequest } from '../../../src/lib/scoring/types.ts';
import { gradeRequest } from '../../../src/lib/server/grading.ts';
import { labelOf, questionOf, REAL_SLUG, realModule, smallModule } from './helpers.ts';

// The small fixture's policy: 2 tries, 50% per extra try, 20% per hint. Question "single" is worth 2
// points and has 2 hints; "who" (multi-select) is worth 1 and has none.
const small = smallModule();
const single = questionOf(small, 'single');
const rightLabel = labelOf(labelling(single).options, 'a');
const wrongLabel = labelOf(labelling(single).options, 'b');

const request = (over: Partial<GradeRequest> = {}): GradeRequest => ({
	slug: 'small',
	questionId: 'single',
	tryNumber: 1,
	hintsUsed: 0,
	response: { type: 'single-choice', optionId: rightLabel },
	...over
});

function ok(req: GradeRequest, module = small) {
	const out = gradeRequest(module, req);
	if (!out.ok) throw new Error(`expected a grade, got ${out.status}: ${out.message}`);
	return out.result;
}

describe('gradeRequest: bad requests', () => {
	it.each([
		['unknown question', request({ questionId: 'nope' }), 404],
		['another lesson', request({ slug: 'other-lesson' }), 400],
		['response of the wrong type', request({ response: { type: 'short-answer', text: '3,000' } }), 422],
		['more tries than the policy allows', request({ tryNumber: 3 }), 422],
		['more hints than the question has', request({ hintsUsed: 3 }), 422],
		[
			'a hint on a question without hints',
			request({ questionId: 'pears', hintsUsed: 1, response: { type: 'true-false-not-stated', choice: 'true' } }),
			422
		],
		['no response and no reveal', request({ response: null }), 422],
		['no response, reveal false', request({ response: null, reveal: false }), 422]
	])('%s → %s with a plain message', (_name, req, status) => {
		const out = gradeRequest(small, req);
		expect(out.ok).toBe(false);
		if (out.ok) return;
		expect(out.status).toBe(status);
		expect(out.message).toMatch(/^[A-Z].*\.$/);
	});

	it('names both types when they do not match', () => {
		const out = gradeRequest(small, request({ response: { type: 'short-answer', text: '3,000' } }));
		expect(out).toMatchObject({ ok: false, message: expect.stringMatching(/single-choice.*short-answer/) });
	});
});

describe('gradeRequest: not final', () => {
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

describe('gradeRequest: final', () => {
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

describe('gradeRequest with a labelling seed', () => {
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

describe('gradeRequest on the first real module', () => {
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

describe('gradeRequestSchema', () => {
	const body = {
		slug: REAL_SLUG,
		questionId: 'how-many-soldiers',
		tryNumber: 1,
		hintsUsed: 0,
		response: { type: 'single-choice', optionId: 'o1' }
	};

	it.each([
		['a plain answer', body],
		['with a seed', { ...body, seed: 'student-7' }],
		['a reveal without an answer', { ...body, reveal: true, response: null }],
		['the last allowed numbers', { ...body, tryNumber: 10, hintsUsed: 3 }]
	])('accepts %s', (_name, input) => {
		expect(gradeRequestSchema.safeParse(input).success).toBe(true);
	});

	it.each([
		['an extra field', { ...body, admin: true }],
		['an extra field in the response', { ...body, response: { type: 'single-choice', optionId: 'o1', correct: true } }],
		['try 0', { ...body, tryNumber: 0 }],
		['try 11', { ...body, tryNumber: 11 }],
		['a fractional try', { ...body, tryNumber: 1.5 }],
		['4 hints', { ...body, hintsUsed: 4 }],
		['negative hints', { ...body, hintsUsed: -1 }],
		['a seed over 200 characters', { ...body, seed: 'x'.repeat(201) }],
		['a null answer without reveal', { ...body, response: null }],
		['an unknown response type', { ...body, response: { type: 'essay', text: 'hi' } }],
		['a missing slug', { ...body, slug: undefined }],
		['a slug with slashes', { ...body, slug: '../etc' }],
		['reveal as a string', { ...body, reveal: 'yes' }]
	])('rejects %s', (_name, input) => {
		expect(gradeRequestSchema.safeParse(input).success).toBe(false);
	});
});
