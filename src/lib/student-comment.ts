/**
 * The teacher's comment to a student: one schema for the form in the browser and the server that
 * stores it. Line breaks are kept; otherwise the rules of text people read back (text/visible.ts).
 */
import { z } from 'zod';
import { textProblem, textProblemMessage } from './text/visible.ts';

/** Longest comment, in characters as people count them (code points). */
export const COMMENT_MAX = 1000;
/** Longest text taken in before it is tidied and counted (UTF-16 code units): a refused one comes back at most this long. */
export const COMMENT_INPUT_MAX = COMMENT_MAX * 4;

/** A comment as stored: NFC, \n line ends, no spaces before a line end, at most one blank line in a row, trimmed. */
export const commentText = z
	.string()
	.max(COMMENT_INPUT_MAX)
	.transform((s) =>
		s
			.normalize('NFC')
			.replace(/\r\n?/g, '\n')
			.replace(/[^\S\n]+\n/g, '\n')
			.replace(/\n{3,}/g, '\n\n')
			.trim()
	)
	.pipe(
		z
			.string()
			.min(1, 'Write a comment, or remove it.')
			.refine((s) => [...s].length <= COMMENT_MAX, `Keep the comment to ${COMMENT_MAX} characters.`)
			.check((ctx) => {
				const problem = textProblem(ctx.value.replace(/\n/g, ' '));
				if (problem)
					ctx.issues.push({ code: 'custom', message: textProblemMessage(problem, 'comment'), input: ctx.value });
			})
	);
