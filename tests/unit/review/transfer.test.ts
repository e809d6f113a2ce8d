import { describe, expect, it } from 'vitest';
import {
	addLessonOutcomes,
	emptyDeck,
	recordReview,
	type Deck,
	type ReviewCard
} from '../../../src/lib/review/deck.ts';
import { STORAGE_KEY, loadDeck, saveDeck } from '../../../src/lib/review/storage.ts';
import {
	IMPORT_MESSAGES,
	MAX_IMPORT_BYTES,
	exportDeck,
	exportFileName,
	importInto,
	mergeDecks,
	mergeDecksWithSummary,
	parseImport
} from '../../../src/lib/review/transfer.ts';
import { deepFreeze, may, memoryStorage, outcomes } from './helpers.ts';

const SLUG = 'seoul-warns';

function sampleDeck(): Deck {
	const deck = addLessonOutcomes(
		emptyDeck(),
		SLUG,
		{ q1: outcomes.revealed, q2: outcomes.secondTry, q3: outcomes.wrongOutOfTries },
		may(1)
	);
	return recordReview(deck, `${SLUG}/q1`, outcomes.firstTry, may(2));
}

function exportWith(change: (file: Record<string, unknown>) => void): string {
	const file = JSON.parse(exportDeck(sampleDeck(), may(3))) as Record<string, unknown>;
	change(file);
	return JSON.stringify(file);
}

function cardIn(file: Record<string, unknown>, key = `${SLUG}/q1`): Record<string, unknown> {
	return (file.deck as { cards: Record<string, Record<string, unknown>> }).cards[key]!;
}

describe('export → import', () => {
	it('round-trips the deck exactly', () => {
		const deck = sampleDeck();
		const text = exportDeck(deck, may(3));
		expect(JSON.parse(text)).toMatchObject({
			format: 'closeread-review',
			version: 1,
			exportedAt: may(3).toISOString()
		});
		expect(parseImport(text)).toEqual({ ok: true, deck });
	});

	it('round-trips an empty deck', () => {
		expect(parseImport(exportDeck(emptyDeck(), may(3)))).toEqual({ ok: true, deck: emptyDeck() });
	});

	it('accepts a file saved with a byte-order mark', () => {
		expect(parseImport('\uFEFF' + exportDeck(sampleDeck(), may(3))).ok).toBe(true);
	});

	it('names the file after the local day', () => {
		expect(exportFileName(may(3, 23, 30))).toBe('closeread-review-2025-05-03.json');
	});
});

describe('imports that are refused', () => {
	const damaged = (detail: RegExp) => new RegExp(`^The file is damaged: .*${detail.source}`);
	it.each([
		['an empty file', '', IMPORT_MESSAGES.foreign],
		['plain text', 'hello, teacher', IMPORT_MESSAGES.foreign],
		['a CSV file', 'name,score\nAda,3', IMPORT_MESSAGES.foreign],
		['a JSON array', '[1,2]', IMPORT_MESSAGES.foreign],
		['JSON null', 'null', IMPORT_MESSAGES.foreign],
		['another app’s JSON', '{"cards":[{"front":"a","back":"b"}]}', IMPORT_MESSAGES.foreign],
		['a v0 device deck, not an export', '{"cards":[]}', IMPORT_MESSAGES.foreign],
		['another format name', exportWith((f) => (f.format = 'anki-export')), IMPORT_MESSAGES.foreign],
		['a newer version', exportWith((f) => (f.version = 2)), IMPORT_MESSAGES.newer],
		['a far newer version', exportWith((f) => (f.version = 37)), IMPORT_MESSAGES.newer]
	])('%s: %s', (_label, text, message) => {
		expect(parseImport(text)).toEqual({ ok: false, message });
	});

	it.each([
		['cut off half-way', exportDeck(sampleDeck(), may(3)).slice(0, 400), /incomplete or not valid JSON/],
		['no version', exportWith((f) => delete f.version), /version is missing/],
		['a version that is text', exportWith((f) => (f.version = '1')), /version is missing/],
		['a bad export date', exportWith((f) => (f.exportedAt = 'yesterday')), /exportedAt is not a valid date and time/],
		['no deck', exportWith((f) => delete f.deck), /deck is missing/],
		[
			'an impossible due date',
			exportWith((f) => (cardIn(f).due = '2025-02-30T09:00:00.000Z')),
			/deck\.cards\["seoul-warns\/q1"\]\.due is not a valid date and time/
		],
		['a date without a time', exportWith((f) => (cardIn(f).addedAt = '2025-05-01')), /addedAt/],
		['a negative stability', exportWith((f) => (cardIn(f).stability = -1)), /stability/],
		[
			'an unknown rating',
			exportWith((f) => ((cardIn(f).reviews as Array<Record<string, unknown>>)[0]!.rating = 'Perfect')),
			/rating/
		],
		['an unknown card state', exportWith((f) => (cardIn(f).state = 'Mastered')), /state/],
		['an extra field', exportWith((f) => (cardIn(f).password = 'x')), /unexpected field "password" in deck\.cards/],
		[
			'a card under the wrong key',
			exportWith((f) => {
				const cards = (f.deck as { cards: Record<string, unknown> }).cards;
				cards['seoul-warns/q9'] = cards[`${SLUG}/q1`];
			}),
			/wrong key/
		],
		[
			'a slug with odd characters',
			exportWith((f) => {
				const card = cardIn(f);
				card.slug = '../etc';
				card.key = '../etc/q1';
			}),
			/slug/
		]
	])('%s: damaged, and says where', (_label, text, detail) => {
		const result = parseImport(text);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.message).toMatch(damaged(detail));
	});

	it('refuses a file over 5 MB', () => {
		const text = exportDeck(sampleDeck(), may(3)) + ' '.repeat(MAX_IMPORT_BYTES);
		expect(parseImport(text)).toEqual({ ok: false, message: IMPORT_MESSAGES.tooLarge });
	});

	it('counts bytes, not characters, against the 5 MB limit', () => {
		const padding = 'é'.repeat(Math.ceil(MAX_IMPORT_BYTES / 2) + 10); // 2 bytes each
		const text = exportWith((f) => (f.note = padding));
		expect(text.length).toBeLessThan(MAX_IMPORT_BYTES);
		expect(parseImport(text)).toEqual({ ok: false, message: IMPORT_MESSAGES.tooLarge });
	});

	it('refuses more than 5,000 cards', () => {
		const card = sampleDeck().cards[`${SLUG}/q1`]!;
		const cards: Record<string, ReviewCard> = {};
		for (let i = 0; i <= 5000; i++) {
			const questionId = `q${i}`;
			cards[`${SLUG}/${questionId}`] = { ...card, key: `${SLUG}/${questionId}`, questionId };
		}
		const text = exportDeck({ version: 1, cards }, may(3));
		expect(parseImport(text)).toEqual({ ok: false, message: IMPORT_MESSAGES.tooManyCards });
		expect(IMPORT_MESSAGES.tooManyCards).toContain('5,000');
	});

	it('changes nothing, on the device or in memory, when the file is refused', () => {
		const current = deepFreeze(sampleDeck());
		const storage = memoryStorage();
		saveDeck(storage, current);
		const storedBefore = storage.map.get(STORAGE_KEY);
		for (const text of ['not json', exportWith((f) => (f.version = 2)), exportWith((f) => (cardIn(f).due = 'x'))]) {
			const result = importInto(current, text);
			expect(result.ok).toBe(false);
			expect('deck' in result).toBe(false);
		}
		expect(storage.map.get(STORAGE_KEY)).toBe(storedBefore);
		expect(loadDeck(storage)).toEqual(current);
	});
});

describe('mergeDecks', () => {
	// This device: q1 (reviewed 2 May), q2 and q3 (from the 1 May lesson).
	const here = deepFreeze(sampleDeck());
	// The other device: the same lesson, then q2 reviewed on 5 May; q1 only from the lesson;
	// plus a question from another module.
	const there = deepFreeze(
		recordReview(
			addLessonOutcomes(
				addLessonOutcomes(emptyDeck(), SLUG, { q1: outcomes.revealed, q2: outcomes.secondTry }, may(1)),
				'other-module',
				{ q4: outcomes.revealed },
				may(4)
			),
			`${SLUG}/q2`,
			outcomes.firstTry,
			may(5)
		)
	);

	it('adds imported cards and keeps, for each card in both, the one reviewed more recently', () => {
		const merged = mergeDecks(here, there);
		expect(Object.keys(merged.cards).sort()).toEqual(['other-module/q4', `${SLUG}/q1`, `${SLUG}/q2`, `${SLUG}/q3`]);
		expect(merged.cards[`${SLUG}/q1`]).toBe(here.cards[`${SLUG}/q1`]); // reviewed 2 May here
		expect(merged.cards[`${SLUG}/q2`]).toBe(there.cards[`${SLUG}/q2`]); // reviewed 5 May there
		expect(merged.cards[`${SLUG}/q3`]).toBe(here.cards[`${SLUG}/q3`]);
		expect(merged.cards['other-module/q4']).toBe(there.cards['other-module/q4']);
	});

	it('keeps the card already here on a tie', () => {
		const summary = mergeDecksWithSummary(here, structuredClone(here));
		expect(summary).toMatchObject({ added: 0, replaced: 0, kept: 3 });
		expect(summary.deck.cards[`${SLUG}/q1`]).toBe(here.cards[`${SLUG}/q1`]);
	});

	it('counts what the import did', () => {
		expect(mergeDecksWithSummary(here, there)).toMatchObject({ added: 1, replaced: 1, kept: 1 });
	});

	it('imports into an empty deck as is, and merging is repeatable', () => {
		expect(mergeDecks(emptyDeck(), here)).toEqual(here);
		const once = mergeDecks(here, there);
		expect(mergeDecks(once, there)).toEqual(once);
	});

	it('merges a valid export file end to end', () => {
		const result = importInto(here, exportDeck(there, may(6)));
		expect(result).toMatchObject({ ok: true, added: 1, replaced: 1, kept: 1 });
		if (result.ok) expect(Object.keys(result.deck.cards)).toHaveLength(4);
	});
});
