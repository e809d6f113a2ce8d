/**
 * Answers accepted for everyone, checked before the key: typed text matches after the same
 * normalising as grading, a cloze blank is accepted on its own, and every other type matches the
 * same response whatever order the student saw the choices in.
 */
import { describe, expect, it } from 'vitest';
import { labelling } from '../../../src/lib/content/public.ts';
import { ACCEPTED_FEEDBACK, acceptedParts, acceptedSet, gradeWithAccepted } from '../../../src/lib/scoring/accepted.ts';
import { grade } from '../../../src/lib/scoring/grade.ts';
import type { Response } from '../../../src/lib/scoring/response.ts';
import { labelOf, questionOf, smallModule } from './helpers.ts';

const m = smallModule();

describe('accepted answers', () => {
	it('a short answer matches in other case, spacing, punctuation, article and number words', () => {
		const q = questionOf(m, 'count');
		const accept = (text: string) => acceptedSet(acceptedParts(q, { type: 'short-answer', text }, labelling(q)));
		const set = accept('The three thousand apples');
		for (const text of ['3,000 apples', '  THREE THOUSAND apples. ', 'a 3000 apples']) {
			expect(gradeWithAccepted(q, { type: 'short-answer', text }, labelling(q), set), text).toEqual({
				verdict: 'correct',
				credit: 1,
				feedback: [ACCEPTED_FEEDBACK],
				marks: { text: true }
			});
		}
		const other: Response = { type: 'short-answer', text: '3,000 pears' };
		expect(gradeWithAccepted(q, other, labelling(q), set)).toEqual(grade(q, other, labelling(q)));
		expect(acceptedParts(q, { type: 'short-answer', text: ' ... ' }, labelling(q))).toEqual([]);
	});

	it('a cloze blank is accepted on its own; the other blank is still graded by the key', () => {
		const q = questionOf(m, 'fill');
		const set = acceptedSet([{ part: 'n', key: 'lots' }]);
		expect(
			gradeWithAccepted(q, { type: 'cloze', blanks: { n: 'Lots!', what: 'bread' } }, labelling(q), set)
		).toMatchObject({
			verdict: 'partial',
			credit: 0.5,
			marks: { n: true, what: false }
		});
		expect(
			gradeWithAccepted(q, { type: 'cloze', blanks: { n: 'lots', what: 'Pies' } }, labelling(q), set)
		).toMatchObject({
			verdict: 'correct',
			credit: 1
		});
		expect(acceptedParts(q, { type: 'cloze', blanks: { n: ' lots ', what: '' } }, labelling(q))).toEqual([
			{ part: 'n', key: 'lots', text: 'lots' }
		]);
	});

	it('a choice is accepted by what it says, not by the label one student saw', () => {
		const q = questionOf(m, 'single');
		const seen = labelling(q, 'student-1');
		const other = labelling(q, 'student-2');
		const wrong = q.type === 'single-choice' ? q.options.find((o) => !o.correct)!.id : '';
		const set = acceptedSet(acceptedParts(q, { type: 'single-choice', optionId: labelOf(seen.options, wrong) }, seen));
		expect(
			gradeWithAccepted(q, { type: 'single-choice', optionId: labelOf(other.options, wrong) }, other, set).verdict
		).toBe('correct');
		const another = q.type === 'single-choice' ? q.options.find((o) => !o.correct && o.id !== wrong)!.id : '';
		expect(
			gradeWithAccepted(q, { type: 'single-choice', optionId: labelOf(other.options, another) }, other, set).verdict
		).toBe('incorrect');
	});

	it('every other type has one key for the whole response', () => {
		const cases: [string, Response][] = [
			['who', { type: 'multi-select', optionIds: ['o2', 'o1', 'o2'] }],
			['pears', { type: 'true-false-not-stated', choice: 'not-stated' }],
			['sequence', { type: 'ordering', order: ['pies', 'sent', 'opened', 'thanked'] }],
			['days', { type: 'matching', pairs: { l1: 'r2', l2: null } }],
			['find', { type: 'evidence', sentences: ['p1.s2', 'p1.s1'] }],
			['paired', { type: 'evidence-paired', partA: 'o1', partB: 'b1' }]
		];
		for (const [id, response] of cases) {
			const q = questionOf(m, id);
			const parts = acceptedParts(q, response, labelling(q));
			expect(parts, id).toHaveLength(1);
			expect(parts[0]!.part).toBe('');
			expect(gradeWithAccepted(q, response, labelling(q), acceptedSet(parts)).verdict, id).toBe('correct');
		}
	});
});
