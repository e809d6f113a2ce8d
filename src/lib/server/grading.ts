/**
 * Grading one recorded try: grade it with the labelling the student saw (after any answer the teacher
 * accepted for everyone), and give out points, the
 * solution and the explanation only once the question is over (right, out of tries, or revealed).
 * Pure. Which try it is, and how many hints were served, come from the server's record of the
 * attempt (attempts/engine.ts), never from the browser.
 */
import type { Module, ResolvedQuestion } from '../content/module.ts';
import { labelling, type Labelling } from '../content/public.ts';
import { solutionFor } from '../scoring/grade.ts';
import { gradeWithAccepted, type AcceptedSet } from '../scoring/accepted.ts';
import { questionPoints } from '../scoring/score.ts';
import type { ScoringPolicy } from '../content/schema.ts';
import type { Response } from '../scoring/response.ts';
import type { EvidenceLink, Grade, GradeResult } from '../scoring/types.ts';

/** The explanation with the passage words each evidence range points to. */
export function explanationFor(module: Module, q: ResolvedQuestion): NonNullable<GradeResult['explanation']> {
	const evidence: EvidenceLink[] = q.resolved.explanation.map((r) => ({
		start: r.start,
		end: r.end,
		text: module.passage.text.slice(r.start, r.end),
		sentences: [...r.sentences]
	}));
	return { text: q.explanation.text, background: q.explanation.background ?? null, evidence };
}

/** Labellings are pure in (question, seed); a bounded cache keeps them off the hot path. */
const labelCache = new Map<string, Labelling>();
function labelsFor(q: ResolvedQuestion, seed: string): Labelling {
	const key = `${q.id}\u0000${seed}`;
	let labels = labelCache.get(key);
	if (!labels) {
		if (labelCache.size >= 10_000) labelCache.clear();
		labels = labelling(q, seed);
		labelCache.set(key, labels);
	}
	return labels;
}

const NOTHING_CHOSEN: Grade = { verdict: 'incorrect', credit: 0, feedback: [], marks: {} };

const NONE_ACCEPTED: AcceptedSet = new Set();

/** The labelling a student saw for a question, from the seed the server keeps for their attempt. */
export function labellingFor(q: ResolvedQuestion, seed: string): Labelling {
	return labelsFor(q, seed);
}

/** One try or reveal as the server recorded it: every count comes from the server's own record. */
export interface RecordedTry {
	/** What the student sent; null for a reveal that followed no answer of its own. */
	response: Response | null;
	/** Numbered by the server, 1 for the first graded try. */
	tryNumber: number;
	/** Hints the server had served for the question when this was recorded. */
	hintsUsed: number;
	revealed: boolean;
}

/**
 * The result of one recorded try under a policy: the grade, and once the question is over (right,
 * out of tries, or revealed) the points, the solution and the explanation. Pure: a stored try
 * regrades to the same result.
 */
export function resultFor(
	module: Module,
	q: ResolvedQuestion,
	labels: Labelling,
	policy: ScoringPolicy,
	recorded: RecordedTry,
	/** Answers to this question the teacher accepts for everyone (assignments only), checked before the key. */
	accepted: AcceptedSet = NONE_ACCEPTED
): GradeResult {
	const reveal = recorded.revealed;
	const graded =
		recorded.response === null ? NOTHING_CHOSEN : gradeWithAccepted(q, recorded.response, labels, accepted);
	const final = graded.credit === 1 || recorded.tryNumber >= policy.maxTries || reveal;
	// Every field written out, in one order, rather than spread from the grade: the result then has
	// one fixed shape, which keeps building and serialising it cheap on the hot path.
	return {
		verdict: graded.verdict,
		credit: graded.credit,
		feedback: graded.feedback,
		marks: graded.marks,
		questionId: q.id,
		tryNumber: recorded.tryNumber,
		final,
		revealed: reveal,
		triesLeft: final ? 0 : policy.maxTries - recorded.tryNumber,
		points: final
			? questionPoints(
					{
						points: q.points,
						credit: graded.credit,
						tryNumber: recorded.tryNumber,
						hintsUsed: recorded.hintsUsed,
						revealed: reveal
					},
					policy
				)
			: null,
		maxPoints: q.points,
		solution: final ? solutionFor(q, labels) : null,
		explanation: final ? explanationFor(module, q) : null
	};
}
