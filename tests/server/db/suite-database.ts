/**
 * What the server suites open before their tests: the shipped module, and a database with a
 * repository on the suite's fixed clock and the module's public question ids (the opaque ids the
 * pages show, under the server's key in that database).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { Module, ResolvedQuestion } from '../../../src/lib/content/module.ts';
import type { Response } from '../../../src/lib/scoring/response.ts';
import { questionSeed } from '../../../src/lib/server/assignments/policy.ts';
import { saveAnswer, startOrResume, submit } from '../../../src/lib/server/assignments/student.ts';
import { publicResponse, questionIds, type QuestionIds } from '../../../src/lib/server/attempts/student-view.ts';
import { loadModuleDir } from '../../../src/lib/server/content.ts';
import { openDatabase, type DatabaseHandle } from '../../../src/lib/server/db/index.ts';
import { createRepository, type Assignment, type Repository } from '../../../src/lib/server/db/repository.ts';
import type { AssignmentSettings } from '../../../src/lib/server/db/schema.ts';
import type { Target } from './targets.ts';

export const SLUG = 'seoul-warns-north-korean-soldiers-russia';

let shipped: Module | null = null;
/** The shipped module, loaded once. */
export function shippedModule(): Module {
	if (!shipped) {
		const loaded = loadModuleDir(`questions/${SLUG}`, SLUG);
		if (!loaded.ok) throw new Error('module does not load');
		shipped = loaded.module;
	}
	return shipped;
}

/** The module's first single-choice question. */
export const firstSingleChoice = (module: Module) =>
	module.questions.find((q) => q.type === 'single-choice') as Extract<ResolvedQuestion, { type: 'single-choice' }>;

/** Assignment settings: a suite's own defaults over the common ones, then a test's. */
export const settingsFrom =
	(suite: Partial<AssignmentSettings> = {}) =>
	(over: Partial<AssignmentSettings> = {}): AssignmentSettings => ({
		feedback: 'immediate',
		attemptsAllowed: 1,
		triesPerQuestion: 2,
		hintsEnabled: true,
		dueAt: null,
		shuffle: false,
		...suite,
		...over
	});

/** A token of the kind a device keeps. */
export const deviceToken = () => randomUUID().replace(/-/g, '');

export interface SuiteDatabase {
	readonly repo: Repository;
	/** The opaque id a student's page shows for a question. */
	pid(q: { id: string }): string;
	/** An assignment of the module with these settings (and a results link of its own). */
	newAssignment(settings: AssignmentSettings, title?: string): Promise<Assignment>;
	/** A student who starts the assignment on a new device under this name. */
	startStudent(
		a: Assignment,
		name: string
	): Promise<{
		token: string;
		view: Awaited<ReturnType<typeof startOrResume>>;
		attempt: NonNullable<Awaited<ReturnType<Repository['getAttempt']>>>;
		/**
		 * Answer a question as this student's page would: under its public id, with the response
		 * (given whole, or made from the question's seed in this attempt) in the labels it shows.
		 */
		answer(q: ResolvedQuestion, response: Response | ((seed: string) => Response)): ReturnType<typeof saveAnswer>;
		/** Hand the attempt in. */
		hand(): ReturnType<typeof submit>;
		/** The report the student's page shows on a resume. */
		report(): Promise<Awaited<ReturnType<typeof startOrResume>>['report']>;
	}>;
}

/**
 * Before the suite's tests, open a fresh database on the target (SQLite in memory without one) with
 * the public ids of the module; after them, close it and clean the target up. The fields are there
 * once the tests run.
 */
export function openWithPublicIds(module: Module, now: Date, target?: Target): SuiteDatabase {
	let opened: { handle: DatabaseHandle; repo: Repository; ids: QuestionIds } | null = null;
	const get = () => {
		if (!opened) throw new Error('the suite database is opened before the tests run');
		return opened;
	};
	beforeAll(async () => {
		const handle = await openDatabase(target ? await target.fresh() : ':memory:');
		const repo = createRepository(handle.db, { now: () => now });
		opened = { handle, repo, ids: questionIds(await repo.serverKey('public-ids'), module) };
	});
	afterAll(async () => {
		await opened?.handle.close();
		await target?.cleanup();
	});
	return {
		get repo() {
			return get().repo;
		},
		pid: (q) => get().ids.toPublic(q.id),
		newAssignment: (settings, title = 'Class') =>
			get().repo.createAssignment({
				resultsHash: randomUUID().replace(/-/g, '').padEnd(64, '0'),
				moduleSlug: module.slug,
				title,
				settings
			}),
		async startStudent(a, name) {
			const { repo } = get();
			const token = deviceToken();
			const action = { action: 'start', attemptId: randomUUID(), deviceToken: token, name } as const;
			const view = await startOrResume(repo, module, a, action, now);
			const attempt = (await repo.getAttempt(view.attempt.id))!;
			const answer = (q: ResolvedQuestion, response: Response | ((seed: string) => Response)) => {
				const seed = questionSeed(a.settings, attempt.seed, q);
				return saveAnswer(
					repo,
					module,
					a,
					{
						action: 'answer',
						answerId: randomUUID(),
						attemptId: attempt.id,
						deviceToken: token,
						questionId: get().ids.toPublic(q.id),
						response: publicResponse(q, seed, typeof response === 'function' ? response(seed) : response)
					},
					now
				);
			};
			const hand = () => submit(repo, module, a, { attemptId: attempt.id, deviceToken: token }, now);
			const report = async () =>
				(await startOrResume(repo, module, a, { action: 'resume', deviceToken: token }, now)).report;
			return { token, view, attempt, answer, hand, report };
		}
	};
}
