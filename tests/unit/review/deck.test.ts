import { describe, expect, it } from 'vitest';
import {
	MAX_REVIEWS_PER_CARD,
	addLessonOutcomes,
	cardKey,
	dueCards,
	emptyDeck,
	ratingFor,
	recordReview,
	removeCard,
	verdictFor,
	type Deck,
	type QuestionOutcome
} from '../../../src/lib/review/deck.ts';
import { DAY_MS, deepFreeze, may, outcomes } from './helpers.ts';

const SLUG = 'seoul-warns';
const KEY = cardKey(SLUG, 'q1');

function lesson(outcomesById: Record<string, QuestionOutcome>, now = may(12)): Deck {
	return addLessonOutcomes(emptyDeck(), SLUG, outcomesById, now);
}

function intervalDays(deck: Deck, key: string): number {
	const card = deck.cards[key]!;
	return (Date.parse(card.due) - Date.parse(card.lastReview!)) / DAY_MS;
}

describe('ratingFor / verdictFor', () => {
	it.each([
		['firstTry', 'Good', 'right'],
		['firstTryWithHint', 'Hard', 'right-with-help'],
		['secondTry', 'Hard', 'right-with-help'],
		['secondTryWithHints', 'Hard', 'right-with-help'],
		['wrongOutOfTries', 'Again', 'wrong'],
		['partialInTheEnd', 'Again', 'wrong'],
		['revealed', 'Again', 'wrong'],
		['revealedAfterHints', 'Again', 'wrong']
	] as const)('%s → %s (%s)', (name, rating, verdict) => {
		expect(ratingFor(outcomes[name])).toBe(rating);
		expect(verdictFor(outcomes[name])).toBe(verdict);
	});

	it('never gives Easy', () => {
		for (const outcome of Object.values(outcomes)) expect(ratingFor(outcome)).not.toBe('Easy');
	});
});

describe('addLessonOutcomes: which questions join the deck', () => {
	// Lesson finished Monday 12 May 09:00; a missed question comes back the next day.
	it.each([
		['firstTry', false, null],
		['firstTryWithHint', true, may(14)],
		['secondTry', true, may(14)],
		['secondTryWithHints', true, may(14)],
		['wrongOutOfTries', true, may(13)],
		['partialInTheEnd', true, may(13)],
		['revealed', true, may(13)],
		['revealedAfterHints', true, may(13)]
	] as const)('%s: joins %s, due %s', (name, joins, due) => {
		const deck = lesson({ q1: outcomes[name] });
		const card = deck.cards[KEY];
		expect(card !== undefined).toBe(joins);
		if (!card || !due) return;
		expect(card.due).toBe(due.toISOString());
		expect(card.lastOutcome).toBe(verdictFor(outcomes[name]));
	});

	it('files each missed question of a lesson under slug/questionId with one lesson log entry', () => {
		const deck = lesson({
			q1: outcomes.wrongOutOfTries,
			q2: outcomes.firstTry,
			q3: outcomes.secondTry
		});
		expect(Object.keys(deck.cards).sort()).toEqual([`${SLUG}/q1`, `${SLUG}/q3`]);
		expect(deck.cards[`${SLUG}/q3`]).toMatchObject({
			key: `${SLUG}/q3`,
			slug: SLUG,
			questionId: 'q3',
			addedAt: may(12).toISOString(),
			lastReview: may(12).toISOString(),
			lastOutcome: 'right-with-help',
			reps: 1,
			reviews: [{ date: may(12).toISOString(), rating: 'Hard', verdict: 'right-with-help', source: 'lesson' }]
		});
	});

	it('keeps modules apart: the same question id in two lessons makes two cards', () => {
		let deck = lesson({ q1: outcomes.revealed });
		deck = addLessonOutcomes(deck, 'other-module', { q1: outcomes.revealed }, may(12));
		expect(Object.keys(deck.cards).sort()).toEqual(['other-module/q1', `${SLUG}/q1`]);
	});

	it('reschedules a card already in the deck when the lesson is missed again, keeping addedAt', () => {
		const first = lesson({ q1: outcomes.secondTry });
		const again = addLessonOutcomes(first, SLUG, { q1: outcomes.revealed }, may(13));
		const card = again.cards[KEY]!;
		expect(card.addedAt).toBe(may(12).toISOString());
		expect(card.reps).toBe(2);
		expect(card.lastOutcome).toBe('wrong');
		expect(card.reviews.map((r) => r.rating)).toEqual(['Hard', 'Again']);
		expect(card.due).toBe(may(14).toISOString());
	});

	it('counts a card already in the deck answered right at the first try as a good review', () => {
		const first = lesson({ q1: outcomes.wrongOutOfTries });
		const later = addLessonOutcomes(first, SLUG, { q1: outcomes.firstTry }, may(13));
		expect(later.cards[KEY]!.lastOutcome).toBe('right');
		expect(Date.parse(later.cards[KEY]!.due)).toBeGreaterThan(Date.parse(first.cards[KEY]!.due));
	});
});

describe('dueCards', () => {
	const deck = lesson({ q1: outcomes.secondTry, q2: outcomes.wrongOutOfTries, q3: outcomes.firstTry });

	it.each([
		['the lesson day', may(12, 23, 59), []],
		['the next morning, before the due hour', may(13, 7), ['q2']],
		['two days later', may(14, 6), ['q2', 'q1']],
		['a week later', may(19), ['q2', 'q1']]
	] as const)('on %s: %j', (_label, now, expected) => {
		expect(dueCards(deck, now).map((card) => card.questionId)).toEqual(expected);
	});
});

describe('recordReview', () => {
	// A question missed in the lesson, then reviewed right twice: its interval has grown to 8 days.
	const missed = lesson({ q1: outcomes.wrongOutOfTries });
	const twice = recordReview(recordReview(missed, KEY, outcomes.firstTry, may(13)), KEY, outcomes.firstTry, may(16));

	it('grows the interval after each right-at-first-try review', () => {
		expect(intervalDays(missed, KEY)).toBe(1);
		expect(twice.cards[KEY]!.due).toBe(may(24).toISOString());
		expect(intervalDays(twice, KEY)).toBe(8);
	});

	it.each([
		['firstTry', 'Good', 'later'],
		['secondTry', 'Hard', 'later'],
		['wrongOutOfTries', 'Again', 'sooner'],
		['revealed', 'Again', 'sooner']
	] as const)('a %s review rates %s and moves the next interval %s than 8 days', (name, rating, direction) => {
		const after = recordReview(twice, KEY, outcomes[name], may(24));
		const card = after.cards[KEY]!;
		expect(card.reviews.at(-1)).toEqual({
			date: may(24).toISOString(),
			rating,
			verdict: verdictFor(outcomes[name]),
			source: 'review'
		});
		expect(card.lastReview).toBe(may(24).toISOString());
		if (direction === 'later') expect(intervalDays(after, KEY)).toBeGreaterThan(8);
		else expect(intervalDays(after, KEY)).toBeLessThan(8);
	});

	it('orders the next due date: wrong < right with help < right at first try', () => {
		const due = (outcome: QuestionOutcome) => Date.parse(recordReview(twice, KEY, outcome, may(24)).cards[KEY]!.due);
		expect(due(outcomes.wrongOutOfTries)).toBeLessThan(due(outcomes.secondTry));
		expect(due(outcomes.secondTry)).toBeLessThan(due(outcomes.firstTry));
	});

	it('counts a lapse when a learnt card is answered wrongly', () => {
		const after = recordReview(twice, KEY, outcomes.wrongOutOfTries, may(24));
		expect(after.cards[KEY]!.lapses).toBe(twice.cards[KEY]!.lapses + 1);
		expect(after.cards[KEY]!.lastOutcome).toBe('wrong');
	});

	it('makes the due count fall as the due questions are reviewed, right or wrong', () => {
		let deck = lesson({ q1: outcomes.revealed, q2: outcomes.wrongOutOfTries });
		const now = may(13, 10);
		expect(dueCards(deck, now)).toHaveLength(2);
		deck = recordReview(deck, `${SLUG}/q1`, outcomes.firstTry, now);
		expect(dueCards(deck, now).map((c) => c.questionId)).toEqual(['q2']);
		deck = recordReview(deck, `${SLUG}/q2`, outcomes.wrongOutOfTries, now);
		expect(dueCards(deck, now)).toEqual([]);
		// The one answered wrongly comes back the next day; the one answered right later.
		expect(dueCards(deck, may(14, 12)).map((c) => c.questionId)).toEqual(['q2']);
	});

	it('does not fail when the clock is behind the last review', () => {
		const after = recordReview(twice, KEY, outcomes.firstTry, may(10));
		const card = after.cards[KEY]!;
		expect(card.reviews.at(-1)).toMatchObject({ date: may(10).toISOString(), rating: 'Good' });
		expect(Date.parse(card.due)).toBeGreaterThan(Date.parse(twice.cards[KEY]!.due));
	});

	it('leaves the deck as it is for an unknown key', () => {
		expect(recordReview(missed, 'nope/q9', outcomes.firstTry, may(13))).toBe(missed);
	});

	it(`keeps only the last ${MAX_REVIEWS_PER_CARD} log entries of a card`, () => {
		let deck = missed;
		let now = may(13);
		for (let i = 0; i < MAX_REVIEWS_PER_CARD + 20; i++) {
			deck = recordReview(deck, KEY, i % 2 ? outcomes.firstTry : outcomes.wrongOutOfTries, now);
			now = new Date(now.getTime() + DAY_MS);
		}
		const reviews = deck.cards[KEY]!.reviews;
		expect(reviews).toHaveLength(MAX_REVIEWS_PER_CARD);
		expect(reviews.at(-1)!.date).toBe(new Date(now.getTime() - DAY_MS).toISOString());
		expect(reviews.every((r) => r.source === 'review')).toBe(true);
	});
});

describe('purity', () => {
	it('never mutates the deck it is given', () => {
		const deck = deepFreeze(lesson({ q1: outcomes.revealed, q2: outcomes.secondTry }));
		const before = structuredClone(deck);
		const added = addLessonOutcomes(deck, SLUG, { q1: outcomes.firstTry, q3: outcomes.revealed }, may(13));
		const reviewed = recordReview(deck, KEY, outcomes.firstTry, may(13));
		const removed = removeCard(deck, KEY);
		dueCards(deck, may(20));
		expect(deck).toEqual(before);
		expect(Object.keys(added.cards)).toHaveLength(3);
		expect(reviewed.cards[KEY]!.reviews).toHaveLength(2);
		expect(Object.keys(removed.cards)).toEqual([`${SLUG}/q2`]);
	});
});
