/**
 * The teacher's view of a class, computed from stored attempts and answers: the class table, a
 * score distribution of submitted attempts, per question facility (share right at the first try), a discrimination index
 * (upper minus lower 27% by total score) and distractor counts, and a heat map of the passage (per
 * sentence: first-try misses of the questions whose evidence lies there). Scores and right or wrong
 * are the outcomes (outcomes.ts): the teacher's marks and accepted answers count. Pure.
 */
import type { Module, ResolvedQuestion } from '../../content/module.ts';
import { labelling, toPublicQuestion, type PublicQuestion } from '../../content/public.ts';
import { questionLabel, TFNS_CHOICES } from '../../content/label.ts';
import type { Response } from '../../scoring/response.ts';
import type { Solution } from '../../scoring/types.ts';
import type { Answer, Assignment, AttemptSummary } from '../db/repository.ts';
import { questionSeed } from './policy.ts';
import { outcomesFor, totalOf, type Outcomes } from './outcomes.ts';

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

export interface DistractorCount {
	id: string;
	text: string;
	correct: boolean;
	count: number;
}

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
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const seconds = (from: string, to: string | null) =>
	to ? Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000)) : null;

function choiceOptions(q: ResolvedQuestion): { id: string; text: string; correct: boolean }[] | null {
	if (q.type === 'single-choice' || q.type === 'multi-select' || q.type === 'evidence-paired') {
		return q.options.map((o) => ({ id: o.id, text: o.text, correct: o.correct }));
	}
	if (q.type === 'true-false-not-stated') return TFNS_CHOICES.map((c) => ({ ...c, correct: c.id === q.answer }));
	return null;
}

/** Author ids of the choices in a first try; `options` maps the labels this student saw to them. */
function chosenIds(response: Response | null, options: Record<string, string>): string[] {
	if (!response) return [];
	const ids = (labels: string[]) => labels.flatMap((l) => (options[l] === undefined ? [] : [options[l]]));
	if (response.type === 'single-choice') return ids([response.optionId]);
	if (response.type === 'multi-select') return ids(response.optionIds);
	if (response.type === 'evidence-paired') return ids([response.partA]);
	if (response.type === 'true-false-not-stated') return [response.choice];
	return [];
}

export function classResults(
	module: Module,
	assignment: Assignment,
	attempts: readonly AttemptSummary[],
	answers: readonly Answer[],
	outcomes: Outcomes = outcomesFor(module, assignment, attempts, answers, [], [])
): ClassResults {
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
	// First graded try of each attempt on each question.
	const firstTry = new Map<string, Map<string, Answer>>();
	for (const a of answers) {
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
		const options = choiceOptions(q);
		let distractors: DistractorCount[] | null = null;
		if (options) {
			const counts = new Map(options.map((o) => [o.id, 0]));
			for (const a of firsts) {
				const map = labelling(q, questionSeed(assignment.settings, seedOf.get(a.attemptId) ?? '', q)).options;
				for (const id of chosenIds(a.response, map)) {
					if (counts.has(id)) counts.set(id, counts.get(id)! + 1);
				}
			}
			distractors = options.map((o) => ({ ...o, count: counts.get(o.id) ?? 0 }));
		}
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
			distractors
		};
	});
	return { questionCount: module.questions.length, maxScore, rows, distribution, questions, heat: [...heat.values()] };
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
		...module.questions.map((q) => `q:${q.id}`)
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
