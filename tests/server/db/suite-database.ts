/**
 * What the server suites open before their tests: the shipped module, and a database with a
 * repository on the suite's fixed clock and the module's public question ids (the opaque ids the
 * pages show, under the server's key in that database).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { Module, ResolvedQuestion } from '../../../src/lib/content/module.ts';
import { startOrResume } from '../../../src/lib/server/assignments/student.ts';
import { questionIds, type QuestionIds } from '../../../src/lib/server/attempts/student-view.ts';
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
			return { token, view, attempt: (await repo.getAttempt(view.attempt.id))! };
		}
	};
}
