/**
 * The deck on the device: versioned JSON under one key of a Storage-like object (localStorage in
 * the browser, a Map-backed fake in tests). Loading never throws: missing data gives an empty
 * deck, older versions are migrated, and unreadable data is kept aside under a backup key before
 * an empty deck is returned, so nothing the learner had is silently destroyed.
 *
 * Versions:
 * - v0 (the first prototype, never versioned): `{ cards: [...] }`, an array of cards carrying the
 *   fields of a ts-fsrs Card under their own snake_case names, with `state` and ratings as the
 *   ts-fsrs enum numbers and a `history` of `{ at, rating }`. There was no key, no verdict and no
 *   `version` field. See `v0Schema` below.
 * - v1 (current): `{ version: 1, cards: { "<slug>/<questionId>": ReviewCard } }`, see deck.ts.
 */
import { z } from 'zod';
import {
	DECK_VERSION,
	MAX_REVIEWS_PER_CARD,
	cardKey,
	emptyDeck,
	type CardState,
	type Deck,
	type ReviewCard,
	type ReviewLogEntry,
	type ReviewRating,
	type ReviewVerdict
} from './deck.ts';
import { deckSchema, describeIssue, idPart, isoDate } from './schema.ts';

export const STORAGE_KEY = 'closeread.review';
/** Where unreadable (or too new) stored data is kept aside, untouched. */
export const BACKUP_KEY = 'closeread.review.backup';

/** The part of the Web Storage API we use. */
export interface StorageLike {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
	removeItem(key: string): void;
}

export type LoadStatus =
	/** Nothing stored yet. */
	| 'empty'
	| 'loaded'
	/** Stored in an older version and upgraded (saved in the new version on the next save). */
	| 'migrated'
	/** Stored data was unreadable: kept under BACKUP_KEY, empty deck returned. */
	| 'recovered'
	/** Stored by a newer Closeread: kept under BACKUP_KEY, empty deck returned. */
	| 'newer';

export interface LoadResult {
	deck: Deck;
	status: LoadStatus;
	/** Why the stored data could not be used (for 'recovered' and 'newer'). */
	problem?: string;
}

// ---------------------------------------------------------------- v0 → v1

const v0Number = z.number().min(0);

const v0CardSchema = z.object({
	slug: idPart,
	questionId: idPart,
	addedAt: isoDate,
	due: isoDate,
	stability: v0Number,
	difficulty: v0Number,
	scheduled_days: v0Number.int(),
	reps: v0Number.int(),
	lapses: v0Number.int(),
	/** ts-fsrs State: 0 New, 1 Learning, 2 Review, 3 Relearning. */
	state: z.number().int().min(0).max(3),
	last_review: isoDate.nullable().optional(),
	/** ts-fsrs Rating: 1 Again, 2 Hard, 3 Good, 4 Easy. */
	history: z.array(z.object({ at: isoDate, rating: z.number().int().min(1).max(4) })).optional()
});

const v0Schema = z.object({ cards: z.array(v0CardSchema) });

type V0Card = z.infer<typeof v0CardSchema>;

const V0_STATES: CardState[] = ['New', 'Learning', 'Review', 'Relearning'];
const V0_RATINGS: ReviewRating[] = ['Again', 'Hard', 'Good', 'Easy'];

function verdictOfRating(rating: ReviewRating): ReviewVerdict {
	return rating === 'Again' ? 'wrong' : rating === 'Hard' ? 'right-with-help' : 'right';
}

function migrateV0Card(old: V0Card): ReviewCard {
	const history = [...(old.history ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
	// v0 only ever added a card from a lesson, so its first rating came from the lesson; the rest
	// were review sessions.
	const reviews: ReviewLogEntry[] = history.map((entry, index) => {
		const rating = V0_RATINGS[entry.rating - 1] ?? 'Again';
		return {
			date: entry.at,
			rating,
			verdict: verdictOfRating(rating),
			source: index === 0 ? 'lesson' : 'review'
		};
	});
	const last = reviews.at(-1);
	return {
		key: cardKey(old.slug, old.questionId),
		slug: old.slug,
		questionId: old.questionId,
		addedAt: old.addedAt,
		// A v0 card without history had still joined because it was missed.
		lastOutcome: last ? last.verdict : 'wrong',
		due: old.due,
		stability: old.stability,
		difficulty: old.difficulty,
		scheduledDays: old.scheduled_days,
		learningSteps: 0, // v0 predates ts-fsrs learning steps; 0 is ts-fsrs's own default
		reps: old.reps,
		lapses: old.lapses,
		state: V0_STATES[old.state] ?? 'New',
		lastReview: old.last_review ?? last?.date ?? null,
		reviews: reviews.slice(-MAX_REVIEWS_PER_CARD)
	};
}

/** v0 → v1. Throws a ZodError when the data is not a readable v0 deck. */
export function migrateV0ToV1(data: unknown): Deck {
	const old = v0Schema.parse(data);
	const cards: Record<string, ReviewCard> = {};
	// v0 could hold the same question twice; the later entry in the array wins.
	for (const card of old.cards) {
		const migrated = migrateV0Card(card);
		cards[migrated.key] = migrated;
	}
	return { version: 1, cards };
}

/** Upgrades, keyed by the version they start from; each returns the next version's data. */
const MIGRATIONS: Record<number, (data: unknown) => unknown> = {
	0: migrateV0ToV1
};

function versionOf(data: unknown): number | null {
	if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
	if (!('version' in data)) return 'cards' in data && Array.isArray(data.cards) ? 0 : null;
	const version = data.version;
	return typeof version === 'number' && Number.isInteger(version) && version >= 0 ? version : null;
}

// ---------------------------------------------------------------- load, save, clear

function keepAside(storage: StorageLike, raw: string): void {
	try {
		storage.setItem(BACKUP_KEY, raw);
		storage.removeItem(STORAGE_KEY);
	} catch {
		// Storage full or unavailable: leave the original where it is rather than lose it.
	}
}

/** Reads the deck and says how it went. Never throws. */
export function loadDeckWithStatus(storage: StorageLike): LoadResult {
	let stored: string | null;
	try {
		stored = storage.getItem(STORAGE_KEY);
	} catch {
		return { deck: emptyDeck(), status: 'empty', problem: 'Storage on this device is not available.' };
	}
	if (stored === null) return { deck: emptyDeck(), status: 'empty' };
	const raw = stored;

	const recovered = (problem: string): LoadResult => {
		keepAside(storage, raw);
		return { deck: emptyDeck(), status: 'recovered', problem };
	};

	let data: unknown;
	try {
		data = JSON.parse(raw);
	} catch {
		return recovered('The saved review deck is not valid JSON.');
	}
	let version = versionOf(data);
	if (version === null) return recovered('The saved review deck has no readable version.');
	if (version > DECK_VERSION) {
		keepAside(storage, raw);
		return {
			deck: emptyDeck(),
			status: 'newer',
			problem: 'The saved review deck was written by a newer version of Closeread.'
		};
	}
	const startVersion = version;
	try {
		while (version < DECK_VERSION) {
			const migrate = MIGRATIONS[version];
			if (!migrate) return recovered(`No upgrade from version ${version} of the review deck.`);
			data = migrate(data);
			version++;
		}
	} catch (error) {
		const detail = error instanceof z.ZodError ? describeIssue(error) : String(error);
		return recovered(`The saved review deck (version ${startVersion}) could not be upgraded: ${detail}`);
	}
	const parsed = deckSchema.safeParse(data);
	if (!parsed.success) {
		return recovered(`The saved review deck is damaged: ${describeIssue(parsed.error)}`);
	}
	return { deck: parsed.data, status: startVersion < DECK_VERSION ? 'migrated' : 'loaded' };
}

/** The stored deck: empty when nothing (usable) is stored. Never throws. */
export function loadDeck(storage: StorageLike): Deck {
	return loadDeckWithStatus(storage).deck;
}

export type SaveResult = { ok: true } | { ok: false; message: string };

/** Writes the deck. Does not throw when storage is full or blocked; says so instead. */
export function saveDeck(storage: StorageLike, deck: Deck): SaveResult {
	try {
		storage.setItem(STORAGE_KEY, JSON.stringify(deck));
		return { ok: true };
	} catch {
		return {
			ok: false,
			message: 'Your review deck could not be saved on this device (storage is full or blocked).'
		};
	}
}

/** Forgets the deck, and any copy kept aside. */
export function clearDeck(storage: StorageLike): void {
	try {
		storage.removeItem(STORAGE_KEY);
		storage.removeItem(BACKUP_KEY);
	} catch {
		// Nothing to clear when storage is unavailable.
	}
}
