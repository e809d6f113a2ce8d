/**
 * The repository against both databases: SQLite in a temporary file, and PostgreSQL on the
 * private cluster that tests/server/pg-global-setup.ts starts. Each suite gets a fresh database.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDb, getDb, openDatabase, type DatabaseHandle } from '../../../src/lib/server/db/index.ts';
import { CodeMigrationProvider, migrateToLatest, migrations } from '../../../src/lib/server/db/migrations.ts';
import { generateStudentCode, STUDENT_CODE_ALPHABET } from '../../../src/lib/server/db/codes.ts';
import {
	createRepository,
	RepositoryError,
	type NewAnswer,
	type NewAssignment,
	type Repository
} from '../../../src/lib/server/db/repository.ts';
import type { AssignmentSettings } from '../../../src/lib/server/db/schema.ts';
import { runScript } from './processes.ts';
import { parseCreateForm } from '../../../src/lib/server/assignments/create.ts';
import { displayName } from '../../../src/lib/server/assignments/student.ts';
import { postgresTarget, sqliteTarget } from './targets.ts';

interface BeginOptions {
	assignmentId: string;
	name: string;
	/** The device token (hashed here); the name when absent. */
	device?: string;
	id?: string;
	seed?: string;
	startedAt?: string;
	/** The code the student types; the code every student of these tests is given is 'CODE-' + name. */
	code?: string | null;
	limit?: number;
	open?: boolean;
}

/** Start (or resume) an attempt as a student with this name on this device. */
function begin(repo: Repository, o: BeginOptions) {
	return repo.beginAttempt({
		assignmentId: o.assignmentId,
		attemptId: o.id ?? randomUUID(),
		nameKey: o.name.toLowerCase(),
		displayName: o.name,
		deviceHash: sha256(o.device ?? o.name),
		codeHash: o.code ? sha256(o.code) : null,
		newCodeHash: sha256(`CODE-${o.name}`),
		seed: o.seed ?? 'seed',
		attemptsAllowed: o.limit ?? 1,
		open: o.open ?? true,
		startedAt: o.startedAt
	});
}

/** A started (or resumed) attempt; fails the test when the start was refused. */
async function started(repo: Repository, o: BeginOptions) {
	const result = await begin(repo, o);
	if (result.outcome !== 'started' && result.outcome !== 'resumed') throw new Error(`not started: ${result.outcome}`);
	return result;
}

const settings: AssignmentSettings = {
	feedback: 'after-submit',
	attemptsAllowed: 2,
	triesPerQuestion: 3,
	hintsEnabled: true,
	dueAt: '2025-03-08T17:00:00.000Z',
	shuffle: false
};

/** A clock that moves one second per reading, from a fixed start. */
function steppingClock(start = '2025-03-01T09:00:00.000Z'): () => Date {
	let t = Date.parse(start);
	return () => new Date((t += 1000));
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function newAssignment(overrides: Partial<NewAssignment> = {}): NewAssignment {
	return {
		resultsHash: sha256(randomUUID()),
		moduleSlug: 'seoul-warns',
		title: 'Year 10 — close reading',
		settings,
		...overrides
	};
}

function newAnswer(
	attemptId: string,
	questionId: string,
	tryNumber: number,
	overrides: Partial<NewAnswer> = {}
): NewAnswer {
	return {
		id: randomUUID(),
		attemptId,
		questionId,
		tryNumber,
		hintsUsed: 0,
		revealed: false,
		response: { type: 'single-choice', optionId: 'o2' },
		verdict: 'incorrect',
		credit: 0,
		points: null,
		final: false,
		late: false,
		...overrides
	};
}

// Budgets: a PostgreSQL test makes a database and runs migrations over a socket; on a busy machine
// that takes seconds, so every test here may take up to 30 s and the set-up 60 s.
describe.each([sqliteTarget(), postgresTarget()])('repository on $name', { timeout: 30_000 }, (target) => {
	let handle: DatabaseHandle;
	let repo: Repository;

	beforeAll(async () => {
		handle = await openDatabase(await target.fresh());
		repo = createRepository(handle.db, { now: steppingClock() });
	}, 60_000);

	/**
	 * Run `test` on a fresh database of this target migrated to the step before `migration`, with the
	 * migrator and that step's name; the database is closed after.
	 */
	async function justBefore(
		migration: string,
		test: (opened: DatabaseHandle, migrator: Migrator, before: string) => Promise<void>
	) {
		const opened = await openDatabase(await target.fresh());
		try {
			const names = Object.keys(migrations).sort();
			const before = names[names.indexOf(migration) - 1]!;
			const migrator = new Migrator({ db: opened.db, provider: new CodeMigrationProvider() });
			expect((await migrator.migrateTo(before)).error).toBeUndefined();
			await test(opened, migrator, before);
		} finally {
			await opened.close();
		}
	}

	afterAll(async () => {
		await handle?.close();
		await target.cleanup();
	});

	async function startedAttempt(name = 'Min-jun 김', assignmentOverrides: Partial<NewAssignment> = {}) {
		const assignment = await repo.createAssignment(newAssignment(assignmentOverrides));
		const { attempt } = await started(repo, {
			assignmentId: assignment.id,
			name,
			device: randomUUID(),
			seed: 'seed-1'
		});
		return { assignment, attempt };
	}

	describe('migrations', () => {
		it('creates every table on a fresh database and applies nothing on re-open', async () => {
			const location = await target.fresh();
			const first = await openDatabase(location);
			const tables = (await first.db.introspection.getTables()).map((t) => t.name);
			expect(tables).toEqual(expect.arrayContaining(['assignments', 'attempts', 'answers']));
			const saved = await createRepository(first.db).createAssignment(newAssignment({ studentCode: 'KEEP2345' }));
			await first.close();

			const second = await openDatabase(location);
			try {
				expect((await migrateToLatest(second.db)).results).toEqual([]);
				const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(second.db);
				expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
				expect(await createRepository(second.db).getAssignmentByCode('KEEP2345')).toEqual(saved);
			} finally {
				await second.close();
			}
		});

		it('keeps stored answers when the answer key changes to tell a reveal from a try, and back', async () => {
			const location = await target.fresh();
			const opened = await openDatabase(location);
			try {
				const migrator = new Migrator({ db: opened.db, provider: new CodeMigrationProvider() });
				const down = await migrator.migrateTo('0001_assignments_attempts_answers');
				expect(down.error).toBeUndefined();
				const older = createRepository(opened.db);
				const assignment = await older.createAssignment(newAssignment());
				const attempt = { id: randomUUID() };
				// The schema of 0001 as it was: an attempt belongs to a device.
				await opened.db
					.insertInto('attempts')
					.values({
						id: attempt.id,
						assignment_id: assignment.id,
						display_name: 'Ana',
						device_hash: sha256('device'),
						seed: 's',
						started_at: '2025-03-01T09:00:00.000Z'
					} as never)
					.execute();
				const tried = await older.recordAnswer(newAnswer(attempt.id, 'q1', 1));
				// The first schema turns a reveal at the same try away: the fault this change removes.
				await expect(
					older.recordAnswer(newAnswer(attempt.id, 'q1', 1, { revealed: true, final: true }))
				).rejects.toThrow();

				await migrateToLatest(opened.db);
				const repo = createRepository(opened.db);
				const shown = await repo.recordAnswer(
					newAnswer(attempt.id, 'q1', 1, { revealed: true, final: true, points: 0 })
				);
				expect(shown.stored).toBe(true);
				expect(await repo.listAnswers(attempt.id)).toEqual([tried.answer, shown.answer]);
				// Still at most one final answer per question.
				const late = await repo.recordAnswer(newAnswer(attempt.id, 'q1', 2, { final: true, points: 1 }));
				expect(late).toEqual({ stored: false, reason: 'already-final', answer: shown.answer });

				// Undone, the reveal that shares a try number goes; the try stays.
				expect((await migrator.migrateTo('0001_assignments_attempts_answers')).error).toBeUndefined();
				expect(await older.listAnswers(attempt.id)).toEqual([tried.answer]);
			} finally {
				await opened.close();
			}
		});
		it('gives attempts from before students one student per normalised name, numbered by start, and back', async () => {
			const location = await target.fresh();
			const opened = await openDatabase(location);
			try {
				const migrator = new Migrator({ db: opened.db, provider: new CodeMigrationProvider() });
				expect((await migrator.migrateTo('0002_answers_reveal_own_record')).error).toBeUndefined();
				const assignment = await createRepository(opened.db).createAssignment(newAssignment());
				const old = (id: string, name: string, device: string, startedAt: string) =>
					opened.db
						.insertInto('attempts')
						.values({
							id,
							assignment_id: assignment.id,
							display_name: name,
							device_hash: sha256(device),
							seed: 's',
							started_at: startedAt
						} as never)
						.execute();
				const [first, second, other] = [randomUUID(), randomUUID(), randomUUID()];
				await old(second, 'ANA\u200b ', 'laptop', '2025-03-01T09:05:00.000Z');
				await old(first, 'Ana', 'phone', '2025-03-01T09:00:00.000Z');
				await old(other, 'Bo', 'tablet', '2025-03-01T09:01:00.000Z');

				await migrateToLatest(opened.db);
				const repo = createRepository(opened.db);
				const [a1, a2, b1] = await Promise.all([first, second, other].map((id) => repo.getAttempt(id)));
				expect([a1?.attemptNumber, a2?.attemptNumber, b1?.attemptNumber]).toEqual([1, 2, 1]);
				expect(a1?.studentId).toBe(a2?.studentId);
				expect(b1?.studentId).not.toBe(a1?.studentId);
				expect(await repo.getStudent(a1!.studentId)).toMatchObject({ displayName: 'Ana', hasCode: false });
				expect(await repo.isStudentDevice(a1!.studentId, sha256('laptop'))).toBe(true);
				// No code was ever shown: one of the student's devices gets one on its next start.
				const next = await begin(repo, { assignmentId: assignment.id, name: 'ana', device: 'phone', limit: 2 });
				expect(next).toMatchObject({ outcome: 'resumed', codeIssued: true, attempt: { id: second } });
				await repo.resetStudent(assignment.id, b1!.studentId);

				expect((await migrator.migrateTo('0002_answers_reveal_own_record')).error).toBeUndefined();
				const rows = await sql<{ id: string }>`select * from attempts order by started_at`.execute(opened.db);
				// The reset attempt goes with the reset; the others stay as they were.
				expect(rows.rows.map((r) => r.id)).toEqual([first, second]);
				expect(Object.keys(rows.rows[0]!).sort()).toEqual(
					[
						'assignment_id',
						'device_hash',
						'display_name',
						'id',
						'max_score',
						'score',
						'seed',
						'started_at',
						'submitted_at'
					].sort()
				);
				const tables = (await opened.db.introspection.getTables()).map((t) => t.name);
				expect(tables).not.toContain('students');
			} finally {
				await opened.close();
			}
		});
	});

	describe('practice attempts that remember a class lock', () => {
		const MIGRATION = '0006_practice_locked_and_expiry';

		it('adds the lock flag (off for practice begun before it), and takes it away again, keeping the attempts', async () => {
			await justBefore(MIGRATION, async (opened, migrator, before) => {
				const row = {
					id: 'p1',
					token_hash: 'h'.repeat(64),
					module_slug: 'm',
					secret: 's',
					started_at: '2025-01-01T00:00:00Z'
				};
				// eslint-disable-next-line @typescript-eslint/no-explicit-any
				await (opened.db as any).insertInto('practice_attempts').values(row).execute();

				expect((await migrator.migrateTo(MIGRATION)).error).toBeUndefined();
				const repo = createRepository(opened.db);
				expect(await repo.getPracticeAttemptByToken(row.token_hash)).toMatchObject({ id: 'p1', locked: false });
				const locked = await repo.startPracticeAttempt({
					tokenHash: 'k'.repeat(64),
					moduleSlug: 'm',
					secret: 's',
					locked: true
				});
				expect(locked.locked).toBe(true);
				expect((await repo.getPracticeAttemptByToken('k'.repeat(64)))?.locked).toBe(true);

				expect((await migrator.migrateTo(before)).error).toBeUndefined();
				const columns = (await opened.db.introspection.getTables())
					.find((t) => t.name === 'practice_attempts')!
					.columns.map((c) => c.name);
				expect(columns).not.toContain('locked');
				const still = await opened.db.selectFrom('practice_attempts').select('id').execute();
				expect(still).toHaveLength(2);
			});
		});
	});

	describe("the teacher's marks and answers accepted for everyone", () => {
		const MIGRATION = '0005_grade_overrides_accepted_answers';

		it('adds the tables of marks and accepted answers, and takes them away again, keeping the answers', async () => {
			await justBefore(MIGRATION, async (opened, migrator, before) => {
				const tablesOf = async () => (await opened.db.introspection.getTables()).map((t) => t.name);
				expect(await tablesOf()).not.toContain('grade_overrides');
				expect(await tablesOf()).not.toContain('accepted_answers');
				const older = createRepository(opened.db);
				const assignment = await older.createAssignment(newAssignment());
				const { attempt } = await started(older, { assignmentId: assignment.id, name: 'Ana', seed: 's' });
				const stored = await older.recordAnswer(newAnswer(attempt.id, 'q1', 1, { final: true, points: 0 }));

				expect((await migrator.migrateTo(MIGRATION)).error).toBeUndefined();
				expect(await tablesOf()).toEqual(expect.arrayContaining(['grade_overrides', 'accepted_answers']));
				const repo = createRepository(opened.db);
				await repo.recordOverride({
					assignmentId: assignment.id,
					answerId: stored.answer.id,
					mark: { verdict: 'correct', points: 1 }
				});
				await repo.acceptAnswers(assignment.id, 'q1', [{ part: '', key: 'o2', shown: 'B' }]);
				expect(await repo.listOverrides(assignment.id)).toHaveLength(1);

				expect((await migrator.migrateTo(before)).error).toBeUndefined();
				expect(await tablesOf()).not.toContain('grade_overrides');
				expect(await tablesOf()).not.toContain('accepted_answers');
				expect(await older.listAnswers(attempt.id)).toEqual([stored.answer]);
			});
		});

		it("keeps every step of a teacher's marking, in order, the machine's grade untouched", async () => {
			const { assignment, attempt } = await startedAttempt();
			const stored = await repo.recordAnswer(newAnswer(attempt.id, 'q1', 1, { final: true, points: 0 }));
			const at = '2025-03-02T10:00:00.000Z';
			const mark = (m: { verdict: 'correct' | 'partial'; points: number } | null) =>
				repo.recordOverride({ assignmentId: assignment.id, answerId: stored.answer.id, mark: m, createdAt: at });
			await mark({ verdict: 'correct', points: 1 });
			await mark({ verdict: 'partial', points: 0.5 });
			await mark(null);
			const steps = await repo.listOverrides(assignment.id);
			// Posted at the same moment, the steps still get distinct times in the order given.
			expect(new Set(steps.map((x) => x.createdAt)).size).toBe(3);
			expect(steps.map((x) => x.mark)).toEqual([
				{ verdict: 'correct', points: 1 },
				{ verdict: 'partial', points: 0.5 },
				null
			]);
			expect(steps.every((x) => x.attemptId === attempt.id && x.questionId === 'q1')).toBe(true);
			expect(await repo.listAnswers(attempt.id)).toEqual([stored.answer]);
		});

		it("refuses to mark an answer of another class, and forgets marks with the class's data", async () => {
			const { assignment, attempt } = await startedAttempt();
			const other = await startedAttempt('Other');
			const stored = await repo.recordAnswer(newAnswer(attempt.id, 'q1', 1, { final: true, points: 0 }));
			await expect(
				repo.recordOverride({ assignmentId: other.assignment.id, answerId: stored.answer.id, mark: null })
			).rejects.toMatchObject({ code: 'not-found' });
			await repo.recordOverride({
				assignmentId: assignment.id,
				answerId: stored.answer.id,
				mark: { verdict: 'correct', points: 1 }
			});
			await repo.deleteAssignmentData(assignment.id);
			expect(await repo.listOverrides(assignment.id)).toEqual([]);
		});

		it('accepts an answer once per question, and can stop accepting it', async () => {
			const { assignment } = await startedAttempt();
			const added = await repo.acceptAnswers(assignment.id, 'q1', [
				{ part: '', key: 'us capital', shown: 'the US capital' },
				{ part: '', key: 'us capital', shown: 'US capital' }
			]);
			expect(added.map((a) => a.shown)).toEqual(['the US capital']);
			expect(await repo.acceptAnswers(assignment.id, 'q1', [{ part: '', key: 'us capital', shown: 'x' }])).toEqual([]);
			await repo.acceptAnswers(assignment.id, 'q2', [
				{ part: 'b2', key: 'money and fuel', shown: 'b2: money and fuel' }
			]);
			expect((await repo.listAcceptedAnswers(assignment.id)).map((a) => [a.questionId, a.part, a.key])).toEqual([
				['q1', '', 'us capital'],
				['q2', 'b2', 'money and fuel']
			]);
			expect(await repo.listAcceptedAnswers(assignment.id, 'q2')).toHaveLength(1);
			await expect(repo.acceptAnswers(randomUUID(), 'q1', [])).rejects.toMatchObject({ code: 'not-found' });
			expect(await repo.removeAcceptedAnswer(assignment.id, added[0]!.id)).toBe(true);
			expect(await repo.removeAcceptedAnswer(assignment.id, added[0]!.id)).toBe(false);
			expect(await repo.listAcceptedAnswers(assignment.id, 'q1')).toEqual([]);
		});
	});

	describe('assignments', () => {
		it('finds a created assignment by id, student code and results hash', async () => {
			const input = newAssignment();
			const created = await repo.createAssignment(input);
			expect(created).toMatchObject({
				moduleSlug: 'seoul-warns',
				title: 'Year 10 — close reading',
				settings,
				closedAt: null,
				releasedAt: null,
				resultsHash: input.resultsHash
			});
			expect(created.studentCode).toMatch(new RegExp(`^[${STUDENT_CODE_ALPHABET}]{8}$`));
			expect(await repo.getAssignment(created.id)).toEqual(created);
			expect(await repo.getAssignmentByCode(created.studentCode)).toEqual(created);
			expect(await repo.getAssignmentByResultsHash(input.resultsHash)).toEqual(created);
		});

		it.each([
			['an unknown code', (r: Repository) => r.getAssignmentByCode('ZZZZZZZZ')],
			['an unknown results hash', (r: Repository) => r.getAssignmentByResultsHash(sha256('nobody'))],
			['an unknown id', (r: Repository) => r.getAssignment(randomUUID())]
		])('finds nothing for %s', async (_, find) => {
			expect(await find(repo)).toBeUndefined();
		});

		it.each([
			['student code', (first: NewAssignment) => newAssignment({ studentCode: first.studentCode })],
			['results hash', (first: NewAssignment) => newAssignment({ resultsHash: first.resultsHash })],
			['id', (first: NewAssignment) => newAssignment({ id: first.id })]
		])('refuses a second assignment with the same %s', async (_, second) => {
			const first = newAssignment({ id: randomUUID(), studentCode: generateStudentCode() });
			await repo.createAssignment(first);
			await expect(repo.createAssignment(second(first))).rejects.toMatchObject({
				name: 'RepositoryError',
				code: 'conflict'
			});
		});

		it('stores names and titles the visible-text check accepts unchanged; NUL, lone surrogates and invisible text are refused before storage', async () => {
			const form = (title: string) => {
				const f = new FormData();
				for (const [k, v] of Object.entries({
					module: 'm',
					title,
					feedback: 'immediate',
					attemptsAllowed: '1',
					triesPerQuestion: '3'
				}))
					f.set(k, v);
				return parseCreateForm(f, new Date(), () => true);
			};
			for (const text of ['محمد علي', '김민준 🎉', 'Zoë O’Brien', 'e\u0301te']) {
				const parsed = form(text);
				expect(parsed.ok).toBe(true);
				if (!parsed.ok) continue;
				const created = await repo.createAssignment(newAssignment({ title: parsed.value.title }));
				expect((await repo.getAssignment(created.id))?.title).toBe(text.normalize('NFC'));
				const { attempt } = await started(repo, {
					assignmentId: created.id,
					name: displayName.parse(text),
					device: randomUUID()
				});
				expect((await repo.getAttempt(attempt.id))?.displayName).toBe(text.normalize('NFC'));
			}
			for (const bad of ['a\u0000b', 'a\ud800b', '\u200b\u200b', 'x\u202ey']) {
				expect(form(bad).ok).toBe(false);
				expect(displayName.safeParse(bad).success).toBe(false);
			}
		});

		it('closes, releases and reopens', async () => {
			const { id } = await repo.createAssignment(newAssignment());
			const closed = await repo.updateAssignment(id, {
				closedAt: '2025-03-02T10:00:00.000Z',
				releasedAt: '2025-03-02T10:05:00.000Z'
			});
			expect(closed).toMatchObject({ closedAt: '2025-03-02T10:00:00.000Z', releasedAt: '2025-03-02T10:05:00.000Z' });
			const reopened = await repo.updateAssignment(id, { closedAt: null });
			expect(reopened).toMatchObject({ closedAt: null, releasedAt: '2025-03-02T10:05:00.000Z' });
			expect(await repo.getAssignment(id)).toEqual(reopened);
			expect(await repo.updateAssignment(randomUUID(), { closedAt: '2025-03-02T10:00:00.000Z' })).toBeUndefined();
		});
	});

	describe('attempts', () => {
		it('starts an attempt once however often the start is posted', async () => {
			const assignment = await repo.createAssignment(newAssignment());
			const input = { id: randomUUID(), assignmentId: assignment.id, name: 'Ana', device: 'device-a', seed: 's1' };
			const first = await begin(repo, input);
			const again = await begin(repo, input);
			expect(first).toMatchObject({ outcome: 'started', codeIssued: true });
			if (first.outcome !== 'started') return;
			expect(first.attempt).toMatchObject({ id: input.id, attemptNumber: 1, displayName: 'Ana', archivedAt: null });
			expect(again).toMatchObject({ outcome: 'resumed', attempt: first.attempt, codeIssued: false });
			expect(await repo.getAttempt(input.id)).toEqual(first.attempt);
			expect(await repo.findLatestAttemptByDevice(assignment.id, sha256('device-a'))).toEqual(first.attempt);
			expect(await repo.findLatestAttemptByDevice(assignment.id, sha256('device-b'))).toBeUndefined();
		});

		it('refuses an attempt for an unknown assignment, and never hands over an attempt id of another class', async () => {
			const { attempt } = await startedAttempt();
			const other = await repo.createAssignment(newAssignment());
			await expect(begin(repo, { assignmentId: randomUUID(), name: 'Ana' })).rejects.toMatchObject({
				code: 'not-found'
			});
			await expect(begin(repo, { id: attempt.id, assignmentId: other.id, name: 'Ana' })).rejects.toMatchObject({
				code: 'conflict'
			});
		});

		it('submits once and keeps the first score', async () => {
			const { attempt } = await startedAttempt();
			const first = await repo.submitAttempt(attempt.id, {
				score: 7.5,
				maxScore: 10,
				submittedAt: '2025-03-01T10:00:00.000Z'
			});
			expect(first).toEqual({
				submitted: true,
				attempt: { ...attempt, submittedAt: '2025-03-01T10:00:00.000Z', score: 7.5, maxScore: 10 }
			});
			const again = await repo.submitAttempt(attempt.id, { score: 10, maxScore: 10 });
			expect(again).toEqual({ submitted: false, attempt: first.attempt });
			await expect(repo.submitAttempt(randomUUID(), { score: 1, maxScore: 1 })).rejects.toBeInstanceOf(RepositoryError);
		});

		it('lists the class with answer counts, finished questions and points', async () => {
			const assignment = await repo.createAssignment(newAssignment());
			const start = (name: string, startedAt: string) =>
				started(repo, { assignmentId: assignment.id, name, seed: name, startedAt });
			// Started in the opposite order to creation: the list follows the start time.
			const b = (await start('Bo', '2025-03-01T09:02:00.000Z')).attempt;
			const a = (await start('Ana', '2025-03-01T09:01:00.000Z')).attempt;
			await repo.recordAnswer(newAnswer(a.id, 'q1', 1, { createdAt: '2025-03-01T09:10:00.000Z' }));
			await repo.recordAnswer(
				newAnswer(a.id, 'q1', 2, {
					verdict: 'correct',
					credit: 1,
					points: 1.5,
					final: true,
					createdAt: '2025-03-01T09:11:00.000Z'
				})
			);
			await repo.recordAnswer(
				newAnswer(a.id, 'q2', 1, {
					verdict: 'partial',
					credit: 0.5,
					points: 1,
					final: true,
					createdAt: '2025-03-01T09:12:00.000Z'
				})
			);

			const list = await repo.listAttempts(assignment.id);
			const unflagged = { lateCount: 0, extraAttempts: 0, flaggedStarts: 0, lastFlaggedAt: null };
			expect(list).toEqual([
				{
					...a,
					answerCount: 3,
					finishedCount: 2,
					points: 2.5,
					lastAnswerAt: '2025-03-01T09:12:00.000Z',
					...unflagged
				},
				{ ...b, answerCount: 0, finishedCount: 0, points: 0, lastAnswerAt: null, ...unflagged }
			]);
		});
	});

	describe('answers', () => {
		it('stores every field as given, Hangul and reveals included', async () => {
			const { attempt } = await startedAttempt();
			const given = newAnswer(attempt.id, 'q3', 1, {
				response: { type: 'short-answer', text: '북한 병사들 — “soldiers”' },
				verdict: 'partial',
				credit: 0.5,
				hintsUsed: 2
			});
			const reveal = newAnswer(attempt.id, 'q3', 2, {
				response: null,
				revealed: true,
				final: true,
				points: 0,
				createdAt: '2025-03-01T11:00:00.000Z'
			});
			const first = await repo.recordAnswer(given);
			const second = await repo.recordAnswer(reveal);
			expect(first).toEqual({
				stored: true,
				answer: { ...given, createdAt: expect.stringMatching(/^2025-03-01T09:\d\d:\d\d\.000Z$/) }
			});
			expect(second).toEqual({ stored: true, answer: reveal });
			expect(await repo.listAnswers(attempt.id)).toEqual([first.answer, second.answer]);
		});

		it('applies the same answer id at most once', async () => {
			const { attempt } = await startedAttempt();
			const answer = newAnswer(attempt.id, 'q1', 1);
			const first = await repo.recordAnswer(answer);
			const replay = await repo.recordAnswer({ ...answer, verdict: 'correct', credit: 1 });
			expect(replay).toEqual({ stored: false, reason: 'same-id', answer: first.answer });
			expect(await repo.listAnswers(attempt.id)).toEqual([first.answer]);
		});

		it('applies a try at most once even under a new id', async () => {
			const { attempt } = await startedAttempt();
			const first = await repo.recordAnswer(newAnswer(attempt.id, 'q1', 1));
			const resent = await repo.recordAnswer(newAnswer(attempt.id, 'q1', 1, { verdict: 'correct', credit: 1 }));
			expect(resent).toEqual({ stored: false, reason: 'same-try', answer: first.answer });
			expect(await repo.listAnswers(attempt.id)).toHaveLength(1);
		});

		it('stores a reveal beside the try it follows, and that reveal at most once', async () => {
			const { attempt } = await startedAttempt();
			const tried = await repo.recordAnswer(newAnswer(attempt.id, 'q1', 1));
			const reveal = newAnswer(attempt.id, 'q1', 1, { revealed: true, final: true, points: 0 });
			const shown = await repo.recordAnswer(reveal);
			expect(shown).toEqual({
				stored: true,
				answer: expect.objectContaining({ ...reveal, createdAt: expect.any(String) })
			});
			const again = await repo.recordAnswer({ ...reveal, id: randomUUID() });
			expect(again).toEqual({ stored: false, reason: 'same-try', answer: shown.answer });
			const retried = await repo.recordAnswer(newAnswer(attempt.id, 'q1', 1, { verdict: 'correct', credit: 1 }));
			expect(retried).toEqual({ stored: false, reason: 'same-try', answer: tried.answer });
			expect(await repo.listAnswers(attempt.id)).toEqual([tried.answer, shown.answer]);
			const [summary] = await repo.listAttempts(attempt.assignmentId);
			expect(summary).toMatchObject({ answerCount: 2, finishedCount: 1, points: 0 });
		});

		it('keeps tries that arrive out of order, and only one final answer per question', async () => {
			const { attempt } = await startedAttempt();
			const second = await repo.recordAnswer(
				newAnswer(attempt.id, 'q1', 2, {
					verdict: 'correct',
					credit: 1,
					points: 0.8,
					final: true,
					createdAt: '2025-03-01T09:30:00.000Z'
				})
			);
			const first = await repo.recordAnswer(newAnswer(attempt.id, 'q1', 1, { createdAt: '2025-03-01T09:20:00.000Z' }));
			const lateFinal = await repo.recordAnswer(
				newAnswer(attempt.id, 'q1', 3, { verdict: 'incorrect', points: 0, final: true })
			);
			expect([second.stored, first.stored]).toEqual([true, true]);
			expect(lateFinal).toEqual({ stored: false, reason: 'already-final', answer: second.answer });
			expect((await repo.listAnswers(attempt.id)).map((a) => a.tryNumber)).toEqual([1, 2]);
		});

		it("refuses an answer id that belongs to another attempt, without showing that attempt's answer", async () => {
			const mine = await startedAttempt('Ana');
			const theirs = await startedAttempt('Bo');
			const stored = await repo.recordAnswer(newAnswer(theirs.attempt.id, 'q1', 1));
			await expect(
				repo.recordAnswer(newAnswer(mine.attempt.id, 'q1', 1, { id: stored.answer.id }))
			).rejects.toMatchObject({ code: 'conflict' });
			expect(await repo.listAnswers(mine.attempt.id)).toEqual([]);
		});

		it('refuses an answer to an unknown attempt, of either kind', async () => {
			await expect(repo.recordAnswer(newAnswer(randomUUID(), 'q1', 1))).rejects.toMatchObject({
				name: 'RepositoryError',
				code: 'not-found'
			});
			await expect(repo.recordAnswer(newAnswer(randomUUID(), 'q1', 1), 'practice')).rejects.toMatchObject({
				name: 'RepositoryError',
				code: 'not-found'
			});
		});

		it('stores every one of many concurrent answers, and each duplicate once', async () => {
			const assignment = await repo.createAssignment(newAssignment());
			const attempts = await Promise.all(
				Array.from({ length: 10 }, (_, i) =>
					started(repo, { assignmentId: assignment.id, name: `Student ${i}`, seed: `${i}` })
				)
			);
			const answers = attempts.flatMap(({ attempt }) =>
				Array.from({ length: 20 }, (_, q) =>
					newAnswer(attempt.id, `q${q}`, 1, { final: true, points: 1, verdict: 'correct', credit: 1 })
				)
			);
			// Every answer posted twice at the same moment: once as sent, once as a retry.
			const results = await Promise.all([...answers, ...answers].map((answer) => repo.recordAnswer(answer)));
			expect(results.filter((r) => r.stored)).toHaveLength(200);
			expect(results.filter((r) => !r.stored)).toHaveLength(200);
			const stored = await repo.listAnswersForAssignment(assignment.id);
			expect(new Set(stored.map((a) => a.id))).toEqual(new Set(answers.map((a) => a.id)));
			expect((await repo.listAttempts(assignment.id)).map((a) => a.points)).toEqual(Array(10).fill(20));
		});
	});

	describe('hints and the log of one question', () => {
		it('stores hints in order, each number once, and says how many are served', async () => {
			const { attempt } = await startedAttempt();
			const hint = (hintNumber: number) => repo.recordHint({ attemptId: attempt.id, questionId: 'q1', hintNumber });
			// Hint 2 before hint 1 is not stored: nothing was served yet.
			expect(await hint(2)).toBe(0);
			expect(await hint(1)).toBe(1);
			expect(await hint(1)).toBe(1);
			// Asked for again while more are served: the count, unchanged.
			expect(await hint(2)).toBe(2);
			expect(await hint(1)).toBe(2);
			expect(await hint(4)).toBe(2);
			expect(await repo.hintCounts(attempt.id)).toEqual({ q1: 2 });
		});

		it('stores one hint when the same number is asked for many times at once', async () => {
			const { attempt } = await startedAttempt();
			const served = await Promise.all(
				Array.from({ length: 12 }, () => repo.recordHint({ attemptId: attempt.id, questionId: 'q2', hintNumber: 1 }))
			);
			expect(served).toEqual(Array(12).fill(1));
			// Hints 3 and 2 at once: 2 is stored, and 3 only if 2 was in before it; never 3 without 2.
			const [, two] = await Promise.all(
				[3, 2].map((n) => repo.recordHint({ attemptId: attempt.id, questionId: 'q2', hintNumber: n }))
			);
			expect(two).toBe(2);
			const numbers = await handle.db
				.selectFrom('hints')
				.select('hint_number')
				.where('attempt_id', '=', attempt.id)
				.orderBy('hint_number')
				.execute();
			const stored = numbers.map((r) => r.hint_number);
			expect([
				[1, 2],
				[1, 2, 3]
			]).toContainEqual(stored);
			expect(await repo.questionLog('assignment', attempt.id, 'q2')).toEqual({ answers: [], hintsUsed: stored.length });
		});

		it("gives one question's tries in order with its hint count, for either kind of attempt", async () => {
			const { attempt } = await startedAttempt();
			expect(await repo.questionLog('assignment', attempt.id, 'q1')).toEqual({ answers: [], hintsUsed: 0 });
			const second = await repo.recordAnswer(newAnswer(attempt.id, 'q1', 2));
			const first = await repo.recordAnswer(newAnswer(attempt.id, 'q1', 1));
			const reveal = await repo.recordAnswer(
				newAnswer(attempt.id, 'q1', 1, { revealed: true, final: true, points: 0 })
			);
			await repo.recordAnswer(newAnswer(attempt.id, 'q9', 1));
			await repo.recordHint({ attemptId: attempt.id, questionId: 'q1', hintNumber: 1 });
			await repo.recordHint({ attemptId: attempt.id, questionId: 'q9', hintNumber: 1 });
			await repo.recordHint({ attemptId: attempt.id, questionId: 'q9', hintNumber: 2 });
			expect(await repo.questionLog('assignment', attempt.id, 'q1')).toEqual({
				answers: [first.answer, reveal.answer, second.answer],
				hintsUsed: 1
			});
			// Hints served before any try are counted too.
			await repo.recordHint({ attemptId: attempt.id, questionId: 'q5', hintNumber: 1 });
			expect(await repo.questionLog('assignment', attempt.id, 'q5')).toEqual({ answers: [], hintsUsed: 1 });

			const practice = await repo.startPracticeAttempt({
				tokenHash: sha256(randomUUID()),
				moduleSlug: 'm',
				secret: 's'
			});
			const tried = await repo.recordAnswer(newAnswer(practice.id, 'q1', 1), 'practice');
			await repo.recordHint({ attemptId: practice.id, questionId: 'q1', hintNumber: 1 });
			expect(await repo.questionLog('practice', practice.id, 'q1')).toEqual({ answers: [tried.answer], hintsUsed: 1 });
			// An assignment's tries are not a practice attempt's, nor the other way round.
			expect((await repo.questionLog('practice', attempt.id, 'q1')).answers).toEqual([]);
			expect((await repo.questionLog('assignment', practice.id, 'q1')).answers).toEqual([]);
		});
	});

	describe('students', () => {
		it('a known name acts from its own devices or with its code; any other start is flagged and refused', async () => {
			const assignment = await repo.createAssignment(newAssignment());
			const first = await started(repo, { assignmentId: assignment.id, name: 'Ana', device: 'phone' });
			const student = first.student;
			expect(student).toMatchObject({ displayName: 'Ana', hasCode: true, flaggedStarts: 0 });

			const stranger = await begin(repo, { assignmentId: assignment.id, name: 'Ana', device: 'laptop' });
			expect(stranger).toMatchObject({ outcome: 'code-required', student: { id: student.id, flaggedStarts: 1 } });
			const wrong = await begin(repo, { assignmentId: assignment.id, name: 'Ana', device: 'laptop', code: 'nope' });
			expect(wrong).toMatchObject({ outcome: 'code-required', student: { flaggedStarts: 2 } });
			expect(await repo.isStudentDevice(student.id, sha256('laptop'))).toBe(false);

			const withCode = await begin(repo, {
				assignmentId: assignment.id,
				name: 'Ana',
				device: 'laptop',
				code: 'CODE-Ana'
			});
			expect(withCode).toMatchObject({ outcome: 'resumed', attempt: first.attempt, codeIssued: false });
			expect(await repo.isStudentDevice(student.id, sha256('laptop'))).toBe(true);
			// The laptop now continues without the code.
			expect(await begin(repo, { assignmentId: assignment.id, name: 'Ana', device: 'laptop' })).toMatchObject({
				outcome: 'resumed'
			});
			const [row] = await repo.listAttempts(assignment.id);
			expect(row).toMatchObject({ flaggedStarts: 2, lastFlaggedAt: expect.any(String), extraAttempts: 0 });
		});

		it('after the limit a student gets their last attempt back; one more attempt lets them start another', async () => {
			const assignment = await repo.createAssignment(newAssignment());
			const one = await started(repo, { assignmentId: assignment.id, name: 'Bo' });
			await repo.submitAttempt(one.attempt.id, { score: 1, maxScore: 2 });
			const again = await begin(repo, { assignmentId: assignment.id, name: 'Bo' });
			expect(again).toMatchObject({ outcome: 'limit-reached', attempt: { id: one.attempt.id } });

			expect(await repo.allowExtraAttempt(assignment.id, one.student.id)).toMatchObject({ extraAttempts: 1 });
			expect(await repo.allowExtraAttempt(randomUUID(), one.student.id)).toBeUndefined();
			const two = await begin(repo, { assignmentId: assignment.id, name: 'Bo' });
			expect(two).toMatchObject({ outcome: 'started', attempt: { attemptNumber: 2 } });
		});

		it('a reset archives the attempts and frees the name for a fresh start with a new code from any device', async () => {
			const assignment = await repo.createAssignment(newAssignment());
			const one = await started(repo, { assignmentId: assignment.id, name: 'Cy', device: 'old' });
			await repo.recordAnswer(newAnswer(one.attempt.id, 'q1', 1));
			await begin(repo, { assignmentId: assignment.id, name: 'Cy', device: 'new' });

			expect(await repo.resetStudent(assignment.id, one.student.id)).toEqual({ archived: 1 });
			expect(await repo.resetStudent(randomUUID(), one.student.id)).toBeUndefined();
			expect(await repo.listAttempts(assignment.id)).toEqual([]);
			expect(await repo.listAnswersForAssignment(assignment.id)).toEqual([]);
			expect(await repo.getAttempt(one.attempt.id)).toMatchObject({ archivedAt: expect.any(String) });
			expect(await repo.findLatestAttemptByDevice(assignment.id, sha256('old'))).toBeUndefined();

			const fresh = await begin(repo, { assignmentId: assignment.id, name: 'Cy', device: 'new' });
			expect(fresh).toMatchObject({
				outcome: 'started',
				codeIssued: true,
				attempt: { attemptNumber: 1 },
				student: { id: one.student.id, flaggedStarts: 0 }
			});
		});

		it('a closed assignment resumes an attempt in progress but starts none', async () => {
			const assignment = await repo.createAssignment(newAssignment());
			const one = await started(repo, { assignmentId: assignment.id, name: 'Di' });
			expect(await begin(repo, { assignmentId: assignment.id, name: 'Di', open: false })).toMatchObject({
				outcome: 'resumed',
				attempt: { id: one.attempt.id }
			});
			expect(await begin(repo, { assignmentId: assignment.id, name: 'Eve', open: false })).toEqual({
				outcome: 'closed'
			});
		});

		it('20 simultaneous starts under one name from 20 devices make one attempt and flag the other 19', async () => {
			const assignment = await repo.createAssignment(newAssignment());
			const results = await Promise.all(
				Array.from({ length: 20 }, (_, i) => begin(repo, { assignmentId: assignment.id, name: 'Fay', device: `d${i}` }))
			);
			expect(results.filter((r) => r.outcome === 'started')).toHaveLength(1);
			expect(results.filter((r) => r.outcome === 'code-required')).toHaveLength(19);
			const list = await repo.listAttempts(assignment.id);
			expect(list).toHaveLength(1);
			expect(list[0]!.flaggedStarts).toBe(19);
		});

		it('20 simultaneous starts from one device make one attempt that all of them resume', async () => {
			const assignment = await repo.createAssignment(newAssignment({ settings: { ...settings, attemptsAllowed: 3 } }));
			const results = await Promise.all(
				Array.from({ length: 20 }, () => begin(repo, { assignmentId: assignment.id, name: 'Gus', limit: 3 }))
			);
			const ids = new Set(results.map((r) => ('attempt' in r ? r.attempt.id : r.outcome)));
			expect(ids.size).toBe(1);
			expect(await repo.listAttempts(assignment.id)).toHaveLength(1);
		});

		it('20 simultaneous starts after each submitted attempt give exactly the limit of 3', async () => {
			const assignment = await repo.createAssignment(newAssignment({ settings: { ...settings, attemptsAllowed: 3 } }));
			const first = await started(repo, { assignmentId: assignment.id, name: 'Hal', device: 'd0', limit: 3 });
			for (let round = 0; round < 4; round++) {
				for (const a of await repo.listStudentAttempts(first.student.id))
					await repo.submitAttempt(a.id, { score: 0, maxScore: 1 });
				// The same name from 20 devices that all have the code, and a new attempt id each.
				await Promise.all(
					Array.from({ length: 20 }, (_, i) =>
						begin(repo, { assignmentId: assignment.id, name: 'Hal', device: `d${i}`, code: 'CODE-Hal', limit: 3 })
					)
				);
			}
			const attempts = await repo.listStudentAttempts(first.student.id);
			expect(attempts.map((a) => a.attemptNumber)).toEqual([1, 2, 3]);
		});
	});

	describe('deleting', () => {
		it("deletes an assignment's attempts and answers, and leaves other classes alone", async () => {
			const { assignment, attempt } = await startedAttempt();
			const other = await startedAttempt('Other class');
			await repo.recordAnswer(newAnswer(attempt.id, 'q1', 1));
			await repo.recordAnswer(newAnswer(attempt.id, 'q2', 1));
			const kept = await repo.recordAnswer(newAnswer(other.attempt.id, 'q1', 1));

			expect(await repo.deleteAssignmentData(assignment.id)).toEqual({ attempts: 1, answers: 2 });
			expect(await repo.listAttempts(assignment.id)).toEqual([]);
			expect(await repo.listAnswers(attempt.id)).toEqual([]);
			expect(await repo.getAttempt(attempt.id)).toBeUndefined();
			expect(await repo.getAssignment(assignment.id)).toEqual(assignment);
			expect(await repo.listAnswersForAssignment(other.assignment.id)).toEqual([kept.answer]);
			// The name is free again: it starts afresh with a new code, from another device too.
			expect(await begin(repo, { assignmentId: assignment.id, name: 'Min-jun 김', device: 'another' })).toMatchObject({
				outcome: 'started',
				codeIssued: true
			});
		});

		it("removes one student's attempt and answers, and nothing of anyone else's", async () => {
			const { assignment, attempt } = await startedAttempt('Fake 1');
			const { attempt: other } = await started(repo, { assignmentId: assignment.id, name: 'Real' });
			await repo.recordAnswer(newAnswer(attempt.id, 'q1', 1));
			await repo.recordAnswer(newAnswer(attempt.id, 'q2', 1));
			await repo.recordAnswer(newAnswer(other.id, 'q1', 1));
			const elsewhere = await startedAttempt('Elsewhere');
			// Not an attempt of this assignment: nothing happens.
			expect(await repo.deleteAttempt(assignment.id, elsewhere.attempt.id)).toBeUndefined();
			expect(await repo.deleteAttempt(assignment.id, attempt.id)).toEqual({ displayName: 'Fake 1', answers: 2 });
			expect(await repo.deleteAttempt(assignment.id, attempt.id)).toBeUndefined();
			expect((await repo.listAttempts(assignment.id)).map((a) => a.displayName)).toEqual(['Real']);
			expect(await repo.listAnswers(attempt.id)).toEqual([]);
			expect(await repo.listAnswers(other.id)).toHaveLength(1);
			expect(await repo.getAttempt(elsewhere.attempt.id)).toBeDefined();
		});

		it('deletes an assignment with everything in it, so its links find nothing', async () => {
			const { assignment, attempt } = await startedAttempt();
			await repo.recordAnswer(newAnswer(attempt.id, 'q1', 1));
			expect(await repo.deleteAssignment(assignment.id)).toBe(true);
			expect(await repo.getAssignmentByCode(assignment.studentCode)).toBeUndefined();
			expect(await repo.getAssignmentByResultsHash(assignment.resultsHash)).toBeUndefined();
			expect(await repo.getAttempt(attempt.id)).toBeUndefined();
			expect(await repo.listAnswers(attempt.id)).toEqual([]);
			expect(await repo.deleteAssignment(assignment.id)).toBe(false);
		});
	});
});

describe('SQLite specifics', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'closeread-sqlite-'));
	});
	afterEach(async () => {
		vi.unstubAllEnvs();
		await closeDb();
	});
	afterAll(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it('opens in WAL mode without a blocking busy wait, foreign keys and synchronous NORMAL, creating the folder', async () => {
		const handle = await openDatabase(join(dir, 'nested', 'folder', 'app.db'));
		try {
			const pragma = async (name: string) =>
				Object.values((await sql.raw(`pragma ${name}`).execute(handle.db)).rows[0] as object)[0];
			expect(handle.dialect).toBe('sqlite');
			expect(await pragma('journal_mode')).toBe('wal');
			// SQLite's own wait would sleep on the event loop; the repository waits instead (unavailable.ts).
			expect(await pragma('busy_timeout')).toBe(0);
			expect(await pragma('foreign_keys')).toBe(1);
			expect(await pragma('synchronous')).toBe(1);
		} finally {
			await handle.close();
		}
	});

	it('shares one database from DATABASE_PATH through getDb', async () => {
		vi.stubEnv('DATABASE_URL', '');
		vi.stubEnv('DATABASE_PATH', join(dir, 'shared', 'closeread.db'));
		const first = await getDb();
		expect(await getDb()).toBe(first);
		expect(first.location).toBe(resolve(dir, 'shared', 'closeread.db'));
		expect(existsSync(first.location)).toBe(true);
	});

	it('refuses a DATABASE_URL that is not PostgreSQL, saying what to set instead', async () => {
		vi.stubEnv('DATABASE_URL', 'mysql://localhost/closeread');
		await expect(openDatabase()).rejects.toThrow(/postgres:\/\/.*DATABASE_PATH/);
	});

	// Three processes write 150 answers each to one file at once. Every wait for the lock is given a
	// budget far beyond what the work needs on any machine, so the outcome does not depend on load;
	// the test's own budget covers starting two Node processes with tsx on a busy machine.
	it('never surfaces SQLITE_BUSY while other processes write to the same file', { timeout: 180_000 }, async () => {
		const file = join(dir, 'contended.db');
		const handle = await openDatabase(file);
		const budget = { DATABASE_BUSY_WAIT_MS: '120000' };
		const writers = ['p1', 'p2'].map((prefix) => ({ prefix, child: null as ReturnType<typeof runScript> | null }));
		try {
			const repo = createRepository(handle.db, { busyWaitMs: 120_000 });
			const assignment = await repo.createAssignment(newAssignment());
			const { attempt } = await started(repo, { assignmentId: assignment.id, name: 'Ana' });
			for (const w of writers) w.child = runScript('sqlite-writer.ts', [file, attempt.id, w.prefix, '150'], budget);
			// Both writers have opened the file before anyone writes, then all three start together.
			await Promise.all(writers.map((w) => w.child!.said('ready')));
			for (const w of writers) w.child!.tell();
			const mine = await Promise.all(
				Array.from({ length: 150 }, (_, i) => repo.recordAnswer(newAnswer(attempt.id, `local-${i}`, 1)))
			);
			for (const w of writers) {
				const { code, stdout } = await w.child!.finished();
				expect(code).toBe(0);
				expect(JSON.parse(stdout.trim().split('\n').pop() ?? '')).toEqual({ stored: 150, failed: [] });
			}
			expect(mine.every((r) => r.stored)).toBe(true);
			expect(await repo.listAnswers(attempt.id)).toHaveLength(450);
		} finally {
			for (const w of writers) if (w.child && w.child.process.exitCode === null) w.child.process.kill();
			await handle.close();
		}
	});
});
