/**
 * Moving a deck between devices: export to a JSON file, parse an import (strictly, with a
 * message a learner can act on) and merge it into the deck already here. Parsing is separate
 * from merging, so a refused file never touches the current deck. Browser-safe and pure.
 */
import { z } from 'zod';
import { DECK_VERSION, type Deck, type ReviewCard } from './deck.ts';
import { MAX_IMPORT_CARDS, deckSchema, describeIssue, isoDate } from './schema.ts';

export const EXPORT_FORMAT = 'closeread-review';
/** Largest import accepted, in bytes (UTF-8). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export interface ReviewExport {
	format: typeof EXPORT_FORMAT;
	version: typeof DECK_VERSION;
	exportedAt: string;
	deck: Deck;
}

export const IMPORT_MESSAGES = {
	foreign: 'This file is not a Closeread review export.',
	newer: 'This file is from a newer version of Closeread. Update Closeread on this device, then import it again.',
	tooLarge: 'This file is too large to be a Closeread review export (over 5 MB).',
	tooManyCards: `This file holds more than ${MAX_IMPORT_CARDS.toLocaleString('en')} review cards, more than Closeread can import.`,
	damaged: (detail: string) => `The file is damaged: ${detail}.`
} as const;

export type ImportResult = { ok: true; deck: Deck } | { ok: false; message: string };

const exportSchema = z.strictObject({
	format: z.literal(EXPORT_FORMAT),
	version: z.literal(DECK_VERSION),
	exportedAt: isoDate,
	deck: deckSchema
});

/** The deck as the text of an export file (pretty-printed JSON). */
export function exportDeck(deck: Deck, now: Date): string {
	const file: ReviewExport = {
		format: EXPORT_FORMAT,
		version: DECK_VERSION,
		exportedAt: now.toISOString(),
		deck
	};
	return JSON.stringify(file, null, 2);
}

/** A file name for the export, dated by the local day. */
export function exportFileName(now: Date): string {
	const y = now.getFullYear();
	const m = String(now.getMonth() + 1).padStart(2, '0');
	const d = String(now.getDate()).padStart(2, '0');
	return `closeread-review-${y}-${m}-${d}.json`;
}

function byteLength(text: string): number {
	// Cheap bound first: UTF-8 takes at least one byte and at most three per UTF-16 unit.
	if (text.length > MAX_IMPORT_BYTES) return text.length;
	if (text.length * 3 <= MAX_IMPORT_BYTES) return text.length;
	return new TextEncoder().encode(text).length;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the text of an import file. Never throws: gives the deck, or a message saying whether the
 * file is foreign, from a newer Closeread, too large or damaged (and where).
 */
export function parseImport(text: string): ImportResult {
	if (byteLength(text) > MAX_IMPORT_BYTES) return { ok: false, message: IMPORT_MESSAGES.tooLarge };

	let data: unknown;
	try {
		data = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch {
		// A cut-off export still names its format near the top; anything else is not ours.
		const looksLikeOurs = /"format"\s*:\s*"closeread-review"/.test(text.slice(0, 500));
		return {
			ok: false,
			message: looksLikeOurs ? IMPORT_MESSAGES.damaged('it is incomplete or not valid JSON') : IMPORT_MESSAGES.foreign
		};
	}
	if (!isRecord(data) || data.format !== EXPORT_FORMAT) {
		return { ok: false, message: IMPORT_MESSAGES.foreign };
	}
	const { version } = data;
	if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
		return { ok: false, message: IMPORT_MESSAGES.damaged('its version is missing or not a whole number') };
	}
	if (version > DECK_VERSION) return { ok: false, message: IMPORT_MESSAGES.newer };

	const cards = isRecord(data.deck) ? data.deck.cards : undefined;
	if (isRecord(cards) && Object.keys(cards).length > MAX_IMPORT_CARDS) {
		return { ok: false, message: IMPORT_MESSAGES.tooManyCards };
	}
	const parsed = exportSchema.safeParse(data);
	if (!parsed.success) {
		return { ok: false, message: IMPORT_MESSAGES.damaged(describeIssue(parsed.error)) };
	}
	return { ok: true, deck: parsed.data.deck };
}

/** When a card was last rated (falls back to when it joined). */
function lastReviewed(card: ReviewCard): number {
	return Date.parse(card.lastReview ?? card.addedAt);
}

export interface MergeSummary {
	deck: Deck;
	/** Cards that were only in the import. */
	added: number;
	/** Cards in both where the imported one was reviewed more recently and replaced ours. */
	replaced: number;
	/** Cards in both where ours was kept (reviewed as recently or more recently). */
	kept: number;
}

/** Merges an imported deck and counts what happened (for a message after import). */
export function mergeDecksWithSummary(current: Deck, imported: Deck): MergeSummary {
	const cards = { ...current.cards };
	let added = 0;
	let replaced = 0;
	let kept = 0;
	for (const [key, theirs] of Object.entries(imported.cards)) {
		const ours = cards[key];
		if (!ours) {
			cards[key] = theirs;
			added++;
		} else if (lastReviewed(theirs) > lastReviewed(ours)) {
			cards[key] = theirs;
			replaced++;
		} else {
			kept++;
		}
	}
	return { deck: { ...current, cards }, added, replaced, kept };
}

/**
 * Imported cards join the current deck; for a card in both, the one reviewed more recently is
 * kept (on a tie, the one already here).
 */
export function mergeDecks(current: Deck, imported: Deck): Deck {
	return mergeDecksWithSummary(current, imported).deck;
}

export type ImportIntoResult = ({ ok: true } & MergeSummary) | { ok: false; message: string };

/**
 * Parses an import file and merges it into `current`. On any problem the result carries only the
 * message: the caller keeps (and stores) `current` as it was.
 */
export function importInto(current: Deck, text: string): ImportIntoResult {
	const parsed = parseImport(text);
	if (!parsed.ok) return parsed;
	return { ok: true, ...mergeDecksWithSummary(current, parsed.deck) };
}
