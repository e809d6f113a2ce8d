/**
 * What each question of each attempt is worth once the teacher has had the last word. Three layers,
 * the later winning: the machine's grade as stored when the student answered; answers the teacher
 * accepts for everyone (the student's tries replayed against them: the first try that is now right
 * ends the question, with that try's costs); and the teacher's own mark on the question, the
 * latest step of its history unless that step removed it. Nothing stored is changed: every layer
 * is kept, so each can be shown and undone. Totals, statistics, the CSV and the student's report
 * all read these outcomes. Pure.
 */
import type { Module, ResolvedQuestion } from '../../content/module.ts';
import { labelling } from '../../content/public.ts';
import {
	acceptedParts,
	acceptedSet,
	gradeWithAccepted,
	isAcceptedPart,
	type AcceptedSet
} from '../../scoring/accepted.ts';
import { verdictFor } from '../../scoring/grade.ts';
import { questionPoints } from '../../scoring/score.ts';
import type { Verdict } from '../../scoring/types.ts';
import type { AcceptedAnswer, Answer, Assignment, GradeOverride, TeacherMark } from '../db/repository.ts';
import { effectiveModule, questionSeed } from './policy.ts';

export interface GradeLayer {
	verdict: Verdict;
	/** Null for a question not finished by the machine (tries left, never submitted as final). */
	points: number | null;
}

export interface QuestionOutcome {
	attemptId: string;
	questionId: string;
	/** The answer that decides the question: the one the teacher marks and the report shows. */
	answerId: string;
	/** The machine's grade as stored (the final answer, or the latest try while tries were left). */
	machine: GradeLayer & { revealed: boolean };
	/** The regrade by answers accepted for everyone, when it differs from the machine's. */
	accepted: (GradeLayer & { tryNumber: number }) | null;
	/** The deciding answer matches an answer accepted for everyone. */
	matchesAccepted: boolean;
	/** The teacher's mark in force, with its time. */
	teacher: (TeacherMark & { at: string }) | null;
	/** Every marking step of this question, oldest first (removals included). */
	history: GradeOverride[];
	/** What counts. */
	verdict: Verdict;
	points: number;
	finished: boolean;
	/** Whether the first graded try counts as right (for facility); null without one. */
	firstTryRight: boolean | null;
}

/** attempt id → question id → outcome, for questions with at least one stored answer. */
export type Outcomes = Map<string, Map<string, QuestionOutcome>>;

const round2 = (n: number) => Math.round(n * 100) / 100;
const tryOrder = (x: Answer, y: Answer) => x.tryNumber - y.tryNumber || Number(x.revealed) - Number(y.revealed);

/** Accepted answers of an assignment grouped per question, ready for grading. */
export function acceptedByQuestion(accepted: readonly AcceptedAnswer[]): Map<string, AcceptedSet> {
	const grouped = new Map<string, AcceptedAnswer[]>();
	for (const a of accepted) grouped.set(a.questionId, [...(grouped.get(a.questionId) ?? []), a]);
	return new Map([...grouped].map(([id, list]) => [id, acceptedSet(list)]));
}

function outcomeOf(
	module: Module,
	assignment: Assignment,
	seed: string,
	q: ResolvedQuestion,
	answers: Answer[],
	accepted: AcceptedSet | undefined,
	steps: GradeOverride[]
): QuestionOutcome {
	const sorted = [...answers].sort(tryOrder);
	const tries = sorted.filter((a) => !a.revealed && a.response !== null);
	const storedFinal = sorted.find((a) => a.final);
	const decider = storedFinal ?? sorted.at(-1)!;
	const machine = {
		verdict: decider.verdict,
		points: decider.final ? decider.points : null,
		revealed: decider.revealed
	};

	// Replay the tries against the accepted answers: the first try now fully right ends the question.
	let regraded: { answer: Answer; credit: number } | null = null;
	let matchesAccepted = false;
	const creditOf = new Map<string, number>();
	if (accepted && accepted.size > 0) {
		const labels = labelling(q, questionSeed(assignment.settings, seed, q));
		for (const t of tries) {
			const credit = Math.max(t.credit, gradeWithAccepted(q, t.response!, labels, accepted).credit);
			creditOf.set(t.id, credit);
			const improved = credit > t.credit;
			if ((improved && credit === 1) || (improved && t.id === storedFinal?.id)) {
				regraded = { answer: t, credit };
				break;
			}
			if (t.final || credit === 1) break;
		}
		const deciding = regraded?.answer ?? decider;
		matchesAccepted =
			deciding.response !== null &&
			acceptedParts(q, deciding.response, labels).some((p) => isAcceptedPart(q, accepted, p));
	}
	const policy = effectiveModule(module, assignment.settings).scoring;
	const acceptedLayer = regraded
		? {
				verdict: verdictFor(regraded.credit),
				points: questionPoints(
					{
						points: q.points,
						credit: regraded.credit,
						tryNumber: regraded.answer.tryNumber,
						hintsUsed: regraded.answer.hintsUsed,
						revealed: false
					},
					policy
				),
				tryNumber: regraded.answer.tryNumber
			}
		: null;

	const history = [...steps].sort((x, y) => x.createdAt.localeCompare(y.createdAt));
	const latest = history.at(-1);
	const teacher = latest?.mark ? { ...latest.mark, at: latest.createdAt } : null;

	const answerId = regraded?.answer.id ?? decider.id;
	const verdict = teacher?.verdict ?? acceptedLayer?.verdict ?? machine.verdict;
	const points = teacher?.points ?? acceptedLayer?.points ?? machine.points ?? 0;
	const first = tries.find((t) => t.tryNumber === 1);
	const firstTryRight = !first
		? null
		: first.id === answerId
			? verdict === 'correct'
			: (creditOf.get(first.id) ?? first.credit) === 1;
	return {
		attemptId: decider.attemptId,
		questionId: q.id,
		answerId,
		machine,
		accepted: acceptedLayer,
		matchesAccepted,
		teacher,
		history,
		verdict,
		points: round2(points),
		finished: teacher !== null || regraded !== null || storedFinal !== undefined,
		firstTryRight
	};
}

export function outcomesFor(
	module: Module,
	assignment: Assignment,
	attempts: readonly { id: string; seed: string }[],
	answers: readonly Answer[],
	overrides: readonly GradeOverride[],
	accepted: readonly AcceptedAnswer[]
): Outcomes {
	const acceptedSets = acceptedByQuestion(accepted);
	const questions = new Map(module.questions.map((q) => [q.id, q]));
	const grouped = new Map<string, Map<string, Answer[]>>();
	for (const a of answers) {
		if (!questions.has(a.questionId)) continue;
		let byQuestion = grouped.get(a.attemptId);
		if (!byQuestion) grouped.set(a.attemptId, (byQuestion = new Map()));
		byQuestion.set(a.questionId, [...(byQuestion.get(a.questionId) ?? []), a]);
	}
	const stepsOf = new Map<string, GradeOverride[]>();
	for (const o of overrides) {
		const key = `${o.attemptId}|${o.questionId}`;
		stepsOf.set(key, [...(stepsOf.get(key) ?? []), o]);
	}
	const result: Outcomes = new Map();
	for (const attempt of attempts) {
		const byQuestion = new Map<string, QuestionOutcome>();
		for (const [questionId, list] of grouped.get(attempt.id) ?? []) {
			const q = questions.get(questionId)!;
			byQuestion.set(
				questionId,
				outcomeOf(
					module,
					assignment,
					attempt.seed,
					q,
					list,
					acceptedSets.get(questionId),
					stepsOf.get(`${attempt.id}|${questionId}`) ?? []
				)
			);
		}
		result.set(attempt.id, byQuestion);
	}
	return result;
}

/** An attempt's total and the questions it has finished, by its outcomes. */
export function totalOf(outcomes: ReadonlyMap<string, QuestionOutcome> | undefined): {
	score: number;
	finished: number;
} {
	let score = 0;
	let finished = 0;
	for (const o of outcomes?.values() ?? []) {
		score += o.points;
		if (o.finished) finished++;
	}
	return { score: round2(score), finished };
}

/** How many outcomes differ between two computations (what "accept for everyone" changed). */
export function changedOutcomes(before: Outcomes, after: Outcomes): { answers: number; students: number } {
	let answers = 0;
	let students = 0;
	for (const [attemptId, byQuestion] of after) {
		let changed = 0;
		for (const [questionId, o] of byQuestion) {
			const b = before.get(attemptId)?.get(questionId);
			if (!b || b.points !== o.points || b.verdict !== o.verdict) changed++;
		}
		answers += changed;
		if (changed > 0) students++;
	}
	return { answers, students };
}
