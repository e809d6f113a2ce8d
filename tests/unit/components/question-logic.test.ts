import { describe, expect, it } from 'vitest';
import {
	currentOrder,
	markOf,
	moveItem,
	moveLabel,
	movedMessage,
	paragraphLabel,
	responseOf,
	setBlank,
	setPair,
	shortText,
	solutionOf,
	toggleLimited,
	toggleOption,
	toggleSentence
} from '../../../src/lib/components/questions/logic.ts';

const items = [
	{ id: 'a', text: 'A' },
	{ id: 'b', text: 'B' },
	{ id: 'c', text: 'C' }
];

describe('moveItem', () => {
	it.each([
		{ index: 1, delta: -1, out: ['b', 'a', 'c'], why: 'moves up one place' },
		{ index: 1, delta: 1, out: ['a', 'c', 'b'], why: 'moves down one place' },
		{ index: 0, delta: -1, out: ['a', 'b', 'c'], why: 'the first item cannot go up' },
		{ index: 2, delta: 1, out: ['a', 'b', 'c'], why: 'the last item cannot go down' },
		{ index: 0, delta: 2, out: ['b', 'c', 'a'], why: 'moves several places' },
		{ index: 5, delta: -1, out: ['a', 'b', 'c'], why: 'an unknown index changes nothing' }
	])('$why', ({ index, delta, out }) => {
		const order = ['a', 'b', 'c'];
		expect(moveItem(order, index, delta)).toEqual(out);
		expect(order).toEqual(['a', 'b', 'c']);
	});
});

describe('currentOrder', () => {
	it.each([
		{ order: null, out: ['a', 'b', 'c'], why: 'no response: the order shown is the starting order' },
		{ order: ['c', 'a', 'b'], out: ['c', 'a', 'b'], why: 'a full permutation is kept' },
		{ order: ['c', 'a'], out: ['a', 'b', 'c'], why: 'a short order falls back' },
		{ order: ['c', 'c', 'a'], out: ['a', 'b', 'c'], why: 'duplicates fall back' },
		{ order: ['c', 'x', 'a'], out: ['a', 'b', 'c'], why: 'unknown ids fall back' }
	])('$why', ({ order, out }) => {
		expect(currentOrder(items, order ? { type: 'ordering', order } : null)).toEqual(out);
	});
});

describe('toggleLimited', () => {
	it.each([
		{ selected: [], id: 'a', max: 2, out: ['a'], why: 'adds an unchosen id' },
		{ selected: ['a', 'b'], id: 'a', max: 2, out: ['b'], why: 'removes a chosen id' },
		{ selected: ['a', 'b'], id: 'c', max: 2, out: ['a', 'b'], why: 'refuses to go over the limit' },
		{ selected: ['a', 'b'], id: 'b', max: 2, out: ['a'], why: 'can always remove at the limit' },
		{ selected: ['b'], id: 'a', max: Infinity, out: ['b', 'a'], why: 'adds at the end' }
	])('$why', ({ selected, id, max, out }) => {
		expect(toggleLimited(selected, id, max)).toEqual(out);
	});
});

describe('toggleOption and toggleSentence', () => {
	it('builds a multi-select response and drops it when nothing is left', () => {
		const one = toggleOption(null, 'o2');
		expect(one).toEqual({ type: 'multi-select', optionIds: ['o2'] });
		expect(toggleOption(toggleOption(one, 'o1'), 'o2')).toEqual({ type: 'multi-select', optionIds: ['o1'] });
		expect(toggleOption(one, 'o2')).toBeNull();
	});

	it('keeps evidence within maxSelect', () => {
		let r = toggleSentence(null, 'p1.s1', 2);
		r = toggleSentence(r, 'p2.s1', 2);
		r = toggleSentence(r, 'p3.s1', 2);
		expect(r).toEqual({ type: 'evidence', sentences: ['p1.s1', 'p2.s1'] });
		expect(toggleSentence(toggleSentence(r, 'p1.s1', 2), 'p2.s1', 2)).toBeNull();
	});
});

describe('setPair', () => {
	const left = [
		{ id: 'l1', text: 'Austin' },
		{ id: 'l2', text: 'Yoon' }
	];
	it('sends every left item, unchosen ones as null', () => {
		expect(setPair(left, null, 'l2', 'r3')).toEqual({ type: 'matching', pairs: { l1: null, l2: 'r3' } });
	});
	it('keeps earlier choices when another is made', () => {
		const r = setPair(left, setPair(left, null, 'l1', 'r1'), 'l2', 'r2');
		expect(r).toEqual({ type: 'matching', pairs: { l1: 'r1', l2: 'r2' } });
	});
	it('is null once every choice is cleared', () => {
		expect(setPair(left, setPair(left, null, 'l1', 'r1'), 'l1', null)).toBeNull();
	});
	it('ignores stray keys in the response', () => {
		const r = setPair(left, { type: 'matching', pairs: { zz: 'r1', l1: 'r4' } }, 'l2', 'r2');
		expect(r).toEqual({ type: 'matching', pairs: { l1: 'r4', l2: 'r2' } });
	});
});

describe('setBlank', () => {
	it.each<{ before: Record<string, string> | null; id: string; value: string; out: Record<string, string> | null }>([
		{ before: null, id: 'b1', value: 'benefit', out: { b1: 'benefit' } },
		{ before: { b1: 'benefit' }, id: 'b2', value: 'food', out: { b1: 'benefit', b2: 'food' } },
		{ before: { b1: 'benefit', b2: 'food' }, id: 'b1', value: '', out: { b2: 'food' } },
		{ before: { b1: 'benefit' }, id: 'b1', value: '', out: null }
	])('$id = "$value"', ({ before, id, value, out }) => {
		const r = setBlank(before ? { type: 'cloze', blanks: before } : null, id, value);
		expect(r).toEqual(out ? { type: 'cloze', blanks: out } : null);
	});
});

describe('markOf', () => {
	it.each<{
		marks: Record<string, boolean> | null;
		key: string;
		single: boolean;
		out: boolean | undefined;
		why: string;
	}>([
		{ marks: null, key: 'o1', single: false, out: undefined, why: 'no marks before grading' },
		{ marks: { o1: true, o2: false }, key: 'o2', single: false, out: false, why: 'the mark under the key' },
		{ marks: { o1: true }, key: 'o3', single: false, out: undefined, why: 'an unmarked part' },
		{ marks: { q: false }, key: 'true', single: true, out: false, why: 'a lone mark for a one-part question' },
		{ marks: { a: true, b: false }, key: 'c', single: true, out: undefined, why: 'no guessing among several' }
	])('$why', ({ marks, key, single, out }) => {
		expect(markOf(marks, key, single)).toBe(out);
	});
});

describe('responseOf and solutionOf', () => {
	it('pass a value of the asked type and drop any other', () => {
		expect(responseOf({ type: 'single-choice', optionId: 'o1' }, 'single-choice')).toEqual({
			type: 'single-choice',
			optionId: 'o1'
		});
		expect(responseOf({ type: 'single-choice', optionId: 'o1' }, 'multi-select')).toBeNull();
		expect(solutionOf({ type: 'ordering', order: ['a'] }, 'ordering')).toEqual({ type: 'ordering', order: ['a'] });
		expect(solutionOf(null, 'ordering')).toBeNull();
	});
});

describe('labels', () => {
	it('names move buttons after the item, shortened at a word', () => {
		expect(moveLabel('North Korea blew up roads and rail lines to the South.', 'up')).toBe(
			'Move “North Korea blew up roads and rail lines to the…” up'
		);
		expect(moveLabel('Kim spoke.', 'down')).toBe('Move “Kim spoke.” down');
	});
	it('announces a move by position', () => {
		expect(movedMessage('Kim spoke.', 1, 4)).toBe('“Kim spoke.” moved to position 2 of 4.');
	});
	it('shortens without cutting mid-word and keeps short text whole', () => {
		expect(shortText('a'.repeat(60), 10)).toBe(`${'a'.repeat(10)}…`);
		expect(shortText('  spaced   out  ')).toBe('spaced out');
	});
	it('names the paragraph of a sentence', () => {
		expect(paragraphLabel('p4.s1')).toBe('Paragraph 4');
		expect(paragraphLabel('odd')).toBeNull();
	});
});
