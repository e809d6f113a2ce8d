import type { Passage } from '../../content/passage.ts';
import type { ReviewVerdict } from '../../review/deck.ts';

/** One module as the review page gets it from its `load`: enough to list, ask and show in context. No keys. */
export interface ReviewModule {
	slug: string;
	title: string;
	passage: Passage;
	sections: { id: string; title: string; heading: string | null; paragraphs: string[]; start: number; end: number }[];
	scoring: { maxTries: number; hintPenalty: number };
	questions: { id: string; prompt: string }[];
}

/** What recording one review answer gives back to the session. */
export interface RecordResult {
	verdict: ReviewVerdict;
	/** What to tell the learner, e.g. "Right at the first try. Next review in 3 days." */
	message: string;
}

/** What importing a file did (counts), or why it was refused. */
export type ImportOutcome =
	{ ok: true; added: number; replaced: number; kept: number } | { ok: false; message: string };
