/**
 * One short line that names a question in lists and tables (results, reports, the review list).
 * Some question types share a prompt across the lesson ("Decide whether the passage says the
 * statement is true…"); their own words are elsewhere, so those rows name the statement or the
 * claim instead. Works with authored, resolved and public questions alike. Browser-safe.
 */

export interface LabelSource {
	type: string;
	prompt: string;
	/** True/false/not-stated questions: the statement judged against the passage. */
	statement?: string;
	/** Evidence questions: the claim the chosen sentences must support. */
	claim?: string;
}

export function questionLabel(q: LabelSource): string {
	if (q.type === 'true-false-not-stated' && q.statement) return `True, false or not stated? “${q.statement}”`;
	// "Select the sentence that supports the claim below." says nothing without the claim.
	if (q.type === 'evidence' && q.claim && /\bclaim\b/i.test(q.prompt)) return `${q.prompt} “${q.claim}”`;
	return q.prompt;
}

/** The three answers of a true/false/not-stated question, in words, in the order they are offered. */
export const TFNS_CHOICES = [
	{ id: 'true', text: 'True' },
	{ id: 'false', text: 'False' },
	{ id: 'not-stated', text: 'Not stated' }
] as const;
