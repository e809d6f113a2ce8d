import { describe, expect, it } from 'vitest';
import {
	addLessonOutcomes,
	emptyDeck,
	endOfLocalDay,
	localDayKey,
	recordReview,
	stats,
	type Deck
} from '../../../src/lib/review/deck.ts';
import { may, outcomes } from './helpers.ts';

const SLUG = 'seoul-warns';

/** Missed q1..q4 in a lesson on 1 May; then reviews on the given days. */
function deckWithReviews(reviews: Array<[questionId: string, when: Date, right: boolean]>): Deck {
	let deck = addLessonOutcomes(
		emptyDeck(),
		SLUG,
		{
			q1: outcomes.revealed,
			q2: outcomes.wrongOutOfTries,
			q3: outcomes.secondTry,
			q4: outcomes.firstTryWithHint,
			q5: outcomes.firstTry
		},
		may(1)
	);
	for (const [questionId, when, right] of reviews) {
		deck = recordReview(deck, `${SLUG}/${questionId}`, right ? outcomes.firstTry : outcomes.wrongOutOfTries, when);
	}
	return deck;
}

describe('stats', () => {
	it('is all zeros for an empty deck, with 14 days of history ending today', () => {
		const result = stats(emptyDeck(), may(12, 15));
		expect(result).toMatchObject({ total: 0, dueToday: 0, reviewedThisWeek: 0 });
		expect(result.history).toHaveLength(14);
		expect(result.history[0]).toEqual({ date: '2025-04-29', reviewed: 0, right: 0 });
		expect(result.history.at(-1)).toEqual({ date: '2025-05-12', reviewed: 0, right: 0 });
	});

	it('counts only missed questions, and none as reviewed right after the lesson', () => {
		const result = stats(deckWithReviews([]), may(1, 18));
		expect(result.total).toBe(4);
		expect(result.dueToday).toBe(0);
		expect(result.reviewedThisWeek).toBe(0);
		expect(result.history.every((day) => day.reviewed === 0)).toBe(true);
	});

	it.each([
		// Missed (Again) cards are due on 2 May 09:00, the Hard ones on 3 May 09:00.
		['1 May, evening', may(1, 22), 0],
		['2 May, 00:30 (due later that day)', may(2, 0, 30), 2],
		['2 May, 23:59', may(2, 23, 59), 2],
		['3 May, 06:00', may(3, 6), 4]
	])('due today on %s: %i', (_label, now, expected) => {
		expect(stats(deckWithReviews([]), now).dueToday).toBe(expected);
	});

	it('falls due today as cards are reviewed', () => {
		const now = may(3, 10);
		expect(stats(deckWithReviews([]), now).dueToday).toBe(4);
		expect(stats(deckWithReviews([['q1', now, true]]), now).dueToday).toBe(3);
		expect(
			stats(
				deckWithReviews([
					['q1', now, true],
					['q2', now, false],
					['q3', now, true]
				]),
				now
			).dueToday
		).toBe(1);
	});

	it('counts reviews of the last 7 local days, today included, and charts 14 days', () => {
		const deck = deckWithReviews([
			['q1', may(2, 8), false], // 11 days before 13 May: in the chart, not this week
			['q2', may(6, 23, 30), true], // 7 days before: just outside the week
			['q1', may(7, 0, 15), true], // 6 days before: first day of the week
			['q3', may(10, 9), false],
			['q4', may(10, 20), true],
			['q2', may(13, 8), true] // today
		]);
		const result = stats(deck, may(13, 12));
		expect(result.reviewedThisWeek).toBe(4);
		const chart = Object.fromEntries(
			result.history.filter((day) => day.reviewed > 0).map((day) => [day.date, [day.reviewed, day.right]])
		);
		expect(chart).toEqual({
			'2025-05-02': [1, 0],
			'2025-05-06': [1, 1],
			'2025-05-07': [1, 1],
			'2025-05-10': [2, 1],
			'2025-05-13': [1, 1]
		});
		expect(result.history[0]!.date).toBe('2025-04-30');
		expect(result.history.at(-1)!.date).toBe('2025-05-13');
	});

	it('leaves out reviews older than 14 days, and counts help as right in the chart', () => {
		let deck = deckWithReviews([['q1', may(2), true]]);
		deck = recordReview(deck, `${SLUG}/q2`, outcomes.secondTryWithHints, may(20));
		const result = stats(deck, may(20, 21));
		expect(result.history.find((d) => d.date === '2025-05-02')).toBeUndefined();
		expect(result.history.at(-1)).toEqual({ date: '2025-05-20', reviewed: 1, right: 1 });
		expect(result.reviewedThisWeek).toBe(1);
	});
});

describe('local day helpers', () => {
	it('ends the day at the next local midnight', () => {
		expect(endOfLocalDay(may(12, 15))).toEqual(may(13, 0));
		expect(endOfLocalDay(may(31, 23, 59))).toEqual(new Date(2025, 5, 1));
	});

	it('names the local day', () => {
		expect(localDayKey(may(9, 0, 1))).toBe('2025-05-09');
		expect(localDayKey(may(9, 23, 59))).toBe('2025-05-09');
	});
});
