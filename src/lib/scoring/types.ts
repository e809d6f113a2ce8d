/** The grading contract between the server and the browser. */
import type { Response } from './response.ts';

export type Verdict = 'correct' | 'partial' | 'incorrect';

/** A passage range the explanation points to, with the words it slices. */
export interface EvidenceLink {
	start: number;
	end: number;
	text: string;
	sentences: string[];
}

/** The key in a form the browser can show once the question is over (public labels). */
export type Solution =
	| { type: 'single-choice'; optionId: string }
	| { type: 'multi-select'; optionIds: string[] }
	| { type: 'true-false-not-stated'; choice: 'true' | 'false' | 'not-stated' }
	/** The model answer, alone: the rubric that grades typed answers is key material and stays on the server. */
	| { type: 'short-answer'; answers: string[] }
	| { type: 'ordering'; order: string[] }
	| { type: 'matching'; pairs: Record<string, string> }
	/** Each blank's right choice or model answer. */
	| { type: 'cloze'; blanks: Record<string, string> }
	| { type: 'evidence'; sentences: string[] }
	| { type: 'evidence-paired'; partA: string; partB: string };

/** The pure grade of one response: how right it is, and the feedback for what was chosen. */
export interface Grade {
	verdict: Verdict;
	/** Share of the question that is right, 0..1 (before retry and hint costs). */
	credit: number;
	/** Feedback lines for what the student chose, most relevant first. */
	feedback: string[];
	/** Per-part marks the UI may show beside the student's own choices (public ids → right or not). */
	marks: Record<string, boolean>;
}

/** What the grading endpoint returns. Explanation and solution only once the question is over. */
export interface GradeResult extends Grade {
	questionId: string;
	tryNumber: number;
	/** No more tries: right, out of tries, or the student asked to see the answer. */
	final: boolean;
	revealed: boolean;
	triesLeft: number;
	/** Points earned; set when final. */
	points: number | null;
	maxPoints: number;
	solution: Solution | null;
	explanation: { text: string; background: string | null; evidence: EvidenceLink[] } | null;
}

/** What the browser posts to grade an answer. */
export interface GradeRequest {
	slug: string;
	questionId: string;
	/** Seed of the public labelling the student saw (defaults to the question id). */
	seed?: string;
	tryNumber: number;
	hintsUsed: number;
	/** true: the student gives up and asks for the answer (scores zero). */
	reveal?: boolean;
	response: Response | null;
}
