/**
 * Old decks (cards under author ids) are found per module and renamed to public ids once; a card
 * already kept under the public id wins; cards of other modules and known ids are left alone.
 */
import { describe, expect, it } from 'vitest';
import { addLessonOutcomes, emptyDeck } from '../../../src/lib/review/deck.ts';
import { legacyIds, renameCards } from '../../../src/lib/review/legacy.ts';

const at = new Date('2025-05-10T09:00:00Z');
const missed = { tries: 2, hintsUsed: 0, revealed: false, credit: 0, firstTryCorrect: false };
const modules = [
	{ slug: 'seoul', questions: [{ id: 'qAAA' }, { id: 'qBBB' }] },
	{ slug: 'other', questions: [{ id: 'qZZZ' }] }
];

describe('old review decks', () => {
	const old = addLessonOutcomes(
		addLessonOutcomes(emptyDeck(), 'seoul', { 'russia-vetoed': missed, qBBB: missed, bluster: missed }, at),
		'gone-module',
		{ 'some-id': missed },
		at
	);

	it('lists the ids a known module does not list, per module, and nothing of unknown modules', () => {
		expect(legacyIds(old, modules)).toEqual(new Map([['seoul', ['russia-vetoed', 'bluster']]]));
		expect(legacyIds(emptyDeck(), modules).size).toBe(0);
	});

	it('renames cards to their public ids, keeping their schedule; ids without a new name stay', () => {
		const next = renameCards(old, 'seoul', new Map([['russia-vetoed', 'qAAA']]));
		expect(Object.keys(next.cards).sort()).toEqual([
			'gone-module/some-id',
			'seoul/bluster',
			'seoul/qAAA',
			'seoul/qBBB'
		]);
		const before = old.cards['seoul/russia-vetoed']!;
		expect(next.cards['seoul/qAAA']).toEqual({ ...before, key: 'seoul/qAAA', questionId: 'qAAA' });
		expect(legacyIds(next, modules)).toEqual(new Map([['seoul', ['bluster']]]));
	});

	it('a card already kept under the public id wins over the old one', () => {
		const next = renameCards(old, 'seoul', new Map([['bluster', 'qBBB']]));
		expect(next.cards['seoul/qBBB']).toBe(old.cards['seoul/qBBB']);
		expect(next.cards['seoul/bluster']).toBeUndefined();
		expect(Object.keys(next.cards)).toHaveLength(Object.keys(old.cards).length - 1);
	});
});
