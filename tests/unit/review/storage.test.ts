import { describe, expect, it } from 'vitest';
import { addLessonOutcomes, dueCards, emptyDeck, recordReview, type Deck } from '../../../src/lib/review/deck.ts';
import {
	BACKUP_KEY,
	STORAGE_KEY,
	clearDeck,
	loadDeck,
	loadDeckWithStatus,
	migrateV0ToV1,
	saveDeck
} from '../../../src/lib/review/storage.ts';
import { may, memoryStorage, outcomes } from './helpers.ts';

const SLUG = 'seoul-warns';

function sampleDeck(): Deck {
	const deck = addLessonOutcomes(emptyDeck(), SLUG, { q1: outcomes.revealed, q2: outcomes.secondTry }, may(1));
	return recordReview(deck, `${SLUG}/q1`, outcomes.firstTry, may(2));
}

/** A v0 deck as the first prototype stored it: an array, ts-fsrs field names and enum numbers. */
const V0_DATA = {
	cards: [
		{
			slug: SLUG,
			questionId: 'q1',
			addedAt: '2025-04-01T08:00:00.000Z',
			due: '2025-04-05T08:00:00.000Z',
			stability: 3.2,
			difficulty: 6.1,
			scheduled_days: 3,
			reps: 2,
			lapses: 0,
			state: 2,
			last_review: '2025-04-02T08:00:00.000Z',
			history: [
				{ at: '2025-04-02T08:00:00.000Z', rating: 3 },
				{ at: '2025-04-01T08:00:00.000Z', rating: 1 }
			]
		},
		{
			slug: 'other-module',
			questionId: 'q7',
			addedAt: '2025-04-03T08:00:00.000Z',
			due: '2025-04-04T08:00:00.000Z',
			stability: 0.2,
			difficulty: 7.5,
			scheduled_days: 1,
			reps: 1,
			lapses: 0,
			state: 1
		}
	]
};

describe('save and load', () => {
	it('gives an empty deck when nothing is stored', () => {
		expect(loadDeckWithStatus(memoryStorage())).toEqual({ deck: emptyDeck(), status: 'empty' });
	});

	it('round-trips a deck as versioned JSON under closeread.review', () => {
		const storage = memoryStorage();
		const deck = sampleDeck();
		expect(saveDeck(storage, deck)).toEqual({ ok: true });
		expect(JSON.parse(storage.map.get(STORAGE_KEY)!)).toMatchObject({ version: 1 });
		expect(loadDeckWithStatus(storage)).toEqual({ deck, status: 'loaded' });
	});

	it('says so, without throwing, when storage is full', () => {
		const storage = memoryStorage();
		storage.failWrites = true;
		const result = saveDeck(storage, sampleDeck());
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.message).toMatch(/could not be saved/);
	});

	it('gives an empty deck when storage cannot be read at all', () => {
		const blocked = {
			getItem: () => {
				throw new DOMException('denied', 'SecurityError');
			},
			setItem: () => {},
			removeItem: () => {}
		};
		expect(loadDeck(blocked)).toEqual(emptyDeck());
	});

	it('clears the deck and any copy kept aside', () => {
		const storage = memoryStorage({ [STORAGE_KEY]: JSON.stringify(sampleDeck()), [BACKUP_KEY]: 'x' });
		clearDeck(storage);
		expect(storage.map.size).toBe(0);
		expect(loadDeck(storage)).toEqual(emptyDeck());
	});
});

describe('migration v0 → v1', () => {
	it('turns the array of cards into cards keyed by slug/questionId', () => {
		const deck = migrateV0ToV1(V0_DATA);
		expect(deck.version).toBe(1);
		expect(Object.keys(deck.cards).sort()).toEqual(['other-module/q7', `${SLUG}/q1`]);
		expect(deck.cards[`${SLUG}/q1`]).toEqual({
			key: `${SLUG}/q1`,
			slug: SLUG,
			questionId: 'q1',
			addedAt: '2025-04-01T08:00:00.000Z',
			lastOutcome: 'right',
			due: '2025-04-05T08:00:00.000Z',
			stability: 3.2,
			difficulty: 6.1,
			scheduledDays: 3,
			learningSteps: 0,
			reps: 2,
			lapses: 0,
			state: 'Review',
			lastReview: '2025-04-02T08:00:00.000Z',
			reviews: [
				{ date: '2025-04-01T08:00:00.000Z', rating: 'Again', verdict: 'wrong', source: 'lesson' },
				{ date: '2025-04-02T08:00:00.000Z', rating: 'Good', verdict: 'right', source: 'review' }
			]
		});
		expect(deck.cards['other-module/q7']).toMatchObject({
			state: 'Learning',
			lastOutcome: 'wrong',
			lastReview: null,
			reviews: []
		});
	});

	it('loads a stored v0 deck as migrated, and the migrated cards can be scheduled', () => {
		const storage = memoryStorage({ [STORAGE_KEY]: JSON.stringify(V0_DATA) });
		const { deck, status } = loadDeckWithStatus(storage);
		expect(status).toBe('migrated');
		expect(dueCards(deck, new Date('2025-04-05T12:00:00.000Z')).map((c) => c.key)).toEqual([
			'other-module/q7',
			`${SLUG}/q1`
		]);
		const reviewed = recordReview(deck, `${SLUG}/q1`, outcomes.firstTry, new Date('2025-04-05T12:00:00.000Z'));
		expect(Date.parse(reviewed.cards[`${SLUG}/q1`]!.due)).toBeGreaterThan(Date.parse('2025-04-08T00:00:00.000Z'));
		// A v0 card that was never reviewed (no last_review) schedules too.
		const learnt = recordReview(
			deck,
			'other-module/q7',
			outcomes.wrongOutOfTries,
			new Date('2025-04-05T12:00:00.000Z')
		);
		expect(learnt.cards['other-module/q7']!.due).toBe('2025-04-06T12:00:00.000Z');
		// Saving writes the current version; loading it again needs no migration.
		saveDeck(storage, deck);
		expect(loadDeckWithStatus(storage)).toEqual({ deck, status: 'loaded' });
	});

	it('keeps an unreadable v0 deck aside instead of guessing', () => {
		const raw = JSON.stringify({ cards: [{ slug: SLUG, questionId: 'q1' }] });
		const storage = memoryStorage({ [STORAGE_KEY]: raw });
		const result = loadDeckWithStatus(storage);
		expect(result.status).toBe('recovered');
		expect(result.problem).toMatch(/version 0\) could not be upgraded/);
		expect(storage.map.get(BACKUP_KEY)).toBe(raw);
	});
});

describe('corrupt or foreign stored data', () => {
	const validCard = sampleDeck().cards[`${SLUG}/q1`]!;
	it.each([
		['not JSON', '{"version":1,"cards":{', /not valid JSON/],
		['JSON but not an object', '[1,2,3]', /no readable version/],
		['no version and no cards', '{"hello":"world"}', /no readable version/],
		['a version that is not a number', '{"version":"1","cards":{}}', /no readable version/],
		[
			'a card with a bad date',
			JSON.stringify({ version: 1, cards: { [validCard.key]: { ...validCard, due: 'tomorrow' } } }),
			/damaged: cards\["seoul-warns\/q1"\]\.due is not a valid date and time/
		],
		['a card filed under another key', JSON.stringify({ version: 1, cards: { 'x/y': validCard } }), /damaged/],
		['an unknown field', JSON.stringify({ version: 1, cards: {}, extra: true }), /damaged/]
	])('%s: keeps it aside under the backup key and starts empty', (_label, raw, problem) => {
		const storage = memoryStorage({ [STORAGE_KEY]: raw });
		const result = loadDeckWithStatus(storage);
		expect(result.deck).toEqual(emptyDeck());
		expect(result.status).toBe('recovered');
		expect(result.problem).toMatch(problem);
		expect(storage.map.get(BACKUP_KEY)).toBe(raw);
		expect(storage.map.has(STORAGE_KEY)).toBe(false);
		// The next load is clean and does not overwrite the copy kept aside.
		expect(loadDeckWithStatus(storage).status).toBe('empty');
		expect(storage.map.get(BACKUP_KEY)).toBe(raw);
	});

	it('keeps a deck from a newer Closeread aside rather than misreading it', () => {
		const raw = JSON.stringify({ version: 2, cards: {}, tags: [] });
		const storage = memoryStorage({ [STORAGE_KEY]: raw });
		const result = loadDeckWithStatus(storage);
		expect(result).toMatchObject({ deck: emptyDeck(), status: 'newer' });
		expect(storage.map.get(BACKUP_KEY)).toBe(raw);
	});

	it('leaves corrupt data in place when it cannot be copied aside', () => {
		const storage = memoryStorage({ [STORAGE_KEY]: 'garbage' });
		storage.failWrites = true;
		expect(loadDeck(storage)).toEqual(emptyDeck());
		expect(storage.map.get(STORAGE_KEY)).toBe('garbage');
	});
});
