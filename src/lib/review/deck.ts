/**
 * The self-review deck: every question a learner missed (or only got with help) in a lesson,
 * scheduled for spaced review with FSRS (ts-fsrs).
 *
 * Everything here is pure and browser-safe: functions take the current time as an argument (they
 * never read the clock), return new objects and never mutate their input. A deck is plain JSON
 * (dates are ISO strings), so it can be stored, exported and imported as is.
 */
import { createEmptyCard, fsrs, generatorParameters, Rating, State, type Card as FsrsCard, type Grade } from 'ts-fsrs';

/** Version of the deck shape written by this code (see storage.ts for older versions). */
export const DECK_VERSION = 1;

/** At most this many log entries are kept per card (the oldest are dropped first). */
export const MAX_REVIEWS_PER_CARD = 100;

/** How one question went, in a lesson or a review session (from the question machine). */
export interface QuestionOutcome {
	/** Answers submitted. */
	tries: number;
	hintsUsed: number;
	/** The learner asked to see the answer. */
	revealed: boolean;
	/** Share of the question right at the end, 0..1 (before retry and hint costs). */
	credit: number;
	firstTryCorrect: boolean;
}

/** How a question went, in three words the learner understands. */
export type ReviewVerdict = 'right' | 'right-with-help' | 'wrong';

/** The FSRS ratings we use, by name (names survive storage better than enum numbers). */
export type ReviewRating = 'Again' | 'Hard' | 'Good' | 'Easy';

export type CardState = 'New' | 'Learning' | 'Review' | 'Relearning';

export type CardKey = `${string}/${string}`;

export interface ReviewLogEntry {
	/** When the question was answered (ISO). */
	date: string;
	rating: ReviewRating;
	verdict: ReviewVerdict;
	/** A lesson (the card joined or was met again) or a review session. */
	source: 'lesson' | 'review';
}

/** FSRS memory state of a card, serialisable (dates as ISO strings). */
export interface ReviewSchedule {
	/** When the card is next due (ISO). */
	due: string;
	stability: number;
	difficulty: number;
	/** Days between the last review and `due`. */
	scheduledDays: number;
	learningSteps: number;
	reps: number;
	lapses: number;
	state: CardState;
	/** Last time the card was rated (ISO), null if never. */
	lastReview: string | null;
}

export interface ReviewCard extends ReviewSchedule {
	key: CardKey;
	slug: string;
	questionId: string;
	/** When the question first joined the deck (ISO). */
	addedAt: string;
	/** Verdict of the most recent answer, in a lesson or a review. */
	lastOutcome: ReviewVerdict;
	/** Oldest first. */
	reviews: ReviewLogEntry[];
}

export interface Deck {
	version: typeof DECK_VERSION;
	cards: Record<string, ReviewCard>;
}

export interface DayHistory {
	/** Local calendar day, YYYY-MM-DD. */
	date: string;
	/** Review-session answers that day. */
	reviewed: number;
	/** Of those, answered right in the end (with or without help). */
	right: number;
}

export interface DeckStats {
	total: number;
	/** Cards due before the end of the local day of `now`. */
	dueToday: number;
	/** Review-session answers during the last 7 local days, today included. */
	reviewedThisWeek: number;
	/** The last 14 local days, oldest first, today last. */
	history: DayHistory[];
}

/**
 * The scheduler. Short-term (minute-long learning steps) is off: a reading lesson is reviewed
 * days later, not minutes later, so every interval is whole days (a missed question is due the
 * next day). Fuzz is off so that schedules are reproducible; decks are small, so spreading the
 * load is not needed.
 */
const scheduler = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: false }));

const RATING_BY_NAME: Record<ReviewRating, Grade> = {
	Again: Rating.Again,
	Hard: Rating.Hard,
	Good: Rating.Good,
	Easy: Rating.Easy
};

const STATE_NAMES: Record<State, CardState> = {
	[State.New]: 'New',
	[State.Learning]: 'Learning',
	[State.Review]: 'Review',
	[State.Relearning]: 'Relearning'
};

const STATE_BY_NAME: Record<CardState, State> = {
	New: State.New,
	Learning: State.Learning,
	Review: State.Review,
	Relearning: State.Relearning
};

export function emptyDeck(): Deck {
	return { version: DECK_VERSION, cards: {} };
}

export function cardKey(slug: string, questionId: string): CardKey {
	return `${slug}/${questionId}`;
}

/** Right in the end means full credit without asking for the answer. */
function rightInTheEnd(outcome: QuestionOutcome): boolean {
	if (outcome.revealed) return false;
	// Partial credit at the end (say two of three options) still counts as wrong: part of the
	// question was missed, and that part is what the review should bring back.
	return outcome.firstTryCorrect || outcome.credit >= 1 - 1e-9;
}

export function verdictFor(outcome: QuestionOutcome): ReviewVerdict {
	if (!rightInTheEnd(outcome)) return 'wrong';
	const unaided = outcome.firstTryCorrect && outcome.hintsUsed === 0 && outcome.tries <= 1;
	return unaided ? 'right' : 'right-with-help';
}

/**
 * The FSRS rating an outcome earns: wrong (not right in the end, or revealed) → Again; right with
 * help (retries or hints) → Hard; right at the first try without hints → Good.
 *
 * Easy is never given: a lesson or review only tells us whether the learner got the answer and
 * how much help they needed, not how effortless it felt. Claiming Easy would stretch intervals on
 * evidence we do not have; Good already grows the interval several-fold.
 */
export function ratingFor(outcome: QuestionOutcome): ReviewRating {
	const verdict = verdictFor(outcome);
	return verdict === 'wrong' ? 'Again' : verdict === 'right-with-help' ? 'Hard' : 'Good';
}

function toFsrsCard(schedule: ReviewSchedule): FsrsCard {
	return {
		due: new Date(schedule.due),
		stability: schedule.stability,
		difficulty: schedule.difficulty,
		elapsed_days: 0, // deprecated in ts-fsrs 5 and unused by its scheduler
		scheduled_days: schedule.scheduledDays,
		learning_steps: schedule.learningSteps,
		reps: schedule.reps,
		lapses: schedule.lapses,
		state: STATE_BY_NAME[schedule.state],
		...(schedule.lastReview ? { last_review: new Date(schedule.lastReview) } : {})
	};
}

function fromFsrsCard(card: FsrsCard): ReviewSchedule {
	return {
		due: card.due.toISOString(),
		stability: card.stability,
		difficulty: card.difficulty,
		scheduledDays: card.scheduled_days,
		learningSteps: card.learning_steps,
		reps: card.reps,
		lapses: card.lapses,
		state: STATE_NAMES[card.state],
		lastReview: card.last_review ? card.last_review.toISOString() : null
	};
}

/** A new, never-rated schedule (due at `now`). */
export function newSchedule(now: Date): ReviewSchedule {
	return fromFsrsCard(createEmptyCard(now));
}

/**
 * The schedule after rating the card at `now`. A `now` before the card's last review (the device
 * clock was set back, or the card came from a device whose clock runs ahead) is treated as the
 * moment of that last review: ts-fsrs refuses negative elapsed time, and a review must not fail.
 */
export function schedule(current: ReviewSchedule, rating: ReviewRating, now: Date): ReviewSchedule {
	const last = current.lastReview ? Date.parse(current.lastReview) : Number.NEGATIVE_INFINITY;
	const at = now.getTime() < last ? new Date(last) : now;
	const { card } = scheduler.next(toFsrsCard(current), at, RATING_BY_NAME[rating]);
	return fromFsrsCard(card);
}

function rate(card: ReviewCard, outcome: QuestionOutcome, source: ReviewLogEntry['source'], now: Date): ReviewCard {
	const rating = ratingFor(outcome);
	const verdict = verdictFor(outcome);
	const entry: ReviewLogEntry = { date: now.toISOString(), rating, verdict, source };
	return {
		...card,
		...schedule(card, rating, now),
		lastOutcome: verdict,
		reviews: [...card.reviews, entry].slice(-MAX_REVIEWS_PER_CARD)
	};
}

/**
 * Adds the outcomes of one finished lesson. A question answered wrongly, or right only after
 * hints, retries or a reveal, joins the deck; if it is already there it is rescheduled with that
 * rating. A question right at the first try without hints does not join; if it is already in the
 * deck (missed in an earlier attempt) it counts as a good review and its interval grows.
 */
export function addLessonOutcomes(
	deck: Deck,
	slug: string,
	outcomes: Record<string, QuestionOutcome>,
	now: Date
): Deck {
	const cards = { ...deck.cards };
	for (const [questionId, outcome] of Object.entries(outcomes)) {
		const key = cardKey(slug, questionId);
		const existing = cards[key];
		if (!existing && verdictFor(outcome) === 'right') continue;
		const base: ReviewCard = existing ?? {
			key,
			slug,
			questionId,
			addedAt: now.toISOString(),
			lastOutcome: verdictFor(outcome),
			...newSchedule(now),
			reviews: []
		};
		cards[key] = rate(base, outcome, 'lesson', now);
	}
	return { ...deck, cards };
}

/** Start of the local calendar day after the one holding `now`. */
export function endOfLocalDay(now: Date): Date {
	return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
}

function startOfLocalDay(now: Date): Date {
	return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

/** YYYY-MM-DD of the local calendar day holding `date`. */
export function localDayKey(date: Date): string {
	const y = String(date.getFullYear()).padStart(4, '0');
	const m = String(date.getMonth() + 1).padStart(2, '0');
	const d = String(date.getDate()).padStart(2, '0');
	return `${y}-${m}-${d}`;
}

function byDueThenKey(a: ReviewCard, b: ReviewCard): number {
	const diff = Date.parse(a.due) - Date.parse(b.due);
	if (diff !== 0) return diff;
	return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Cards due today: due before the end of `now`'s local day (so a card due this evening can be
 * reviewed this morning, and the list matches `stats().dueToday`). Earliest due first.
 */
export function dueCards(deck: Deck, now: Date): ReviewCard[] {
	const limit = endOfLocalDay(now).getTime();
	return Object.values(deck.cards)
		.filter((card) => Date.parse(card.due) < limit)
		.sort(byDueThenKey);
}

/** All cards, earliest due first (for an "upcoming" list). */
export function allCards(deck: Deck): ReviewCard[] {
	return Object.values(deck.cards).sort(byDueThenKey);
}

/**
 * Records one answer in a review session: the card is rescheduled (right at the first try grows
 * its interval, wrong shrinks it) and the answer logged. An unknown key leaves the deck as is.
 */
export function recordReview(deck: Deck, key: string, outcome: QuestionOutcome, now: Date): Deck {
	const card = deck.cards[key];
	if (!card) return deck;
	return { ...deck, cards: { ...deck.cards, [key]: rate(card, outcome, 'review', now) } };
}

/** Removes one card (the learner no longer wants to review it). */
export function removeCard(deck: Deck, key: string): Deck {
	if (!(key in deck.cards)) return deck;
	const cards = { ...deck.cards };
	delete cards[key];
	return { ...deck, cards };
}

/** Progress at a glance. Only review-session answers count as reviews (not lesson answers). */
export function stats(deck: Deck, now: Date): DeckStats {
	const today = startOfLocalDay(now);
	const days: DayHistory[] = [];
	for (let back = 13; back >= 0; back--) {
		const day = new Date(today.getFullYear(), today.getMonth(), today.getDate() - back);
		days.push({ date: localDayKey(day), reviewed: 0, right: 0 });
	}
	const byDate = new Map(days.map((day) => [day.date, day]));
	const weekStart = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 6).getTime();
	const limit = endOfLocalDay(now).getTime();

	let reviewedThisWeek = 0;
	for (const card of Object.values(deck.cards)) {
		for (const entry of card.reviews) {
			if (entry.source !== 'review') continue;
			const at = new Date(entry.date);
			const time = at.getTime();
			if (time >= limit) continue; // a log from the future (clock changes) is not "this week"
			if (time >= weekStart) reviewedThisWeek++;
			const day = byDate.get(localDayKey(at));
			if (!day) continue;
			day.reviewed++;
			if (entry.verdict !== 'wrong') day.right++;
		}
	}
	return {
		total: Object.keys(deck.cards).length,
		dueToday: dueCards(deck, now).length,
		reviewedThisWeek,
		history: days
	};
}
