/**
 * The teacher's results: everything the results page, its live JSON and the CSV need, read
 * through the repository for one assignment; and the teacher's last word on a grade (a mark on
 * one student's answer, or an answer accepted for everyone), parsed from forms with zod.
 */
import { z } from 'zod';
import type { Module } from '../../content/module.ts';
import { labelling } from '../../content/public.ts';
import { questionLabel } from '../../content/label.ts';
import { acceptedParts, gradeWithAccepted } from '../../scoring/accepted.ts';
import type { Verdict } from '../../scoring/types.ts';
import type { Answer, Assignment, Attempt, Repository, TeacherMark } from '../db/repository.ts';
import { RepositoryError } from '../db/repository.ts';
import { closedReason, questionSeed } from './policy.ts';
import { acceptedByQuestion, changedOutcomes, outcomesFor, totalOf, type Outcomes } from './outcomes.ts';
import { drillDown, type DrillAnswer } from './printable.ts';
import { classResults, csvRows, describeAnswer, gradebookRows, publicQuestionFor, type ClassResults } from './stats.ts';
import { toCsv } from './csv.ts';

export interface ResultsView {
	assignment: {
		title: string;
		code: string;
		moduleTitle: string;
		feedback: Assignment['settings']['feedback'];
		attemptsAllowed: number;
		triesPerQuestion: number;
		hintsEnabled: boolean;
		shuffle: boolean;
		dueAt: string | null;
		createdAt: string;
		closedAt: string | null;
		releasedAt: string | null;
		closed: 'closed' | 'past-due' | null;
	};
	results: ClassResults;
	/** Typed answers the key did not take, most frequent first, for "accept for everyone". */
	typed: TypedAnswer[];
	/** Answers accepted for everyone so far. */
	accepted: { id: string; questionId: string; prompt: string; shown: string }[];
	/** The teacher's comments to students, shown in each student's report. */
	comments: { studentId: string; text: string; updatedAt: string }[];
}

/** One typed answer (a short answer, or one typed cloze blank) not taken by the key, with how many gave it. */
export interface TypedAnswer {
	questionId: string;
	prompt: string;
	/** '' for a short answer; the blank's id for a cloze blank. */
	part: string;
	/** As the first student who gave it typed it. */
	text: string;
	students: number;
	/** A deciding answer that gave it: what the accept form posts. */
	answerId: string;
}

/** Typed answers the key (and the accepted answers) did not take, grouped by their normalised text. */
export function typedAnswers(
	module: Module,
	assignment: Assignment,
	data: Pick<Awaited<ReturnType<typeof classData>>, 'attempts' | 'answers' | 'accepted' | 'outcomes'>
): TypedAnswer[] {
	const byId = new Map(data.answers.map((a) => [a.id, a]));
	const seeds = new Map(data.attempts.map((a) => [a.id, a.seed]));
	const sets = acceptedByQuestion(data.accepted);
	const groups = new Map<string, TypedAnswer & { attempts: Set<string> }>();
	for (const q of module.questions) {
		if (q.type !== 'short-answer' && q.type !== 'cloze') continue;
		const current = sets.get(q.id) ?? new Set<string>();
		for (const [attemptId, byQuestion] of data.outcomes) {
			const outcome = byQuestion.get(q.id);
			const answer = outcome && byId.get(outcome.answerId);
			if (!outcome || !answer?.response || answer.revealed || outcome.verdict === 'correct') continue;
			const labels = labelling(q, questionSeed(assignment.settings, seeds.get(attemptId) ?? '', q));
			const marks = gradeWithAccepted(q, answer.response, labels, current).marks;
			for (const p of acceptedParts(q, answer.response, labels)) {
				if (current.has(`${p.part}\u0000${p.key}`) || (q.type === 'cloze' && marks[p.part] === true)) continue;
				if (q.type === 'cloze' && q.blanks.find((b) => b.id === p.part)?.choices) continue;
				const key = `${q.id}\u0000${p.part}\u0000${p.key}`;
				const group = groups.get(key) ?? {
					questionId: q.id,
					prompt: questionLabel(q),
					part: p.part,
					text: p.text ?? p.key,
					students: 0,
					answerId: answer.id,
					attempts: new Set<string>()
				};
				group.attempts.add(attemptId);
				group.students = group.attempts.size;
				groups.set(key, group);
			}
		}
	}
	return [...groups.values()]
		.map(({ attempts: _, ...g }) => g)
		.sort((x, y) => y.students - x.students || x.prompt.localeCompare(y.prompt) || x.text.localeCompare(y.text));
}

/** Everything stored about a class, with the outcome of each question of each attempt. */
export async function classData(repo: Repository, module: Module, assignment: Assignment) {
	const [attempts, answers, overrides, accepted] = await Promise.all([
		repo.listAttempts(assignment.id),
		repo.listAnswersForAssignment(assignment.id),
		repo.listOverrides(assignment.id),
		repo.listAcceptedAnswers(assignment.id)
	]);
	const outcomes = outcomesFor(module, assignment, attempts, answers, overrides, accepted);
	return { attempts, answers, overrides, accepted, outcomes };
}

export async function resultsView(
	repo: Repository,
	module: Module,
	assignment: Assignment,
	now: Date
): Promise<ResultsView> {
	const [data, comments] = await Promise.all([
		classData(repo, module, assignment),
		repo.listStudentComments(assignment.id)
	]);
	const { attempts, answers, outcomes } = data;
	const prompts = new Map(module.questions.map((q) => [q.id, questionLabel(q)]));
	const s = assignment.settings;
	return {
		assignment: {
			title: assignment.title,
			code: assignment.studentCode,
			moduleTitle: module.meta.title,
			feedback: s.feedback,
			attemptsAllowed: s.attemptsAllowed,
			triesPerQuestion: s.triesPerQuestion,
			hintsEnabled: s.hintsEnabled,
			shuffle: s.shuffle,
			dueAt: s.dueAt,
			createdAt: assignment.createdAt,
			closedAt: assignment.closedAt,
			releasedAt: assignment.releasedAt,
			closed: closedReason(assignment, now)
		},
		results: classResults(module, assignment, attempts, answers, outcomes, data.accepted),
		typed: typedAnswers(module, assignment, data),
		accepted: data.accepted.map((a) => ({
			id: a.id,
			questionId: a.questionId,
			prompt: prompts.get(a.questionId) ?? a.questionId,
			shown: a.shown
		})),
		comments: comments.map(({ studentId, text, updatedAt }) => ({ studentId, text, updatedAt }))
	};
}

export async function resultsCsv(repo: Repository, module: Module, assignment: Assignment): Promise<string> {
	const { attempts, answers, outcomes, accepted } = await classData(repo, module, assignment);
	const { header, rows } = csvRows(
		module,
		classResults(module, assignment, attempts, answers, outcomes, accepted),
		outcomes
	);
	return toCsv(header, rows);
}

/** The gradebook CSV: one row per student (see gradebookRows). */
export async function gradebookCsv(repo: Repository, module: Module, assignment: Assignment): Promise<string> {
	const { attempts, answers, outcomes, accepted } = await classData(repo, module, assignment);
	const { header, rows } = gradebookRows(classResults(module, assignment, attempts, answers, outcomes, accepted));
	return toCsv(header, rows);
}

export { studentAction, COMMENT_MAX, type StudentAction, type StudentActionResult } from './student-actions.ts';

const answerId = z.uuid('That answer is not one of this class’s answers.');

/**
 * The teacher's mark from a form: right (full points), wrong (0) or partly right with points, a
 * fraction ("1/2") or a percentage ("50%") of the question's points, strictly between 0 and full.
 */
export const markForm = z.discriminatedUnion('mark', [
	z.strictObject({ answerId, mark: z.enum(['right', 'wrong']), points: z.string().max(20).optional() }),
	z.strictObject({
		answerId,
		mark: z.literal('partly'),
		points: z
			.string()
			.trim()
			.max(20)
			.regex(
				/^(\d+(\.\d+)?|\d+\s*\/\s*[1-9]\d*|\d+(\.\d+)?\s*%)$/,
				'Give the points (such as 0.5), a fraction (1/2) or a percentage (50%).'
			)
	})
]);
export const unmarkForm = z.strictObject({ answerId });
export const acceptForm = z.strictObject({
	answerId,
	/** Only this cloze blank of the answer (the class page's list of typed answers). */
	part: z.string().min(1).max(64).optional(),
	confirm: z.literal('yes').optional()
});

/** Form fields as plain strings; a file or a repeated field is not a form of ours. */
export function formFields(form: FormData | null): Record<string, string> | null {
	if (!form) return null;
	const fields: Record<string, string> = {};
	for (const [name, value] of form) {
		if (typeof value !== 'string' || name in fields) return null;
		fields[name] = value;
	}
	return fields;
}

/** Points of a partly right mark, or a message saying why they do not fit the question. */
export function partialPoints(
	text: string,
	max: number
): { ok: true; points: number } | { ok: false; message: string } {
	let value: number;
	if (text.includes('/')) {
		const [num, den] = text.split('/').map((x) => Number(x.trim()));
		value = (num! / den!) * max;
	} else if (text.endsWith('%')) value = (Number(text.slice(0, -1).trim()) / 100) * max;
	else value = Number(text);
	value = Math.round(value * 100) / 100;
	if (!(value > 0 && value < max)) {
		return { ok: false, message: `Partly right is more than 0 and less than ${max} points for this question.` };
	}
	return { ok: true, points: value };
}

export type TeacherFailure = { status: 400 | 404 | 409 | 422; message: string };
type Done<T> = ({ ok: true } & T) | ({ ok: false } & TeacherFailure);

/** The answer, its attempt and its outcome, when it is one this class can mark. */
async function markable(
	repo: Repository,
	module: Module,
	assignment: Assignment,
	id: string,
	attemptId?: string
): Promise<
	Done<{ answer: Answer; attempt: Attempt; outcomes: Outcomes; data: Awaited<ReturnType<typeof classData>> }>
> {
	const data = await classData(repo, module, assignment);
	const answer = data.answers.find((a) => a.id === id);
	const attempt = answer && data.attempts.find((a) => a.id === answer.attemptId);
	if (!answer || !attempt || (attemptId !== undefined && attempt.id !== attemptId)) {
		return { ok: false, status: 404, message: 'That answer is not one of this student’s answers.' };
	}
	return { ok: true, answer, attempt, outcomes: data.outcomes, data };
}

function repositoryFailure(e: unknown): TeacherFailure {
	if (e instanceof RepositoryError) return { status: e.code === 'not-found' ? 404 : 409, message: e.message };
	throw e;
}

/** Mark the question an answer decides (right, partly right or wrong); the machine's grade stays beside it. */
export async function markAnswer(
	repo: Repository,
	module: Module,
	assignment: Assignment,
	fields: z.infer<typeof markForm>,
	now: Date,
	attemptId?: string
): Promise<Done<{ mark: TeacherMark }>> {
	const found = await markable(repo, module, assignment, fields.answerId, attemptId);
	if (!found.ok) return found;
	const q = module.questions.find((x) => x.id === found.answer.questionId);
	if (!q) return { ok: false, status: 409, message: 'This question is no longer in the lesson.' };
	const outcome = found.outcomes.get(found.attempt.id)?.get(q.id);
	if (outcome?.answerId !== found.answer.id) {
		return { ok: false, status: 409, message: 'Mark the answer that decides this question (its last one).' };
	}
	let mark: TeacherMark;
	if (fields.mark === 'partly') {
		const parsed = partialPoints(fields.points, q.points);
		if (!parsed.ok) return { ok: false, status: 422, message: parsed.message };
		mark = { verdict: 'partial', points: parsed.points };
	} else {
		mark = {
			verdict: (fields.mark === 'right' ? 'correct' : 'incorrect') satisfies Verdict,
			points: fields.mark === 'right' ? q.points : 0
		};
	}
	try {
		await repo.recordOverride({
			assignmentId: assignment.id,
			answerId: found.answer.id,
			mark,
			createdAt: now.toISOString()
		});
	} catch (e) {
		return { ok: false, ...repositoryFailure(e) };
	}
	return { ok: true, mark };
}

/** Remove the teacher's mark on a question: the accepted or machine grade counts again. */
export async function unmarkAnswer(
	repo: Repository,
	module: Module,
	assignment: Assignment,
	fields: z.infer<typeof unmarkForm>,
	now: Date,
	attemptId?: string
): Promise<Done<object>> {
	const found = await markable(repo, module, assignment, fields.answerId, attemptId);
	if (!found.ok) return found;
	const outcome = found.outcomes.get(found.attempt.id)?.get(found.answer.questionId);
	if (!outcome?.teacher) return { ok: false, status: 409, message: 'This answer has no mark of yours to remove.' };
	try {
		await repo.recordOverride({
			assignmentId: assignment.id,
			answerId: outcome.answerId,
			mark: null,
			createdAt: now.toISOString()
		});
	} catch (e) {
		return { ok: false, ...repositoryFailure(e) };
	}
	return { ok: true };
}

export interface AcceptSummary {
	answerId: string;
	questionId: string;
	/** The one blank asked for, or null for the whole answer. */
	part: string | null;
	/** The accepted answer in words (typed text, or blank: text pairs). */
	shown: string;
	/** Questions of students whose grade changes (or changed). */
	answers: number;
	students: number;
	/** true once stored; false for the preview asking to confirm. */
	done: boolean;
}

/**
 * Accept an answer as right for everyone on its question in this assignment: every stored answer
 * is regraded now, and every later one is graded with it. Without `confirm` nothing is stored and
 * the summary says how many students it would change.
 */
export async function acceptForEveryone(
	repo: Repository,
	module: Module,
	assignment: Assignment,
	fields: z.infer<typeof acceptForm>,
	now: Date,
	attemptId?: string
): Promise<Done<{ summary: AcceptSummary }>> {
	const found = await markable(repo, module, assignment, fields.answerId, attemptId);
	if (!found.ok) return found;
	const { answer, attempt, data } = found;
	const q = module.questions.find((x) => x.id === answer.questionId);
	if (!q) return { ok: false, status: 409, message: 'This question is no longer in the lesson.' };
	if (answer.response === null) return { ok: false, status: 422, message: 'There is no answer to accept here.' };
	const labels = labelling(q, questionSeed(assignment.settings, attempt.seed, q));
	const current = acceptedByQuestion(data.accepted).get(q.id) ?? new Set<string>();
	// A cloze answer is accepted blank by blank: only the blanks not right already.
	const regraded = gradeWithAccepted(q, answer.response, labels, current);
	const fresh = acceptedParts(q, answer.response, labels).filter(
		(p) =>
			!current.has(`${p.part}\u0000${p.key}`) &&
			(q.type !== 'cloze' || regraded.marks[p.part] !== true) &&
			(fields.part === undefined || p.part === fields.part)
	);
	if (regraded.credit === 1 || fresh.length === 0) {
		return {
			ok: false,
			status: 409,
			message: 'Nothing to accept: this answer is right already, or accepted for everyone.'
		};
	}
	const words = describeAnswer(
		publicQuestionFor(module, assignment, attempt.seed, q),
		module.passage.text,
		() => undefined,
		answer.response
	);
	const entries = fresh.map((p) => ({
		part: p.part,
		key: p.key,
		shown: p.text === null ? words : p.part ? `${p.part}: ${p.text}` : p.text
	}));
	const would = [
		...data.accepted,
		...entries.map((e, i) => ({
			...e,
			id: `preview-${i}`,
			assignmentId: assignment.id,
			questionId: q.id,
			createdAt: now.toISOString()
		}))
	];
	const after = outcomesFor(module, assignment, data.attempts, data.answers, data.overrides, would);
	const changed = changedOutcomes(data.outcomes, after);
	const summary = {
		answerId: answer.id,
		questionId: q.id,
		part: fields.part ?? null,
		shown: entries.map((e) => e.shown).join('; '),
		...changed,
		done: false
	};
	if (fields.confirm !== 'yes') return { ok: true, summary };
	try {
		await repo.acceptAnswers(assignment.id, q.id, entries, now.toISOString());
	} catch (e) {
		return { ok: false, ...repositoryFailure(e) };
	}
	return { ok: true, summary: { ...summary, done: true } };
}

export type GradeAction = 'mark' | 'unmark' | 'accept';

/** What a grading form action gives back to the page: a message, and for "accept" its summary. */
export type GradeActionResult =
	| { ok: true; action: GradeAction; answerId: string; message: string; accept: AcceptSummary | null }
	| ({ ok: false; action: GradeAction; answerId: string | null } & TeacherFailure);

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One grading form posted by the teacher: parse it (400 when it is not a form of ours), then act. */
export async function gradeAction(
	action: GradeAction,
	repo: Repository,
	module: Module,
	assignment: Assignment,
	form: FormData | null,
	now: Date,
	/** When given, only answers of this attempt (a student's own page). */
	attemptId?: string
): Promise<GradeActionResult> {
	const fields = formFields(form);
	const answerId =
		typeof fields?.answerId === 'string' && z.uuid().safeParse(fields.answerId).success ? fields.answerId : null;
	const bad = (message: string): GradeActionResult => ({ ok: false, action, answerId, status: 400, message });
	if (!fields) return bad('The form could not be read. Try again.');
	if (action === 'mark') {
		const parsed = markForm.safeParse(fields);
		if (!parsed.success) return bad(parsed.error.issues[0]?.message ?? 'Choose right, partly right or wrong.');
		const done = await markAnswer(repo, module, assignment, parsed.data, now, attemptId);
		if (!done.ok) return { ...done, action, answerId };
		const words = { correct: 'right', partial: 'partly right', incorrect: 'wrong' }[done.mark.verdict];
		return { ok: true, action, answerId: parsed.data.answerId, message: `Marked ${words}.`, accept: null };
	}
	if (action === 'unmark') {
		const parsed = unmarkForm.safeParse(fields);
		if (!parsed.success) return bad(parsed.error.issues[0]?.message ?? 'The form could not be read.');
		const done = await unmarkAnswer(repo, module, assignment, parsed.data, now, attemptId);
		if (!done.ok) return { ...done, action, answerId };
		return { ok: true, action, answerId: parsed.data.answerId, message: 'Your mark is removed.', accept: null };
	}
	const parsed = acceptForm.safeParse(fields);
	if (!parsed.success) return bad(parsed.error.issues[0]?.message ?? 'The form could not be read.');
	const done = await acceptForEveryone(repo, module, assignment, parsed.data, now, attemptId);
	if (!done.ok) return { ...done, action, answerId };
	const s = done.summary;
	const count = `${plural(s.answers, 'answer', 'answers')} of ${plural(s.students, 'student', 'students')}`;
	const message = s.done
		? `Accepted “${s.shown}” for everyone: ${count} changed.`
		: `Accept “${s.shown}” for everyone? This regrades ${count} now, and every later answer to this question.`;
	return { ok: true, action, answerId: s.answerId, message, accept: s };
}

/** One answer on a student's page, with its grades: the machine's, the accepted regrade, the teacher's. */
export interface StudentAnswerRow extends DrillAnswer {
	/** The answer that decides its question: the one the teacher marks. */
	decides: boolean;
	/** Grades of the question, on the deciding answer only. */
	outcome: {
		machine: { verdict: Verdict; points: number | null; revealed: boolean };
		accepted: { verdict: Verdict; points: number | null } | null;
		matchesAccepted: boolean;
		teacher: { verdict: Verdict; points: number; at: string } | null;
		/** Earlier marks and removals, oldest first, the one in force excluded. */
		history: { mark: TeacherMark | null; at: string }[];
		verdict: Verdict;
		points: number;
		maxPoints: number;
	} | null;
	/** "Accept this answer for everyone" has something to add. */
	canAccept: boolean;
}

export interface StudentView {
	score: number;
	maxScore: number;
	rows: StudentAnswerRow[];
}

/** A student's answers page: every answer in the order given, the deciding ones with their grades. */
export async function studentView(
	repo: Repository,
	module: Module,
	assignment: Assignment,
	attempt: Attempt
): Promise<StudentView> {
	const [answers, overrides, accepted] = await Promise.all([
		repo.listAnswers(attempt.id),
		repo.listOverrides(assignment.id),
		repo.listAcceptedAnswers(assignment.id)
	]);
	const outcomes = outcomesFor(
		module,
		assignment,
		[attempt],
		answers,
		overrides.filter((o) => o.attemptId === attempt.id),
		accepted
	);
	const mine = outcomes.get(attempt.id);
	const sets = acceptedByQuestion(accepted);
	const questions = new Map(module.questions.map((q) => [q.id, q]));
	const rows = drillDown(module, assignment, attempt, answers).map((row, i): StudentAnswerRow => {
		const answer = answers[i]!;
		const q = questions.get(row.questionId);
		const o = mine?.get(row.questionId);
		const decides = o?.answerId === row.id;
		let canAccept = false;
		if (q && answer.response !== null && !answer.revealed) {
			const labels = labelling(q, questionSeed(assignment.settings, attempt.seed, q));
			const current = sets.get(q.id) ?? new Set<string>();
			const regraded = gradeWithAccepted(q, answer.response, labels, current);
			const marks = regraded.marks;
			canAccept =
				regraded.credit < 1 &&
				acceptedParts(q, answer.response, labels).some(
					(p) => !current.has(`${p.part}\u0000${p.key}`) && (q.type !== 'cloze' || marks[p.part] !== true)
				);
		}
		return {
			...row,
			decides,
			canAccept,
			outcome:
				decides && o && q
					? {
							machine: o.machine,
							accepted: o.accepted,
							matchesAccepted: o.matchesAccepted,
							teacher: o.teacher,
							history: o.history.slice(0, o.teacher ? -1 : undefined).map((h) => ({ mark: h.mark, at: h.createdAt })),
							verdict: o.verdict,
							points: o.points,
							maxPoints: q.points
						}
					: null
		};
	});
	return { score: totalOf(mine).score, maxScore: module.questions.reduce((s, q) => s + q.points, 0), rows };
}
