/**
 * Practice attempts: a student working through a module on their own. The server keeps each one
 * (practice_attempts, with the hash of a token the browser holds in localStorage so a reload
 * resumes) and every action goes through the attempt engine, as in an assignment. While an open
 * assignment on the module holds feedback back, practice is locked: one answer per question and
 * no verdicts, solutions or explanations, so practice cannot undo the assignment.
 */
import type { Module, ResolvedQuestion } from '../../content/module.ts';
import type { PublicGlossaryEntry, PublicModule } from '../../content/public.ts';
import type { PracticeActionBody, PracticeStartBody } from '../../scoring/request.ts';
import { describePolicy } from '../../scoring/score.ts';
import type { PracticeAttempt, Repository } from '../db/repository.ts';
import { closedReason, isDeferred } from '../assignments/policy.ts';
import { newSeed, newToken, sha256Hex } from '../assignments/secrets.ts';
import { act, type ActOutcome, type AttemptRef, type AttemptRules } from './engine.ts';
import { questionIds, studentModule, type QuestionIds } from './student-view.ts';
import { finishedQuestions, releasedGlossary, releasedTerms } from './glossary.ts';

/** What the practice page needs about its attempt. */
export interface PracticeView {
	/** Keep this to resume; it is the only proof the attempt is yours. */
	token: string;
	module: PublicModule;
	policy: string[];
	/** True while a class's assignment on this module holds feedback back. */
	locked: boolean;
	/** Why this is a new attempt rather than the one the token named, when there is something to say. */
	notice: string | null;
}

/** Said when a practice begun under a class's lock is not resumed after the lock is gone. */
export const LOCK_OVER_NOTICE =
	'The class assignment on this lesson has closed, so this is a new practice: your answers are now marked and the answers shown. The answers you gave while it was in use by the class were saved without marks and are not carried over.';

/** Whether an open assignment on this module holds feedback back and keeps practice from showing answers. */
export async function practiceLocked(repo: Repository, slug: string, now: Date): Promise<boolean> {
	const open = await repo.listUnclosedAssignmentsForModule(slug);
	return open.some(
		(a) =>
			closedReason(a, now) === null && (a.settings.lockPractice ?? isDeferred(a.settings)) && isDeferred(a.settings)
	);
}

export function practiceRules(module: Module, locked: boolean): AttemptRules {
	return {
		scoring: locked ? { ...module.scoring, maxTries: 1 } : module.scoring,
		hintsEnabled: true,
		withheld: locked
	};
}

export function practiceRef(attempt: PracticeAttempt): AttemptRef {
	return { kind: 'practice', id: attempt.id, seedFor: (q) => `${attempt.secret}:${q.id}` };
}

/** The policy lines a student reads before starting. */
export function practicePolicy(module: Module, locked: boolean): string[] {
	const lines = describePolicy(practiceRules(module, locked).scoring);
	return locked
		? [
				'This lesson is in use by a class: until their assignment closes, answers are saved but not marked, and no answers are shown.',
				...lines.filter((l) => !/see the answer/i.test(l))
			]
		: lines;
}

async function viewOf(
	repo: Repository,
	module: Module,
	ids: QuestionIds,
	attempt: PracticeAttempt,
	token: string,
	locked: boolean,
	notice: string | null = null
): Promise<PracticeView> {
	const ref = practiceRef(attempt);
	const rules = practiceRules(module, locked);
	const released = releasedTerms(module, finishedQuestions(await repo.listTries('practice', attempt.id)));
	return {
		token,
		module: studentModule({ ...module, scoring: rules.scoring }, ref.seedFor, ids, undefined, released),
		policy: practicePolicy(module, locked),
		locked,
		notice
	};
}

/**
 * Resume the attempt the token names (on this module), or start a new one: also when the named one
 * began while practice was locked and the lock has since gone (see LOCK_OVER_NOTICE).
 */
export async function startOrResumePractice(
	repo: Repository,
	module: Module,
	body: PracticeStartBody,
	now: Date
): Promise<PracticeView> {
	const locked = await practiceLocked(repo, module.slug, now);
	const ids = questionIds(await repo.serverKey('public-ids'), module);
	let notice: string | null = null;
	if (body.token) {
		const found = await repo.getPracticeAttemptByToken(sha256Hex(body.token));
		if (found && found.moduleSlug === module.slug) {
			// Begun while a class had the lesson locked (one try, no verdicts): once the lock is gone
			// it is not resumed half without verdicts; the student starts a whole practice instead.
			if (!(found.locked && !locked)) return viewOf(repo, module, ids, found, body.token, locked);
			notice = LOCK_OVER_NOTICE;
		}
	}
	const token = newToken();
	const attempt = await repo.startPracticeAttempt({
		tokenHash: sha256Hex(token),
		moduleSlug: module.slug,
		secret: newSeed(),
		startedAt: now.toISOString(),
		locked
	});
	return viewOf(repo, module, ids, attempt, token, locked, notice);
}

/** The question a public id names in this module, or undefined. */
export async function questionByPublicId(
	repo: Repository,
	module: Module,
	publicId: string
): Promise<ResolvedQuestion | undefined> {
	return questionIds(await repo.serverKey('public-ids'), module).question(publicId);
}

/** One action on a practice question. */
export async function practiceAct(
	repo: Repository,
	getModule: (slug: string) => Module | undefined,
	body: PracticeActionBody,
	now: Date
): Promise<ActOutcome> {
	const attempt = await repo.getPracticeAttemptByToken(sha256Hex(body.token));
	if (!attempt) return { ok: false, status: 404, message: 'This practice attempt is unknown; reload the lesson.' };
	const module = getModule(attempt.moduleSlug);
	if (!module) return { ok: false, status: 404, message: 'There is no lesson with that name.' };
	const question = await questionByPublicId(repo, module, body.questionId);
	if (!question) return { ok: false, status: 404, message: 'There is no question with that id in this lesson.' };
	const locked = await practiceLocked(repo, module.slug, now);
	return act(repo, module, question, practiceRef(attempt), practiceRules(module, locked), body, now);
}

/** The glossary entries a practice attempt has earned so far (its token proves it is the student's). */
export async function practiceGlossary(
	repo: Repository,
	getModule: (slug: string) => Module | undefined,
	token: string
): Promise<{ ok: true; glossary: PublicGlossaryEntry[] } | { ok: false; status: 404; message: string }> {
	const attempt = await repo.getPracticeAttemptByToken(sha256Hex(token));
	if (!attempt) return { ok: false, status: 404, message: 'This practice attempt is unknown; reload the lesson.' };
	const module = getModule(attempt.moduleSlug);
	if (!module) return { ok: false, status: 404, message: 'There is no lesson with that name.' };
	const finished = finishedQuestions(await repo.listTries('practice', attempt.id));
	return { ok: true, glossary: releasedGlossary(module, finished) };
}
