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
import { response } from '../../scoring/response.ts';
import type { GradeResult } from '../../scoring/types.ts';
import { gradeRequest } from '../grading.ts';
import type { Answer, Assignment, Attempt, Repository } from '../db/repository.ts';
import { RepositoryError } from '../db/repository.ts';
import {
	closedReason,
	describeAssignmentPolicy,
	effectiveModule,
	isDeferred,
	publicModuleFor,
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

export const answerBody = z
	.strictObject({
		answerId: id,
		attemptId: id,
		deviceToken,
		questionId: z.string().min(1).max(100),
		tryNumber: z.int().min(1).max(10),
		hintsUsed: z.int().min(0).max(3),
		reveal: z.boolean(),
		response: response.nullable()
	})
	.refine((b) => b.response !== null || b.reveal, { message: 'an answer is required', path: ['response'] });

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

/** Regrade a stored answer: the same inputs give the same result (grading is pure). */
export function resultOf(module: Module, assignment: Assignment, attempt: Attempt, answer: Answer): GradeResult | null {
	const graded = gradeRequest(effectiveModule(module, assignment.settings), {
		slug: module.slug,
		questionId: answer.questionId,
		seed: questionSeed(assignment.settings, attempt.seed, { id: answer.questionId }),
		tryNumber: answer.tryNumber,
		hintsUsed: answer.hintsUsed,
		reveal: answer.revealed,
		response: answer.response
	});
	return graded.ok ? graded.result : null;
}

/** What a student sees when feedback is held back: saved, final, nothing about right or wrong. */
export function withheldResult(module: Module, questionId: string, tryNumber: number, revealed: boolean): GradeResult {
	const q = module.questions.find((x) => x.id === questionId);
	return {
		verdict: 'incorrect',
		credit: 0,
		feedback: [],
		marks: {},
		questionId,
		tryNumber,
		final: true,
		revealed,
		triesLeft: 0,
		points: null,
		maxPoints: q?.points ?? 0,
		solution: null,
		explanation: null
	};
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
	const showReport = attempt.submittedAt !== null && resultsVisible(assignment, attempt);
	return {
		attempt: {
			id: attempt.id,
			displayName: attempt.displayName,
			startedAt: attempt.startedAt,
			submittedAt: attempt.submittedAt
		},
		module: publicModuleFor(module, assignment.settings, attempt.seed),
		policy: describeAssignmentPolicy(module, assignment),
		feedback: assignment.settings.feedback,
		hintsEnabled: assignment.settings.hintsEnabled,
		report: showReport ? reportOf(module, assignment, attempt, await repo.listAnswers(attempt.id)) : null,
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
			seed: assignment.settings.shuffle ? newSeed() : '',
			startedAt: now.toISOString()
		});
		if (attempt.deviceHash !== deviceHash) error(409, 'This attempt id is taken.');
		return viewOf(repo, module, assignment, attempt, now);
	} catch (e) {
		if (e instanceof RepositoryError) error(e.code === 'not-found' ? 404 : 409, e.message);
		throw e;
	}
}

/** Grade and store one answer, at most once. A repeat gets the stored result back. */
export async function saveAnswer(
	repo: Repository,
	module: Module,
	assignment: Assignment,
	body: AnswerBody,
	now: Date
): Promise<GradeResult> {
	const attempt = await requireAttempt(repo, assignment, body.attemptId, body.deviceToken);
	if (attempt.submittedAt) error(409, 'This attempt has been submitted; answers can no longer change.');
	if (closedReason(assignment, now)) error(403, 'This assignment is closed.');
	if (!assignment.settings.hintsEnabled && body.hintsUsed > 0) error(422, 'Hints are turned off for this assignment.');
	const graded = gradeRequest(effectiveModule(module, assignment.settings), {
		slug: module.slug,
		questionId: body.questionId,
		seed: questionSeed(assignment.settings, attempt.seed, { id: body.questionId }),
		tryNumber: body.tryNumber,
		hintsUsed: body.hintsUsed,
		reveal: body.reveal,
		response: body.response
	});
	if (!graded.ok) error(graded.status, graded.message);
	const r = graded.result;
	let stored: Answer;
	let fresh: boolean;
	try {
		const recorded = await repo.recordAnswer({
			id: body.answerId,
			attemptId: attempt.id,
			questionId: r.questionId,
			tryNumber: r.tryNumber,
			hintsUsed: body.hintsUsed,
			revealed: r.revealed,
			response: body.response,
			verdict: r.verdict,
			credit: r.credit,
			points: r.points,
			final: r.final,
			createdAt: now.toISOString()
		});
		stored = recorded.answer;
		fresh = recorded.stored;
	} catch (e) {
		if (e instanceof RepositoryError) error(e.code === 'not-found' ? 404 : 409, e.message);
		throw e;
	}
	const result = fresh ? r : resultOf(module, assignment, attempt, stored);
	if (!result) error(409, 'The stored answer no longer fits this question.');
	return isDeferred(assignment.settings)
		? withheldResult(module, result.questionId, result.tryNumber, result.revealed)
		: result;
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
