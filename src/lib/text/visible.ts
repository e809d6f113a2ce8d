/**
 * Text that people will read back (assignment titles, student names) must be text they can see:
 * no control characters, no broken UTF-16 (a lone surrogate is stored as invalid bytes and shown
 * as "���"), no bidirectional overrides that turn what follows backwards, and at least one visible
 * character. One check for every such field, on every database, in the browser and on the server.
 */

export type TextProblem = 'control' | 'broken' | 'direction' | 'invisible';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI). */
const DIRECTION = /[\u202A-\u202E\u2066-\u2069]/;
/** What draws nothing: spaces, format and default-ignorable characters, lone marks, blank fillers. */
const UNSEEN = /[\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}\u2800\u3164\uFFA0]/gu;

/** The first reason this text cannot be shown as typed, or null when it is fine. */
export function textProblem(text: string): TextProblem | null {
	// U+FFFD is what a lone surrogate becomes once encoded: the text was broken before it got here.
	if (LONE_SURROGATE.test(text) || text.includes('\uFFFD')) return 'broken';
	if (CONTROL.test(text)) return 'control';
	if (DIRECTION.test(text)) return 'direction';
	if (text.replace(UNSEEN, '') === '') return 'invisible';
	return null;
}

/** Whether a string is well-formed UTF-16 without NUL: what any stored text must at least be. */
export function isStorableText(text: string): boolean {
	return !LONE_SURROGATE.test(text) && !text.includes('\u0000');
}

/** A message for the person typing: `what` is "name" or "title". */
export function textProblemMessage(problem: TextProblem, what: string): string {
	switch (problem) {
		case 'broken':
			return `The ${what} has a broken character in it. Type it again.`;
		case 'control':
			return `The ${what} has a control character in it. Use letters, digits and punctuation only.`;
		case 'direction':
			return `The ${what} has a hidden text-direction character in it. Type it again without it.`;
		case 'invisible':
			return `The ${what} has no letters that can be seen. Type a ${what} people can read.`;
	}
}
