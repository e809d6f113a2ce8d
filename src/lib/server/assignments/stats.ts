/**
 * The teacher's view of a class, computed from stored attempts and answers: the class table, a
 * score distribution of submitted attempts, per question facility (share right at the first try), a discrimination index
 * (upper minus lower 27% by total score) and distractor counts, and a heat map of the passage (per
 * sentence: first-try misses of the questions whose evidence lies there). Scores and right or wrong
 * are the outcomes (outcomes.ts): the teacher's marks and accepted answers count. Pure.
 */
import type { Module, ResolvedQuestion } from '../../content/module.ts';
import { labelling, toPublicQuestion, type PublicQuestion } from '../../content/public.ts';
import { questionLabel } from '../../content/label.ts';
import type { Response } from '../../scoring/response.ts';
import type { Solution } from '../../scoring/types.ts';
import type { AcceptedAnswer, Answer, Assignment, AttemptSummary } from '../db/repository.ts';
import { effectiveModule, questionSeed } from './policy.ts';
import { acceptedByQuestion, outcomesFor, totalOf, type Outcomes } from './outcomes.ts';
import { itemAnswers, type AnswerCount, type ItemAnswers } from './item-answers.ts';
import { objectiveNeeds, type ObjectiveNeed } from './objectives.ts';

export interface ClassRow {
	attemptId: string;
	name: string;
	status: 'in progress' | 'submitted';
	score: number;
	maxScore: number;
	percent: number;
	/** Questions finished so far. */
	finished: number;
	/** Questions whose grade the teacher marked by hand. */
	marked: number;
	/** Seconds from start to submission (or to the latest answer while in progress). */
	timeTaken: number | null;
	startedAt: string;
	submittedAt: string | null;
	/** The student the attempt belongs to (for the teacher's reset and extra attempt). */
	studentId: string;
	/** 1, 2, … among the student's attempts. */
	attemptNumber: number;
	/** The student's limit: the assignment's plus the extra attempts the teacher allowed. */
	attemptsAllowed: number;
	/** Starts under this name from a device that could not give the resume code. */
	flaggedStarts: number;
	lastFlaggedAt: string | null;
	/** Answers that reached the server after the deadline's grace period. */
	lateAnswers: number;
}

export type DistractorCount = AnswerCount;

export interface QuestionStat {
	id: string;
	/** The prompt, or the statement or claim where the prompt is shared (see questionLabel). */
	prompt: string;
	type: string;
	points: number;
	/** Students who answered it at least once. */
	answered: number;
	/** Share right at the first try, 0..1; null before anyone answered. */
	facility: number | null;
	/** Upper minus lower 27% facility, −1..1; null with fewer than 4 students. */
	discrimination: number | null;
	/** First-try choices per option, for choice and true/false/not-stated questions. */
	distractors: DistractorCount[] | null;
	/** What the class answered at the first try, in a shape that fits the question's type. */
	answers: ItemAnswers;
}

export interface SentenceHeat {
	id: string;
	misses: number;
	opportunities: number;
}

export interface ClassResults {
	questionCount: number;
	maxScore: number;
	rows: ClassRow[];
	/** Submitted attempts per tenth of the score: [0–10%), [10–20%), … [90–100%]. */
	distribution: number[];
	questions: QuestionStat[];
	heat: SentenceHeat[];
	/** Learning objectives, the one most students have not mastered first. */
	objectives: ObjectiveNeed[];
	/** Share of an objective's points that counts as mastered. */
	masteryThreshold: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const seconds = (from: string, to: string | null) =>
	to ? Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000)) : null;

export function classResults(
	module: Module,
	assignment: Assignment,
	attempts: readonly AttemptSummary[],
	answers: readonly Answer[],
	outcomes: Outcomes = outcomesFor(module, assignment, attempts, answers, [], []),
	/** Answers the teacher accepts for everyone: typed answers they match count as right. */
	accepted: readonly AcceptedAnswer[] = []
): ClassResults {
	const acceptedSets = acceptedByQuestion(accepted);
	const maxScore = module.questions.reduce((sum, q) => sum + q.points, 0);
	const rows: ClassRow[] = attempts.map((a) => {
		const { score, finished } = totalOf(outcomes.get(a.id));
		const marked = [...(outcomes.get(a.id)?.values() ?? [])].filter((o) => o.teacher !== null).length;
		return {
			attemptId: a.id,
			name: a.displayName,
			status: a.submittedAt ? 'submitted' : 'in progress',
			score,
			maxScore,
			percent: maxScore > 0 ? Math.round((score / maxScore) * 100) : 0,
			finished,
			marked,
			timeTaken: seconds(a.startedAt, a.submittedAt ?? a.lastAnswerAt),
			startedAt: a.startedAt,
			submittedAt: a.submittedAt,
			studentId: a.studentId,
			attemptNumber: a.attemptNumber,
			attemptsAllowed: assignment.settings.attemptsAllowed + a.extraAttempts,
			flaggedStarts: a.flaggedStarts,
			lastFlaggedAt: a.lastFlaggedAt,
			lateAnswers: a.lateCount
		};
	});
	// Only submitted attempts: a student who has just started is not a low score.
	const distribution = Array.from({ length: 10 }, () => 0);
	for (const r of rows) {
		if (r.status === 'submitted') distribution[Math.min(9, Math.floor(r.percent / 10))]! += 1;
	}

	const scoreOf = new Map(rows.map((r) => [r.attemptId, r.score]));
	const seedOf = new Map(attempts.map((a) => [a.id, a.seed]));
	// First graded try of each attempt on each question (attempts of the class table only).
	const firstTry = new Map<string, Map<string, Answer>>();
	for (const a of answers) {
		if (!seedOf.has(a.attemptId)) continue;
		if (a.tryNumber !== 1 || a.revealed) continue;
		let m = firstTry.get(a.questionId);
		if (!m) firstTry.set(a.questionId, (m = new Map()));
		if (!m.has(a.attemptId)) m.set(a.attemptId, a);
	}

	const heat = new Map<string, SentenceHeat>();
	const questions: QuestionStat[] = module.questions.map((q) => {
		const firsts = [...(firstTry.get(q.id)?.values() ?? [])];
		const answered = firsts.length;
		const right = (a: Answer) => (outcomes.get(a.attemptId)?.get(q.id)?.firstTryRight ? 1 : 0);
		const correct = firsts.reduce((n, a) => n + right(a), 0);
		let discrimination: number | null = null;
		if (answered >= 4) {
			const sorted = [...firsts].sort((x, y) => (scoreOf.get(y.attemptId) ?? 0) - (scoreOf.get(x.attemptId) ?? 0));
			const k = Math.max(1, Math.round(answered * 0.27));
			const share = (group: Answer[]) => group.reduce((n, a) => n + right(a), 0) / group.length;
			discrimination = round2(share(sorted.slice(0, k)) - share(sorted.slice(-k)));
		}
		const seen = firsts.map((a) => ({
			response: a.response,
			labels: labelling(q, questionSeed(assignment.settings, seedOf.get(a.attemptId) ?? '', q))
		}));
		const itemView = itemAnswers(module, q, seen, acceptedSets.get(q.id));
		const distractors =
			itemView.kind === 'choices' ? itemView.choices : itemView.kind === 'paired' ? itemView.partA : null;
		const sentences = new Set(q.resolved.explanation.flatMap((r) => r.sentences));
		for (const id of sentences) {
			const h = heat.get(id) ?? { id, misses: 0, opportunities: 0 };
			h.misses += answered - correct;
			h.opportunities += answered;
			heat.set(id, h);
		}
		return {
			id: q.id,
			prompt: questionLabel(q),
			type: q.type,
			points: q.points,
			answered,
			facility: answered > 0 ? round2(correct / answered) : null,
			discrimination,
			distractors,
			answers: itemView
		};
	});
	return {
		questionCount: module.questions.length,
		maxScore,
		rows,
		distribution,
		questions,
		heat: [...heat.values()],
		objectives: objectiveNeeds(module, assignment, rows, outcomes, questions),
		masteryThreshold: effectiveModule(module, assignment.settings).scoring.masteryThreshold
	};
}

/**
 * A question's column in the results CSV: its id (so a script finds it by the `q:<id> ` prefix),
 * its maximum points and its text, so the file reads on its own.
 */
export function questionColumn(q: ResolvedQuestion): string {
	return `q:${q.id} (max ${q.points}): ${questionLabel(q)}`;
}

/** The class table as CSV rows: one per attempt, with the points that count per question. */
export function csvRows(
	module: Module,
	results: ClassResults,
	outcomes: Outcomes
): { header: string[]; rows: unknown[][] } {
	const pointsOf = (attemptId: string, questionId: string) => {
		const o = outcomes.get(attemptId)?.get(questionId);
		return o?.finished ? o.points : '';
	};
	const header = [
		'name',
		'status',
		'score',
		'max_score',
		'percent',
		'questions_finished',
		'questions_marked_by_teacher',
		'time_taken_seconds',
		'started_at',
		'submitted_at',
		...module.questions.map(questionColumn)
	];
	const rows = results.rows.map((r) => [
		r.name,
		r.status,
		r.score,
		r.maxScore,
		r.percent,
		r.finished,
		r.marked,
		r.timeTaken ?? '',
		r.startedAt,
		r.submittedAt ?? '',
		...module.questions.map((q) => pointsOf(r.attemptId, q.id))
	]);
	return { header, rows };
}

/**
 * The gradebook: one row per student, for a spreadsheet or an LMS gradebook import. A student's
 * grade is their latest submitted attempt (the teacher's marks and accepted answers count); a
 * student who has not submitted has a row with empty points, so an import leaves their grade blank.
 * Percent has at most two decimals; times are ISO 8601 in UTC.
 */
export function gradebookRows(results: ClassResults): { header: string[]; rows: unknown[][] } {
	const byStudent = new Map<string, ClassRow[]>();
	for (const r of results.rows) byStudent.set(r.studentId, [...(byStudent.get(r.studentId) ?? []), r]);
	const rows = [...byStudent.values()]
		.map((attempts) => {
			const latest = attempts.reduce((x, y) => (y.attemptNumber > x.attemptNumber ? y : x));
			const handedIn = attempts
				.filter((a) => a.submittedAt !== null)
				.reduce<ClassRow | null>((x, y) => (x === null || y.attemptNumber > x.attemptNumber ? y : x), null);
			return { name: latest.name, graded: handedIn };
		})
		.sort((x, y) => x.name.localeCompare(y.name))
		.map(({ name, graded }) =>
			graded
				? [
						name,
						graded.score,
						graded.maxScore,
						graded.maxScore > 0 ? Math.round((graded.score / graded.maxScore) * 1e4) / 100 : 0,
						graded.submittedAt
					]
				: [name, '', results.maxScore, '', '']
		);
	return { header: ['name', 'points', 'max_points', 'percent', 'submitted_at'], rows };
}

/** A response (or a solution in the same shape) in words, using the texts the student saw. */
export function describeAnswer(
	pub: PublicQuestion,
	passageText: string,
	sentenceRange: (id: string) => { start: number; end: number } | undefined,
	answer: Response | Solution | null
): string {
	if (!answer) return '(no answer)';
	const textOf = (list: { id: string; text: string }[], id: string) => list.find((c) => c.id === id)?.text ?? id;
	const sentence = (id: string) => {
		const r = sentenceRange(id);
		return r ? `“${passageText.slice(r.start, r.end)}”` : id;
	};
	switch (answer.type) {
		case 'single-choice':
			return pub.type === 'single-choice' ? textOf(pub.options, answer.optionId) : answer.optionId;
		case 'multi-select':
			return pub.type === 'multi-select'
				? answer.optionIds.map((id) => textOf(pub.options, id)).join('; ') || '(none)'
				: '';
		case 'true-false-not-stated':
			return { true: 'True', false: 'False', 'not-stated': 'Not stated' }[answer.choice];
		case 'short-answer':
			return 'text' in answer ? answer.text : answer.answers.join(' / ');
		case 'ordering':
			return pub.type === 'ordering'
				? answer.order.map((id, i) => `${i + 1}. ${textOf(pub.items, id)}`).join('  ')
				: '';
		case 'matching':
			return pub.type === 'matching'
				? Object.entries(answer.pairs)
						.map(([l, r]) => `${textOf(pub.left, l)} → ${r ? textOf(pub.right, r) : '(none)'}`)
						.join('; ')
				: '';
		case 'cloze':
			return Object.entries(answer.blanks)
				.map(([id, v]) => `${id}: ${v}`)
				.join('; ');
		case 'evidence':
			return answer.sentences.map(sentence).join(' ') || '(none)';
		case 'evidence-paired':
			return pub.type === 'evidence-paired'
				? `${textOf(pub.options, answer.partA)} — “${textOf(pub.partB.options, answer.partB)}”`
				: '';
	}
}

/** Public projection of a question as one attempt saw it. */
export function publicQuestionFor(
	module: Module,
	assignment: Assignment,
	seed: string,
	q: ResolvedQuestion
): PublicQuestion {
	return toPublicQuestion(q, module.passage.text, questionSeed(assignment.settings, seed, q));
}
