/**
 * What the browser sends when a student acts on a question, for practice and assignments alike:
 * only what the student did (an answer, "give me a hint", "show me the answer"). Which try it is,
 * how many hints were used and whether a reveal is allowed are the server's to know. Parsed with
 * zod on the server (never trusted); the browser builds the same shape from the inferred types.
 */
import { z } from 'zod';
import { response } from './response.ts';

export const slug = z
	.string()
	.min(1)
	.max(100)
	.regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens');

/** A public (opaque) question id as the page shows it. */
export const publicQuestionId = z
	.string()
	.min(1)
	.max(100)
	.regex(/^[A-Za-z0-9_-]+$/, 'a question id is letters, digits, - and _');

/** The token of a practice attempt, kept by the browser (at least 128 random bits). */
export const practiceToken = z
	.string()
	.min(22)
	.max(128)
	.regex(/^[A-Za-z0-9_-]+$/, 'a practice token is letters, digits, - and _');

/** The three things a student can do on a question, each with the fields that only it needs. */
const actions = {
	answer: {
		action: z.literal('answer'),
		questionId: publicQuestionId,
		/** Makes a repeated post of the same answer harmless (the stored result comes back). */
		answerId: z.uuid(),
		response
	},
	hint: {
		action: z.literal('hint'),
		questionId: publicQuestionId,
		/** Which hint the student is asking for (1 = the first): a repeated request is served once. */
		hint: z.int().min(1).max(10)
	},
	reveal: {
		action: z.literal('reveal'),
		questionId: publicQuestionId,
		answerId: z.uuid()
	}
};

/** A student action with the fields that say whose attempt it is. */
export function actionBody<T extends z.ZodRawShape>(owner: T) {
	return z.discriminatedUnion('action', [
		z.strictObject({ ...actions.answer, ...owner }),
		z.strictObject({ ...actions.hint, ...owner }),
		z.strictObject({ ...actions.reveal, ...owner })
	]);
}

/** POST /api/grade: an action on a question of a practice attempt. */
export const practiceActionBody = actionBody({ token: practiceToken });
export type PracticeActionBody = z.infer<typeof practiceActionBody>;

/** What a student did, without the owner fields. */
export type StudentAction =
	| { action: 'answer'; questionId: string; answerId: string; response: z.infer<typeof response> }
	| { action: 'hint'; questionId: string; hint: number }
	| { action: 'reveal'; questionId: string; answerId: string };

/** POST /api/practice: start a practice attempt on a module, or resume the one this token names. */
export const practiceStartBody = z.strictObject({
	slug,
	token: practiceToken.optional()
});
export type PracticeStartBody = z.infer<typeof practiceStartBody>;

/** POST /api/practice/glossary: the glossary entries a practice attempt has earned so far. */
export const practiceGlossaryBody = z.strictObject({ token: practiceToken });
