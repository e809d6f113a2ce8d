/**
 * Server-side grading of one request: check it against the question and the module's policy,
 * grade it with the labelling the student saw, and give out points, the solution and the
 * explanation only once the question is over (right, out of tries, or revealed). Pure apart from
 * reading the module; the route parses the body and turns failures into HTTP errors.
 */
import type { Module, ResolvedQuestion } from '../content/module.ts';
import { labelling, type Labelling } from '../content/public.ts';
import { solutionFor } from '../scoring/grade.ts';
import { gradeWithAccepted, type AcceptedSet } from '../scoring/accepted.ts';
import { questionPoints } from '../scoring/score.ts';
import type { EvidenceLink, Grade, GradeRequest, GradeResult } from '../scoring/types.ts';

export type GradeOutcome = { ok: true; result: GradeResult } | { ok: false; status: 400 | 404 | 422; message: string };

const fail = (status: 400 | 404 | 422, message: string): GradeOutcome => ({ ok: false, status, message });

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

/** `accepted`: answers to this question the teacher accepts for everyone (assignments only), checked before the key. */
export function gradeRequest(module: Module, req: GradeRequest, accepted: AcceptedSet = NONE_ACCEPTED): GradeOutcome {
	if (req.slug !== module.slug) return fail(400, 'The request names a different lesson.');
	const q = module.questions.find((x) => x.id === req.questionId);
	if (!q) return fail(404, 'There is no question with that id in this lesson.');
	const policy = module.scoring;
	const reveal = req.reveal === true;

	if (req.response === null && !reveal) return fail(422, 'Send an answer, or ask to see the answer.');
	if (req.response !== null && req.response.type !== q.type) {
		return fail(422, `This question is a ${q.type} question, but the answer is for a ${req.response.type} question.`);
	}
	if (!Number.isInteger(req.tryNumber) || req.tryNumber < 1) {
		return fail(422, 'The try number must be a whole number from 1.');
	}
	if (req.tryNumber > policy.maxTries) {
		return fail(
			422,
			`This question allows ${policy.maxTries} ${policy.maxTries === 1 ? 'try' : 'tries'}; try ${req.tryNumber} is one too many.`
		);
	}
	if (!Number.isInteger(req.hintsUsed) || req.hintsUsed < 0 || req.hintsUsed > q.hints.length) {
		return fail(
			422,
			`This question has ${q.hints.length} ${q.hints.length === 1 ? 'hint' : 'hints'}, so ${req.hintsUsed} hints cannot have been used.`
		);
	}

	const labels = labelsFor(q, req.seed ?? q.id);
	const graded = req.response === null ? NOTHING_CHOSEN : gradeWithAccepted(q, req.response, labels, accepted);
	const final = graded.credit === 1 || req.tryNumber >= policy.maxTries || reveal;

	// Every field written out, in one order, rather than spread from the grade: the result then has
	// one fixed shape, which keeps building and serialising it on the fast path under load.
	const result: GradeResult = {
		verdict: graded.verdict,
		credit: graded.credit,
		feedback: graded.feedback,
		marks: graded.marks,
		questionId: q.id,
		tryNumber: req.tryNumber,
		final,
		revealed: reveal,
		triesLeft: final ? 0 : policy.maxTries - req.tryNumber,
		points: final
			? questionPoints(
					{
						points: q.points,
						credit: graded.credit,
						tryNumber: req.tryNumber,
						hintsUsed: req.hintsUsed,
						revealed: reveal
					},
					policy
				)
			: null,
		maxPoints: q.points,
		solution: final ? solutionFor(q, labels) : null,
		explanation: final ? explanationFor(module, q) : null
	};
	return { ok: true, result };
}
