/**
 * The student's side of an assignment: starting or resuming an attempt on a device, saving and
 * grading each answer at most once, submitting, and the report a student may see. Routes parse
 * bodies with the schemas here and call these functions; failures are SvelteKit HTTP errors.
 */
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { Module } from '../../content/module.ts';
import type { PublicModule } from '../../content/public.ts';
import { questionLabel } from '../../content/label.ts';
import { actionBody } from '../../scoring/request.ts';
import type { GradeResult, HintReply } from '../../scoring/types.ts';
import { act, storedResult, withheldResult, type AttemptRef, type AttemptRules } from '../attempts/engine.ts';
import { publicResult, questionIds, studentModule, type QuestionIds } from '../attempts/student-view.ts';
import { seededShuffle } from '../../content/public.ts';
import type { Answer, Assignment, Attempt, Repository } from '../db/repository.ts';
import { RepositoryError } from '../db/repository.ts';
export { withheldResult };
import {
	closedReason,
	describeAssignmentPolicy,
	effectiveModule,
	isDeferred,
	questionSeed,
	resultsVisible
} from './policy.ts';
import { newSeed, sha256Hex } from './secrets.ts';
import { visibleText } from './visible-text.ts';

/** Longest display name, in characters as people count them (code points). */
export const NAME_MAX = 40;

/** A display name: trimmed, NFC, 1–40 characters of any script that can be seen (see text/visible.ts). */
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
	z.strictObject({ action: z.literal('start'), attemptId: id, deviceToken, name: displayName }),
	z.strictObject({ action: z.literal('resume'), deviceToken })
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
}

export interface AttemptReport {
	score: number;
	maxScore: number;
	questions: ReportQuestion[];
}

/** Everything the student page needs about its attempt. */
export interface AttemptView {
	attempt: { id: string; displayName: string; startedAt: string; submittedAt: string | null };
	module: PublicModule;
	policy: string[];
	feedback: Assignment['settings']['feedback'];
	hintsEnabled: boolean;
	/** Present once submitted and the policy lets the student see results. */
	report: AttemptReport | null;
	/** Attempts this device may still start after this one. */
	attemptsLeft: number;
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

/** Regrade a stored answer: the same inputs give the same result (grading is pure). */
export function resultOf(module: Module, assignment: Assignment, attempt: Attempt, answer: Answer): GradeResult | null {
	const q = module.questions.find((x) => x.id === answer.questionId);
	if (!q) return null;
	return storedResult(module, q, assignmentRef(assignment, attempt), assignmentRules(module, assignment), answer);
}

/** Score of an attempt: the points of each question's final answer. */
export function scoreOf(module: Module, answers: readonly Answer[]): { score: number; maxScore: number } {
	const score = answers.filter((a) => a.final).reduce((sum, a) => sum + (a.points ?? 0), 0);
	return { score: round2(score), maxScore: module.questions.reduce((sum, q) => sum + q.points, 0) };
}

export function reportOf(
	module: Module,
	assignment: Assignment,
	attempt: Attempt,
	answers: readonly Answer[]
): AttemptReport {
	const finals = new Map(answers.filter((a) => a.final).map((a) => [a.questionId, a]));
	return {
		...scoreOf(module, answers),
		questions: module.questions.map((q) => {
			const a = finals.get(q.id);
			return {
				id: q.id,
				prompt: questionLabel(q),
				maxPoints: q.points,
				result: a ? resultOf(module, assignment, attempt, a) : null
			};
		})
	};
}

/** The module as this attempt shows it: the assignment's tries and hints, questions shuffled within sections when asked. */
function studentModuleFor(module: Module, assignment: Assignment, attempt: Attempt, ids: QuestionIds): PublicModule {
	const s = assignment.settings;
	const pub = studentModule(
		effectiveModule(module, s),
		(q) => questionSeed(s, attempt.seed, q),
		ids,
		(sectionId, qs) => (s.shuffle && attempt.seed ? seededShuffle(qs, `${attempt.seed}:${sectionId}`) : qs)
	);
	return s.hintsEnabled ? pub : { ...pub, questions: pub.questions.map((q) => ({ ...q, hintCount: 0 })) };
}

/** The student's report with public ids and labels (the teacher's pages keep the author's). */
function publicReport(
	module: Module,
	assignment: Assignment,
	attempt: Attempt,
	ids: QuestionIds,
	answers: readonly Answer[]
): AttemptReport {
	const report = reportOf(module, assignment, attempt, answers);
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

/** Find the attempt and check it belongs to this assignment and this device (404 otherwise: nothing to learn by guessing). */
export async function requireAttempt(
	repo: Repository,
	assignment: Assignment,
	attemptId: string,
	token: string
): Promise<Attempt> {
	const attempt = await repo.getAttempt(attemptId);
	if (!attempt || attempt.assignmentId !== assignment.id || attempt.deviceHash !== sha256Hex(token)) {
		error(404, 'There is no such attempt on this device.');
	}
	return attempt;
}

async function viewOf(
	repo: Repository,
	module: Module,
	assignment: Assignment,
	attempt: Attempt,
	now: Date
): Promise<AttemptView> {
	const mine = await repo.findAttemptsByDevice(assignment.id, attempt.deviceHash);
	const ids = questionIds(await repo.serverKey('public-ids'), module);
	const showReport = attempt.submittedAt !== null && resultsVisible(assignment, attempt);
	return {
		attempt: {
			id: attempt.id,
			displayName: attempt.displayName,
			startedAt: attempt.startedAt,
			submittedAt: attempt.submittedAt
		},
		module: studentModuleFor(module, assignment, attempt, ids),
		policy: describeAssignmentPolicy(module, assignment),
		feedback: assignment.settings.feedback,
		hintsEnabled: assignment.settings.hintsEnabled,
		report: showReport ? publicReport(module, assignment, attempt, ids, await repo.listAnswers(attempt.id)) : null,
		attemptsLeft: Math.max(0, assignment.settings.attemptsAllowed - mine.length),
		open: closedReason(assignment, now) === null
	};
}

/**
 * Start an attempt, or resume this device's latest one. A device with an unfinished attempt always
 * gets it back (a retried start, a reload, a second tab). `resume` finds nothing: 404.
 */
export async function startOrResume(
	repo: Repository,
	module: Module,
	assignment: Assignment,
	body: AttemptBody,
	now: Date
): Promise<AttemptView> {
	const deviceHash = sha256Hex(body.deviceToken);
	const mine = await repo.findAttemptsByDevice(assignment.id, deviceHash);
	const latest = mine.at(-1);
	if (body.action === 'resume') {
		if (!latest) error(404, 'This device has not started this assignment.');
		return viewOf(repo, module, assignment, latest, now);
	}
	if (latest && (latest.submittedAt === null || latest.id === body.attemptId)) {
		return viewOf(repo, module, assignment, latest, now);
	}
	if (closedReason(assignment, now)) error(403, 'This assignment is closed.');
	if (mine.length >= assignment.settings.attemptsAllowed) {
		error(409, `You have used all ${assignment.settings.attemptsAllowed} of your attempts.`);
	}
	try {
		const { attempt } = await repo.startAttempt({
			id: body.attemptId,
			assignmentId: assignment.id,
			displayName: body.name,
			deviceHash,
			// Every attempt gets its own secret: options are shuffled by it even with shuffling off.
			seed: newSeed(),
			startedAt: now.toISOString()
		});
		if (attempt.deviceHash !== deviceHash) error(409, 'This attempt id is taken.');
		return viewOf(repo, module, assignment, attempt, now);
	} catch (e) {
		if (e instanceof RepositoryError) error(e.code === 'not-found' ? 404 : 409, e.message);
		throw e;
	}
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
	if (closedReason(assignment, now)) error(403, 'This assignment is closed.');
	const question = questionIds(await repo.serverKey('public-ids'), module).question(body.questionId);
	if (!question) error(404, 'There is no question with that id in this lesson.');
	const outcome = await act(
		repo,
		module,
		question,
		assignmentRef(assignment, attempt),
		assignmentRules(module, assignment),
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
	const answers = await repo.listAnswers(attempt.id);
	const { score, maxScore } = scoreOf(module, answers);
	const { attempt: submitted } = await repo.submitAttempt(attempt.id, {
		score,
		maxScore,
		submittedAt: now.toISOString()
	});
	return viewOf(repo, module, assignment, submitted, now);
}
