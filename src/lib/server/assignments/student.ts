/**
 * The student's side of an assignment: starting or resuming an attempt on a device, saving and
 * grading each answer at most once, submitting, and the report a student may see. Routes parse
 * bodies with the schemas here and call these functions; failures are SvelteKit HTTP errors.
 */
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { Module } from '../../content/module.ts';
import type { PublicGlossaryEntry, PublicModule } from '../../content/public.ts';
import { questionLabel } from '../../content/label.ts';
import { actionBody } from '../../scoring/request.ts';
import type { GradeResult, HintReply } from '../../scoring/types.ts';
import { act, storedResult, withheldResult, type AttemptRef, type AttemptRules } from '../attempts/engine.ts';
import {
	publicResponse,
	publicResult,
	questionIds,
	studentModule,
	type QuestionIds
} from '../attempts/student-view.ts';
import type { QuestionOutcome } from '../../machines/lesson.machine.ts';
import { finishedQuestions, releasedGlossary, releasedTerms } from '../attempts/glossary.ts';
import { seededShuffle } from '../../content/public.ts';
import type { Answer, Assignment, Attempt, Repository } from '../db/repository.ts';
import { RepositoryError } from '../db/repository.ts';
export { withheldResult };
import {
	closedMessage,
	closedReason,
	describeAssignmentPolicy,
	isLate,
	effectiveModule,
	isDeferred,
	questionSeed,
	resultsVisible
} from './policy.ts';
import { newSeed, sha256Hex } from './secrets.ts';
import { formatResumeCode, nameKey } from '../../student-identity.ts';
import { generateResumeCode, resumeCodeHash } from './identity.ts';
import { visibleText } from './visible-text.ts';
import { acceptedByQuestion, outcomesFor, totalOf, type Outcomes } from './outcomes.ts';
import type { AcceptedSet } from '../../scoring/accepted.ts';

/** Longest display name, in characters as people count them (code points). */
export const NAME_MAX = 40;

/**
 * A display name: trimmed, NFC, 1–40 characters of any script that can be seen (see text/visible.ts).
 * Whether two names are the same student is decided by nameKey, which also drops invisible characters.
 */
export const displayName = z
	.string()
	.max(400)
	.transform((s) => s.normalize('NFC').replace(/\s+/g, ' ').trim())
	.pipe(
		z
			.string()
			.min(1, 'Type your name.')
			.refine((s) => [...s].length <= NAME_MAX, `Use at most ${NAME_MAX} characters.`)
			.check(visibleText('name'))
	);

const deviceToken = z
	.string()
	.min(16)
	.max(128)
	.regex(/^[A-Za-z0-9_-]+$/, 'a device token is letters, digits, - and _');

const id = z.uuid();

export const attemptBody = z.discriminatedUnion('action', [
	z.strictObject({
		action: z.literal('start'),
		attemptId: id,
		deviceToken,
		name: displayName,
		/** The resume code shown on the first device, when continuing on another. */
		resumeCode: z.string().max(40).optional()
	}),
	z.strictObject({ action: z.literal('resume'), deviceToken }),
	/** A device of the student's that does not have the code (its answer to the start was lost): a new one. */
	z.strictObject({ action: z.literal('new-code'), attemptId: id, deviceToken })
]);

/** One student action (answer, hint, reveal) on a question of an assignment attempt. */
export const answerBody = actionBody({ attemptId: id, deviceToken });

export const submitBody = z.strictObject({ attemptId: id, deviceToken });

export type AttemptBody = z.infer<typeof attemptBody>;
export type AnswerBody = z.infer<typeof answerBody>;

/** One question of a student's report. */
export interface ReportQuestion {
	id: string;
	prompt: string;
	maxPoints: number;
	/** The final graded answer, or null when the question was not finished. */
	result: GradeResult | null;
	/** Who decided the grade beyond the key: the teacher's own mark, or an answer accepted for everyone. */
	decidedBy: 'teacher' | 'accepted' | null;
}

export interface AttemptReport {
	score: number;
	maxScore: number;
	questions: ReportQuestion[];
	/** The teacher's comment to the student, as written (the page escapes it). */
	comment: { text: string; updatedAt: string } | null;
}

/** Everything the student page needs about its attempt. */
export interface AttemptView {
	attempt: { id: string; number: number; displayName: string; startedAt: string; submittedAt: string | null };
	/** The student's resume code (ABC-DEF), only in the answer to the start that issued it. */
	resumeCode: string | null;
	module: PublicModule;
	policy: string[];
	feedback: Assignment['settings']['feedback'];
	hintsEnabled: boolean;
	/** Present once submitted and the policy lets the student see results. */
	report: AttemptReport | null;
	/** Attempts this student may still start after this one. */
	attemptsLeft: number;
	/** Questions with a final answer on the server, from any of the student's devices. */
	finished: string[];
	/**
	 * What became of each finished question (public ids and labels, results as the policy lets the
	 * student see them), so that another device continues where the student was.
	 */
	progress: Record<string, QuestionOutcome>;
	open: boolean;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** How the engine treats an attempt under this assignment's settings. */
export function assignmentRules(module: Module, assignment: Assignment): AttemptRules {
	return {
		scoring: effectiveModule(module, assignment.settings).scoring,
		hintsEnabled: assignment.settings.hintsEnabled,
		withheld: isDeferred(assignment.settings)
	};
}

export function assignmentRef(assignment: Assignment, attempt: Attempt): AttemptRef {
	return {
		kind: 'assignment',
		id: attempt.id,
		seedFor: (q) => questionSeed(assignment.settings, attempt.seed, q)
	};
}

/**
 * Regrade a stored answer: the same inputs give the same result (grading is pure). `accepted`: the
 * answers to its question the teacher accepts for everyone.
 */
export function resultOf(
	module: Module,
	assignment: Assignment,
	attempt: Attempt,
	answer: Answer,
	accepted?: AcceptedSet
): GradeResult | null {
	const q = module.questions.find((x) => x.id === answer.questionId);
	if (!q) return null;
	return storedResult(
		module,
		q,
		assignmentRef(assignment, attempt),
		assignmentRules(module, assignment),
		answer,
		accepted
	);
}

/** Score of an attempt: the points of each question's final answer. */
export function scoreOf(module: Module, answers: readonly Answer[]): { score: number; maxScore: number } {
	const score = answers.filter((a) => a.final).reduce((sum, a) => sum + (a.points ?? 0), 0);
	return { score: round2(score), maxScore: module.questions.reduce((sum, q) => sum + q.points, 0) };
}

/**
 * What the student sees of a submitted attempt: each question's deciding answer, regraded with the
 * answers accepted for everyone, and the teacher's mark where there is one. Without `outcomes`,
 * the machine's grades alone.
 */
export function reportOf(
	module: Module,
	assignment: Assignment,
	attempt: Attempt,
	answers: readonly Answer[],
	outcomes: Outcomes = outcomesFor(module, assignment, [attempt], answers, [], []),
	accepted: ReadonlyMap<string, AcceptedSet> = new Map()
): AttemptReport {
	const mine = outcomes.get(attempt.id);
	const byId = new Map(answers.map((a) => [a.id, a]));
	return {
		score: totalOf(mine).score,
		maxScore: module.questions.reduce((sum, q) => sum + q.points, 0),
		comment: null,
		questions: module.questions.map((q) => {
			const o = mine?.get(q.id);
			const a = o?.finished ? byId.get(o.answerId) : undefined;
			const graded = a ? resultOf(module, assignment, attempt, a, accepted.get(q.id)) : null;
			const result =
				graded && o
					? {
							...graded,
							verdict: o.verdict,
							credit: q.points > 0 ? Math.round((o.points / q.points) * 1e4) / 1e4 : graded.credit,
							points: o.points,
							final: true,
							triesLeft: 0
						}
					: null;
			return {
				id: q.id,
				prompt: questionLabel(q),
				maxPoints: q.points,
				result,
				decidedBy: o?.teacher ? 'teacher' : o && (o.accepted || o.matchesAccepted) ? 'accepted' : null
			};
		})
	};
}

/** The report of one attempt with the teacher's marks, accepted answers and comment to the student. */
async function reportFor(repo: Repository, module: Module, assignment: Assignment, attempt: Attempt) {
	const [answers, overrides, accepted, comment] = await Promise.all([
		repo.listAnswers(attempt.id),
		repo.listOverrides(assignment.id),
		repo.listAcceptedAnswers(assignment.id),
		repo.getStudentComment(attempt.studentId)
	]);
	const mine = overrides.filter((o) => o.attemptId === attempt.id);
	const outcomes = outcomesFor(module, assignment, [attempt], answers, mine, accepted);
	const report = reportOf(module, assignment, attempt, answers, outcomes, acceptedByQuestion(accepted));
	return { ...report, comment: comment ? { text: comment.text, updatedAt: comment.updatedAt } : null };
}

/** The module as this attempt shows it: the assignment's tries and hints, questions shuffled within sections when asked. */
function studentModuleFor(
	module: Module,
	assignment: Assignment,
	attempt: Attempt,
	ids: QuestionIds,
	answers: readonly Answer[]
): PublicModule {
	const s = assignment.settings;
	const pub = studentModule(
		effectiveModule(module, s),
		(q) => questionSeed(s, attempt.seed, q),
		ids,
		(sectionId, qs) => (s.shuffle && attempt.seed ? seededShuffle(qs, `${attempt.seed}:${sectionId}`) : qs),
		releasedTerms(module, finishedQuestions(answers), attempt.submittedAt !== null)
	);
	return s.hintsEnabled ? pub : { ...pub, questions: pub.questions.map((q) => ({ ...q, hintCount: 0 })) };
}

/** The student's report with public ids and labels (the teacher's pages keep the author's). */
function publicReport(
	module: Module,
	assignment: Assignment,
	attempt: Attempt,
	ids: QuestionIds,
	report: AttemptReport
): AttemptReport {
	const byId = new Map(module.questions.map((q) => [q.id, q]));
	return {
		...report,
		questions: report.questions.map((r) => {
			const q = byId.get(r.id)!;
			const id = ids.toPublic(r.id);
			const seed = questionSeed(assignment.settings, attempt.seed, q);
			return { ...r, id, result: r.result && publicResult(q, seed, id, r.result) };
		})
	};
}

/**
 * Find the attempt and check it belongs to this assignment and to a student this device acts for
 * (404 otherwise: nothing to learn by guessing). An attempt archived by a reset is gone.
 */
export async function requireAttempt(
	repo: Repository,
	assignment: Assignment,
	attemptId: string,
	token: string
): Promise<Attempt> {
	const attempt = await repo.getAttempt(attemptId);
	if (
		!attempt ||
		attempt.assignmentId !== assignment.id ||
		attempt.archivedAt !== null ||
		!(await repo.isStudentDevice(attempt.studentId, sha256Hex(token)))
	) {
		error(404, 'There is no such attempt on this device.');
	}
	return attempt;
}

async function viewOf(
	repo: Repository,
	module: Module,
	assignment: Assignment,
	attempt: Attempt,
	now: Date,
	resumeCode: string | null = null
): Promise<AttemptView> {
	const [student, mine, answers, key, accepted] = await Promise.all([
		repo.getStudent(attempt.studentId),
		repo.listStudentAttempts(attempt.studentId),
		repo.listAnswers(attempt.id),
		repo.serverKey('public-ids'),
		repo.listAcceptedAnswers(assignment.id)
	]);
	const ids = questionIds(key, module);
	const limit = assignment.settings.attemptsAllowed + (student?.extraAttempts ?? 0);
	const showReport = attempt.submittedAt !== null && resultsVisible(assignment, attempt);
	return {
		attempt: {
			id: attempt.id,
			number: attempt.attemptNumber,
			displayName: attempt.displayName,
			startedAt: attempt.startedAt,
			submittedAt: attempt.submittedAt
		},
		resumeCode: resumeCode && formatResumeCode(resumeCode),
		module: studentModuleFor(module, assignment, attempt, ids, answers),
		policy: describeAssignmentPolicy(module, assignment),
		feedback: assignment.settings.feedback,
		hintsEnabled: assignment.settings.hintsEnabled,
		report: showReport
			? publicReport(module, assignment, attempt, ids, await reportFor(repo, module, assignment, attempt))
			: null,
		attemptsLeft: Math.max(0, limit - mine.length),
		finished: answers.filter((x) => x.final).map((x) => ids.toPublic(x.questionId)),
		progress: progressOf(module, assignment, attempt, answers, ids, acceptedByQuestion(accepted)),
		open: closedReason(assignment, now) === null
	};
}

/** Each finished question of an attempt as the lesson records it, from the server's record. */
function progressOf(
	module: Module,
	assignment: Assignment,
	attempt: Attempt,
	answers: readonly Answer[],
	ids: QuestionIds,
	accepted: ReadonlyMap<string, AcceptedSet>
): Record<string, QuestionOutcome> {
	const rules = { ...assignmentRules(module, assignment), accepted };
	const ref = assignmentRef(assignment, attempt);
	const out: Record<string, QuestionOutcome> = {};
	for (const q of module.questions) {
		const log = answers
			.filter((a) => a.questionId === q.id)
			.sort((x, y) => x.tryNumber - y.tryNumber || Number(x.revealed) - Number(y.revealed));
		const final = log.find((a) => a.final);
		if (!final) continue;
		const tries = log.filter((a) => !a.revealed);
		const seed = ref.seedFor(q);
		const id = ids.toPublic(q.id);
		const graded = storedResult(module, q, ref, rules, final);
		const result = publicResult(q, seed, id, rules.withheld ? withheldResult(graded) : graded);
		const response = tries.at(-1)?.response ?? null;
		out[id] = {
			tries: tries.length,
			hintsUsed: final.hintsUsed,
			revealed: final.revealed,
			credit: result.credit,
			points: result.points ?? 0,
			firstTryCorrect: !rules.withheld && tries[0]?.verdict === 'correct',
			verdict: result.verdict,
			result,
			response: response && publicResponse(q, seed, response)
		};
	}
	return out;
}

/** What a student is told when their name is taken and this device has not shown the code. */
export const CODE_REQUIRED =
	'Someone has already started under this name on another device. If that was you, type the resume code you were shown there. If you do not have it, ask your teacher.';

/**
 * Start an attempt, or resume one. `resume` finds the latest attempt of a student this device acts
 * for (404 when none); `new-code` gives such a device a new resume code to show. `start` goes by the student's name (see beginAttempt): a new name gets a
 * resume code, shown once in the answer; a known name needs one of the student's devices or the
 * code, else 409 with reason `code-required` (and the teacher sees the start flagged).
 */
export async function startOrResume(
	repo: Repository,
	module: Module,
	assignment: Assignment,
	body: AttemptBody,
	now: Date
): Promise<AttemptView> {
	const deviceHash = sha256Hex(body.deviceToken);
	if (body.action === 'resume') {
		const latest = await repo.findLatestAttemptByDevice(assignment.id, deviceHash);
		if (!latest) error(404, 'This device has not started this assignment.');
		return viewOf(repo, module, assignment, latest, now);
	}
	if (body.action === 'new-code') {
		const attempt = await requireAttempt(repo, assignment, body.attemptId, body.deviceToken);
		const student = await repo.getStudent(attempt.studentId);
		if (!student) error(404, 'There is no such attempt on this device.');
		const fresh = generateResumeCode();
		await repo.replaceResumeCode(student.id, resumeCodeHash(assignment.id, student.nameKey, fresh));
		return viewOf(repo, module, assignment, attempt, now, fresh);
	}
	const key = nameKey(body.name);
	const code = generateResumeCode();
	const typed = body.resumeCode?.trim() ? body.resumeCode : null;
	let begun;
	try {
		begun = await repo.beginAttempt({
			assignmentId: assignment.id,
			attemptId: body.attemptId,
			nameKey: key,
			displayName: body.name,
			deviceHash,
			codeHash: typed === null ? null : resumeCodeHash(assignment.id, key, typed),
			newCodeHash: resumeCodeHash(assignment.id, key, code),
			// Every attempt gets its own secret: options are shuffled by it even with shuffling off.
			seed: newSeed(),
			attemptsAllowed: assignment.settings.attemptsAllowed,
			open: closedReason(assignment, now) === null,
			startedAt: now.toISOString()
		});
	} catch (e) {
		if (e instanceof RepositoryError) error(e.code === 'not-found' ? 404 : 409, e.message);
		throw e;
	}
	if (begun.outcome === 'closed') error(403, 'This assignment is closed.');
	if (begun.outcome === 'code-required') {
		error(409, {
			message:
				typed === null
					? CODE_REQUIRED
					: 'That resume code does not match this name. Check it and try again, or ask your teacher.',
			reason: 'code-required'
		});
	}
	return viewOf(repo, module, assignment, begun.attempt, now, begun.codeIssued ? code : null);
}

/**
 * One action on a question of the attempt, through the attempt engine: an answer (graded and
 * stored, numbered by the server), a hint (served and recorded) or a reveal (when the rules allow).
 * A repeat of a stored answer id gets the stored result back.
 */
export async function saveAnswer(
	repo: Repository,
	module: Module,
	assignment: Assignment,
	body: AnswerBody,
	now: Date
): Promise<GradeResult | HintReply> {
	const attempt = await requireAttempt(repo, assignment, body.attemptId, body.deviceToken);
	if (attempt.submittedAt) error(409, 'This attempt has been submitted; answers can no longer change.');
	// An answer after the deadline is kept (marked late past the grace period), but never once the
	// results, and with them the solutions, are out.
	if (assignment.releasedAt) error(409, 'The results have been released; answers can no longer change.');
	const question = questionIds(await repo.serverKey('public-ids'), module).question(body.questionId);
	if (!question) error(404, 'There is no question with that id in this lesson.');
	const accepted = acceptedByQuestion(await repo.listAcceptedAnswers(assignment.id, question.id));
	const outcome = await act(
		repo,
		module,
		question,
		assignmentRef(assignment, attempt),
		{ ...assignmentRules(module, assignment), accepted, late: isLate(assignment, now) },
		body,
		now
	);
	if (!outcome.ok) error(outcome.status, outcome.message);
	return outcome.reply.action === 'hint' ? outcome.reply.reply : outcome.reply.result;
}

/** Submit an attempt (idempotent) and return what the student may see. */
export async function submit(
	repo: Repository,
	module: Module,
	assignment: Assignment,
	body: z.infer<typeof submitBody>,
	now: Date
): Promise<AttemptView> {
	const attempt = await requireAttempt(repo, assignment, body.attemptId, body.deviceToken);
	const closed = closedReason(assignment, now);
	if (closed && !attempt.submittedAt) error(403, { message: closedMessage(assignment, closed), reason: closed });
	const answers = await repo.listAnswers(attempt.id);
	const { score, maxScore } = scoreOf(module, answers);
	const { attempt: submitted } = await repo.submitAttempt(attempt.id, {
		score,
		maxScore,
		submittedAt: now.toISOString()
	});
	return viewOf(repo, module, assignment, submitted, now);
}

/** The glossary entries held back until their sections' questions are final that this attempt has earned. */
export async function assignmentGlossary(
	repo: Repository,
	module: Module,
	assignment: Assignment,
	body: z.infer<typeof submitBody>
): Promise<PublicGlossaryEntry[]> {
	const attempt = await requireAttempt(repo, assignment, body.attemptId, body.deviceToken);
	const answers = await repo.listAnswers(attempt.id);
	return releasedGlossary(module, finishedQuestions(answers), attempt.submittedAt !== null);
}
