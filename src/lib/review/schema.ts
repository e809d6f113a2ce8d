/**
 * zod schemas for a stored or exported deck (current version). Strict: unknown keys are refused,
 * so a file from another tool, or a damaged one, is not half-read. Browser-safe.
 */
import { z } from 'zod';
import { DECK_VERSION, MAX_REVIEWS_PER_CARD, type Deck } from './deck.ts';

/** At most this many cards are accepted from an export file. */
export const MAX_IMPORT_CARDS = 5000;

/** ISO date-time in UTC as `Date.toISOString()` writes it (calendar-checked by zod). */
export const isoDate = z.iso.datetime();

/** Slugs: lower-case letters, digits and hyphens (as in lesson files). */
export const idPart = z
	.string()
	.max(200)
	.regex(/^[a-z0-9][a-z0-9-]*$/, 'must use lower-case letters, digits and hyphens');

/** Question ids as pages show them (opaque: letters, digits, - and _). */
export const questionIdPart = z
	.string()
	.max(200)
	.regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'must use letters, digits, - and _');

const count = z.number().int().min(0).max(1_000_000);

export const reviewLogEntrySchema = z.strictObject({
	date: isoDate,
	rating: z.enum(['Again', 'Hard', 'Good', 'Easy']),
	verdict: z.enum(['right', 'right-with-help', 'wrong']),
	source: z.enum(['lesson', 'review'])
});

export const reviewCardSchema = z
	.strictObject({
		key: z.templateLiteral([z.string(), '/', z.string()]),
		slug: idPart,
		questionId: questionIdPart,
		addedAt: isoDate,
		lastOutcome: z.enum(['right', 'right-with-help', 'wrong']),
		due: isoDate,
		stability: z.number().min(0).max(1e6),
		difficulty: z.number().min(0).max(100),
		scheduledDays: count,
		learningSteps: count,
		reps: count,
		lapses: count,
		state: z.enum(['New', 'Learning', 'Review', 'Relearning']),
		lastReview: isoDate.nullable(),
		// Generous on read: a longer log is trimmed at the next review rather than refused.
		reviews: z.array(reviewLogEntrySchema).max(MAX_REVIEWS_PER_CARD * 10)
	})
	.refine((card) => card.key === `${card.slug}/${card.questionId}`, {
		message: 'the card key does not match its module and question',
		path: ['key']
	});

export const deckSchema = z
	.strictObject({
		version: z.literal(DECK_VERSION),
		cards: z.record(z.string(), reviewCardSchema)
	})
	.superRefine((deck, ctx) => {
		for (const [key, card] of Object.entries(deck.cards)) {
			if (card.key !== key) {
				ctx.addIssue({
					code: 'custom',
					message: 'the card is filed under the wrong key',
					path: ['cards', key, 'key']
				});
			}
		}
	});

/** Compile-time check that the schema and the Deck type agree, both ways. */
type Parsed = z.infer<typeof deckSchema>;
export type DeckSchemaMatches = [Parsed extends Deck ? true : never, Deck extends Parsed ? true : never];

/** The first problem of a failed parse, as one line a person can read. */
export function describeIssue(error: z.ZodError): string {
	const issue = error.issues[0];
	if (!issue) return 'unknown problem';
	const where = issue.path
		.map((part) =>
			typeof part === 'number'
				? `[${part}]`
				: /^[A-Za-z_$][\w$]*$/.test(String(part))
					? `.${String(part)}`
					: `[${JSON.stringify(String(part))}]`
		)
		.join('')
		.replace(/^\./, '');
	const field = where || 'the file';
	if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) {
		return `${field} is missing`;
	}
	if (issue.code === 'invalid_format' && issue.format === 'datetime') {
		return `${field} is not a valid date and time`;
	}
	if (issue.code === 'unrecognized_keys') {
		const names = issue.keys.map((key) => JSON.stringify(key)).join(', ');
		return `unexpected field ${names}${where ? ` in ${where}` : ''}`;
	}
	return where ? `${where}: ${issue.message}` : issue.message;
}
