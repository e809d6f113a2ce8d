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
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
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
// Brings in the ProvidedContext declarations for inject('pgUrl') and inject('pgError').
import type {} from '../pg-global-setup.ts';
import { runScript } from './processes.ts';
import { parseCreateForm } from '../../../src/lib/server/assignments/create.ts';
import { displayName } from '../../../src/lib/server/assignments/student.ts';

interface Target {
	name: 'sqlite' | 'postgres';
	/** A location (file path or URL) of a database that has never been opened. */
	fresh(): Promise<string>;
	cleanup(): Promise<void>;
}

function sqliteTarget(): Target {
	let dir: string | null = null;
	return {
		name: 'sqlite',
		async fresh() {
			dir ??= await mkdtemp(join(tmpdir(), 'closeread-sqlite-'));
			return join(dir, `${randomUUID()}.db`);
		},
		async cleanup() {
			if (dir) await rm(dir, { recursive: true, force: true });
		}
	};
}

function postgresTarget(): Target {
	const created: string[] = [];
	const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
		const error = inject('pgError');
		if (error) throw new Error(error);
		const client = new pg.Client({ connectionString: inject('pgUrl') });
		await client.connect();
		try {
			return await work(client);
		} finally {
			await client.end();
		}
	};
	return {
		name: 'postgres',
		async fresh() {
			// A name we make ourselves, from [a-z0-9_]: safe to place in DDL, which takes no parameters.
			const name = `cr_${randomUUID().replaceAll('-', '')}`;
			await admin((client) => client.query(`create database ${name}`));
			created.push(name);
			const url = new URL(inject('pgUrl'));
			url.pathname = `/${name}`;
			return url.toString();
		},
		async cleanup() {
			if (created.length === 0) return;
			await admin(async (client) => {
				for (const name of created.splice(0)) await client.query(`drop database if exists ${name} with (force)`);
			});
		}
	};
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

	afterAll(async () => {
		await handle?.close();
		await target.cleanup();
	});

	async function startedAttempt(name = 'Min-jun 김', assignmentOverrides: Partial<NewAssignment> = {}) {
		const assignment = await repo.createAssignment(newAssignment(assignmentOverrides));
		const { attempt } = await repo.startAttempt({
			id: randomUUID(),
			assignmentId: assignment.id,
			displayName: name,
			deviceHash: sha256(randomUUID()),
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
				const { attempt } = await older.startAttempt({
					id: randomUUID(),
					assignmentId: assignment.id,
					displayName: 'Ana',
					deviceHash: sha256('device'),
					seed: 's'
				});
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
				const { attempt } = await repo.startAttempt({
					id: randomUUID(),
					assignmentId: created.id,
					displayName: displayName.parse(text),
					deviceHash: sha256(randomUUID()),
					seed: 's'
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
			const input = {
				id: randomUUID(),
				assignmentId: assignment.id,
				displayName: '  Ana  ',
				deviceHash: sha256('device-a'),
				seed: 's1'
			};
			const first = await repo.startAttempt(input);
			const again = await repo.startAttempt({ ...input, displayName: 'Someone else' });
			expect(first.created).toBe(true);
			expect(again).toEqual({ created: false, attempt: first.attempt });
			expect(await repo.getAttempt(input.id)).toEqual(first.attempt);
			expect(await repo.findAttemptsByDevice(assignment.id, sha256('device-a'))).toEqual([first.attempt]);
			expect(await repo.findAttemptsByDevice(assignment.id, sha256('device-b'))).toEqual([]);
		});

		it('refuses an attempt for an unknown assignment, or an id taken by another assignment', async () => {
			const { attempt } = await startedAttempt();
			const other = await repo.createAssignment(newAssignment());
			const base = { displayName: 'Ana', deviceHash: sha256('d'), seed: 's' };
			await expect(repo.startAttempt({ ...base, id: randomUUID(), assignmentId: randomUUID() })).rejects.toMatchObject({
				code: 'not-found'
			});
			await expect(repo.startAttempt({ ...base, id: attempt.id, assignmentId: other.id })).rejects.toMatchObject({
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
				repo.startAttempt({
					id: randomUUID(),
					assignmentId: assignment.id,
					displayName: name,
					deviceHash: sha256(name),
					seed: name,
					startedAt
				});
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
			expect(list).toEqual([
				{ ...a, answerCount: 3, finishedCount: 2, points: 2.5, lastAnswerAt: '2025-03-01T09:12:00.000Z' },
				{ ...b, answerCount: 0, finishedCount: 0, points: 0, lastAnswerAt: null }
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

		it('refuses an answer to an unknown attempt', async () => {
			await expect(repo.recordAnswer(newAnswer(randomUUID(), 'q1', 1))).rejects.toMatchObject({
				name: 'RepositoryError',
				code: 'not-found'
			});
		});

		it('stores every one of many concurrent answers, and each duplicate once', async () => {
			const assignment = await repo.createAssignment(newAssignment());
			const attempts = await Promise.all(
				Array.from({ length: 10 }, (_, i) =>
					repo.startAttempt({
						id: randomUUID(),
						assignmentId: assignment.id,
						displayName: `Student ${i}`,
						deviceHash: sha256(`d${i}`),
						seed: `${i}`
					})
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
		});

		it("removes one student's attempt and answers, and nothing of anyone else's", async () => {
			const { assignment, attempt } = await startedAttempt('Fake 1');
			const { attempt: other } = await repo.startAttempt({
				id: randomUUID(),
				assignmentId: assignment.id,
				displayName: 'Real',
				deviceHash: sha256(randomUUID()),
				seed: 's'
			});
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
			const { attempt } = await repo.startAttempt({
				id: randomUUID(),
				assignmentId: assignment.id,
				displayName: 'Ana',
				deviceHash: sha256('a'),
				seed: 's'
			});
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
