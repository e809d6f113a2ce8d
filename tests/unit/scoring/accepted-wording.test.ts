/**
 * An answer a teacher accepts for everyone also covers later answers that say the same thing with
 * trivial differences (case, punctuation, articles, a typo, another form of a word), matched word
 * for word as the rubrics match words, but never an answer that merely shares some of its words.
 */
import { describe, expect, it } from 'vitest';
import { labelling } from '../../../src/lib/content/public.ts';
import { ACCEPTED_FEEDBACK, acceptedParts, acceptedSet, gradeWithAccepted } from '../../../src/lib/scoring/accepted.ts';
import { sameWording } from '../../../src/lib/scoring/rubric.ts';
import { questionOf, smallModule } from './helpers.ts';

const ACCEPTED = 'the renewal of sanctions monitoring';

const SAME: [string, string][] = [
	['case', 'The Renewal Of Sanctions Monitoring'],
	['punctuation', 'the renewal of sanctions-monitoring.'],
	['article dropped', 'renewal of sanctions monitoring'],
	['article added', 'the renewal of the sanctions monitoring'],
	['one typo', 'the renewl of sanctions monitoring'],
	['two typos in a long word', 'the renewal of sanctions monitring'],
	['swapped letters', 'the reenwal of sanctoins monitoring'],
	['another form of a word', 'renewals of sanction monitored'],
	['extra spaces', '  the   renewal of   sanctions monitoring  '],
	['curly quotes', '“the renewal of sanctions monitoring”']
];

const NOT_SAME: [string, string][] = [
	['a word left out', 'the renewal of sanctions'],
	['only shared words', 'sanctions'],
	['a word added', 'the renewal of sanctions monitoring against Russia'],
	['words in another order', 'the sanctions monitoring of renewal'],
	['a different word of the same length', 'the renewal of sanctions against'],
	['a different everyday word', 'the removal of sanctions monitoring'],
	['the opposite', 'the end of sanctions monitoring'],
	['empty', ''],
	['punctuation only', ' ... ']
];

describe('sameWording: an accepted answer and a typed one', () => {
	it.each(SAME)('match despite %s', (_why, given) => {
		expect(sameWording(ACCEPTED, given)).toBe(true);
	});
	it.each(NOT_SAME)('do not match with %s', (_why, given) => {
		expect(sameWording(ACCEPTED, given)).toBe(false);
	});
	it('numbers are compared exactly', () => {
		expect(sameWording('3000 soldiers', '3,000 soldier')).toBe(true);
		expect(sameWording('3000 soldiers', '3001 soldiers')).toBe(false);
		expect(sameWording('3000 soldiers', '300 soldiers')).toBe(false);
	});
});

describe('answers accepted for everyone, with trivial differences', () => {
	const m = smallModule();

	it.each([
		['fresh green apples', 'Fresh green apple!', true],
		['fresh green apples', 'fresh gren apples', true],
		['fresh green apples', 'a fresh green apples', true],
		['fresh green apples', 'green apples', false],
		['fresh green apples', 'fresh red apples', false],
		['fresh green apples', 'fresh green apples and pears', false]
	])('a short answer accepted as "%s": "%s" accepted is %s', (acceptedText, typed, expected) => {
		const q = questionOf(m, 'count');
		const labels = labelling(q);
		const set = acceptedSet(acceptedParts(q, { type: 'short-answer', text: acceptedText }, labels));
		const graded = gradeWithAccepted(q, { type: 'short-answer', text: typed }, labels, set);
		expect(graded.verdict === 'correct' && graded.feedback.includes(ACCEPTED_FEEDBACK)).toBe(expected);
	});

	it('a typed cloze blank matches its accepted wording with a typo; a blank with choices matches only exactly', () => {
		const q = questionOf(m, 'fill');
		const labels = labelling(q);
		const set = acceptedSet([
			{ part: 'n', key: 'lots of them' },
			{ part: 'what', key: 'jam' }
		]);
		const typo = gradeWithAccepted(q, { type: 'cloze', blanks: { n: 'Lots of thme', what: 'pies' } }, labels, set);
		expect(typo).toMatchObject({ verdict: 'correct', marks: { n: true, what: true } });
		const shared = gradeWithAccepted(q, { type: 'cloze', blanks: { n: 'lots', what: 'pies' } }, labels, set);
		expect(shared.marks).toEqual({ n: false, what: true });
		const nearChoice = gradeWithAccepted(q, { type: 'cloze', blanks: { n: '3,000', what: 'jams' } }, labels, set);
		expect(nearChoice.marks).toEqual({ n: true, what: false });
	});
});

describe('sameWording: abbreviations', () => {
	it.each([
		['the U.S. capital', 'US capital'],
		['u s capital', 'the U.S. capital'],
		['US capital', 'u.s capital']
	])('"%s" and "%s" are the same wording', (accepted, given) => {
		expect(sameWording(accepted, given)).toBe(true);
	});
});
