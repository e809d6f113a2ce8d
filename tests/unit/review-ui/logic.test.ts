import { describe, expect, it } from 'vitest';
import {
	addLessonOutcomes,
	emptyDeck,
	dueCards,
	recordReview,
	stats,
	type ReviewCard
} from '../../../src/lib/review/deck.ts';
import {
	calendarDaysBetween,
	dayLabel,
	groupDue,
	historySummary,
	nextReviewText,
	parseReviewSeed,
	questionRequests,
	reviewSeed,
	reviewsDone,
	sectionOfRange,
	seedForCard,
	sessionSummaryText,
	tally
} from '../../../src/lib/components/review/logic.ts';

/** Local date-times in May 2025 (no daylight-saving change that month in common zones). */
const may = (day: number, hour = 9) => new Date(2025, 4, day, hour);
const wrong = { tries: 3, hintsUsed: 0, revealed: false, credit: 0, firstTryCorrect: false };
const firstTry = { tries: 1, hintsUsed: 0, revealed: false, credit: 1, firstTryCorrect: true };

function deckWith(entries: [slug: string, id: string][], at: Date) {
	let deck = emptyDeck();
	for (const [slug, id] of entries) deck = addLessonOutcomes(deck, slug, { [id]: wrong }, at);
	return deck;
}

describe('review seeds', () => {
	it('differ from the lesson seed and from one review to the next', () => {
		const deck = deckWith([['m', 'q1']], may(1));
		const card = deck.cards['m/q1']!;
		expect(reviewsDone(card)).toBe(0);
		expect(seedForCard(card)).toBe('q1:r1');
		const after = recordReview(deck, 'm/q1', firstTry, may(2)).cards['m/q1']!;
		expect(reviewsDone(after)).toBe(1);
		expect(seedForCard(after)).toBe('q1:r2');
	});

	it.each([
		['q1:r1', { questionId: 'q1', seed: 'q1:r1' }],
		['who-said-it:r12', { questionId: 'who-said-it', seed: 'who-said-it:r12' }],
		['q1', null],
		['q1:r', null],
		['qAb_9-Zx:r3', { questionId: 'qAb_9-Zx', seed: 'qAb_9-Zx:r3' }],
		['q 1:r1', null],
		['q1:r1:r2', null],
		['../x:r1', null],
		[':r1', null]
	])('parseReviewSeed(%j)', (value, expected) => {
		expect(parseReviewSeed(value)).toEqual(expected);
	});

	it('round-trips what reviewSeed writes', () => {
		expect(parseReviewSeed(reviewSeed('q-7', 3))).toEqual({ questionId: 'q-7', seed: 'q-7:r3' });
	});
});

describe('groupDue', () => {
	const modules = [
		{
			slug: 'alpha',
			title: 'Alpha story',
			questions: [
				{ id: 'a1', prompt: 'Who?' },
				{ id: 'a2', prompt: 'Why?' }
			]
		},
		{ slug: 'beta', title: 'Beta story', questions: [{ id: 'b1', prompt: 'When?' }] }
	];

	it('groups by module in due order and counts cards it cannot ask', () => {
		let deck = deckWith([['beta', 'b1']], may(1));
		deck = addLessonOutcomes(deck, 'alpha', { a2: wrong, a1: wrong, gone: wrong }, may(2));
		deck = addLessonOutcomes(deck, 'removed', { x: wrong }, may(2));
		const { groups, unavailable } = groupDue(dueCards(deck, may(10)), modules);
		expect(groups.map((g) => [g.title, g.items.map((i) => i.prompt)])).toEqual([
			['Beta story', ['When?']],
			['Alpha story', ['Who?', 'Why?']]
		]);
		expect(unavailable).toBe(2);
	});

	it('gives nothing for an empty deck', () => {
		expect(groupDue([], modules)).toEqual({ groups: [], unavailable: 0 });
	});
});

describe('dates in words', () => {
	it.each([
		[may(5, 9), may(5, 23), 0],
		[may(5, 23), may(6, 1), 1],
		[may(6, 1), may(5, 23), -1],
		[may(1), may(31), 30]
	])('calendarDaysBetween(%s, %s) = %i', (from, to, days) => {
		expect(calendarDaysBetween(from, to)).toBe(days);
	});

	it.each([
		[may(5, 20), 'Next review later today'],
		[may(4, 20), 'Next review later today'],
		[may(6, 0), 'Next review tomorrow'],
		[may(8, 9), 'Next review in 3 days'],
		[may(30, 9), 'Next review in 25 days']
	])('due %s → %s', (due, text) => {
		expect(nextReviewText(due.toISOString(), may(5, 10))).toBe(text);
	});

	it('matches the interval the deck gives a question answered right', () => {
		const deck = recordReview(deckWith([['m', 'q1']], may(1)), 'm/q1', firstTry, may(2));
		const card = deck.cards['m/q1'] as ReviewCard;
		expect(nextReviewText(card.due, may(2))).toBe(`Next review in ${card.scheduledDays} days`);
	});

	it.each([
		['2025-05-05', 'short', 'Mon 5 May'],
		['2025-05-05', 'long', 'Monday 5 May'],
		['2024-12-31', 'short', 'Tue 31 Dec']
	] as const)('dayLabel(%s, %s) = %s', (key, style, label) => {
		expect(dayLabel(key, style)).toBe(label);
	});
});

describe('summaries', () => {
	it('says when nothing was reviewed', () => {
		expect(historySummary(stats(emptyDeck(), may(10)).history)).toBe('No reviews in the last 14 days.');
	});

	it('counts answers, days and right answers of the chart', () => {
		let deck = deckWith(
			[
				['m', 'q1'],
				['m', 'q2']
			],
			may(1)
		);
		deck = recordReview(deck, 'm/q1', firstTry, may(3));
		deck = recordReview(deck, 'm/q2', wrong, may(3));
		deck = recordReview(deck, 'm/q2', firstTry, may(5));
		expect(historySummary(stats(deck, may(10)).history)).toBe(
			'3 answers on 2 days in the last 14 days, 2 of them right.'
		);
	});

	it.each([
		[[], 'You did not answer any questions this time.'],
		[['right'], 'You reviewed 1 question: 1 right at the first try.'],
		[
			['right', 'wrong', 'right-with-help', 'wrong'],
			'You reviewed 4 questions: 1 right at the first try, 1 right with help, 2 missed.'
		]
	] as const)('session of %j', (verdicts, text) => {
		expect(sessionSummaryText([...verdicts])).toBe(text);
	});

	it('tallies verdicts', () => {
		expect(tally(['wrong', 'right', 'wrong'])).toEqual({ right: 1, withHelp: 0, wrong: 2 });
	});
});

describe('sectionOfRange', () => {
	const sections = [
		{ id: 's1', start: 0, end: 100 },
		{ id: 's2', start: 100, end: 250 }
	];
	it.each([
		[{ start: 0, end: 10 }, 's1'],
		[{ start: 99, end: 120 }, 's1'],
		[{ start: 100, end: 120 }, 's2'],
		[{ start: 300, end: 310 }, null]
	])('%j is in %s', (range, id) => {
		expect(sectionOfRange(sections, range)).toBe(id);
	});
});

describe('questionRequests', () => {
	it('asks once per known module, each card under its next review seed', () => {
		let deck = deckWith(
			[
				['alpha', 'a1'],
				['beta', 'b1'],
				['alpha', 'a2'],
				['gone', 'x']
			],
			may(1)
		);
		deck = recordReview(deck, 'alpha/a2', firstTry, may(3));
		const cards = dueCards(deck, may(20));
		const requests = questionRequests(cards, ['alpha', 'beta']);
		expect(requests.map((r) => [r.slug, r.url, r.cards.map((c) => c.key)])).toEqual([
			['alpha', '/review/questions?slug=alpha&q=a1%3Ar1&q=a2%3Ar2', ['alpha/a1', 'alpha/a2']],
			['beta', '/review/questions?slug=beta&q=b1%3Ar1', ['beta/b1']]
		]);
	});

	it('asks nothing for no cards', () => {
		expect(questionRequests([], ['alpha'])).toEqual([]);
	});
});
