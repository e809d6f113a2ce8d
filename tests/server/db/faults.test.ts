/**
 * Faults of the storage under a running server: another process holding SQLite's write lock, the
 * database file deleted or replaced, and a full disk. Writes then fail with DatabaseUnavailableError
 * (a 503 with Retry-After for the client), reads and the event loop keep going, nothing is
 * acknowledged that was not stored, and the log names the cause once.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, renameSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../../src/lib/server/db/index.ts';
import { createRepository, type NewAssignment } from '../../../src/lib/server/db/repository.ts';
import { DatabaseUnavailableError, writePolicy } from '../../../src/lib/server/db/unavailable.ts';
import { runScript } from './processes.ts';

const settings = {
	feedback: 'immediate' as const,
	attemptsAllowed: 1,
	triesPerQuestion: 3,
	hintsEnabled: true,
	dueAt: null,
	shuffle: false
};
const newAssignment = (over: Partial<NewAssignment> = {}): NewAssignment => ({
	resultsHash: randomUUID(),
	moduleSlug: 'm',
	title: 'Fault',
	settings,
	...over
});

let dir: string;
const open: DatabaseHandle[] = [];
beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'closeread-faults-'));
});
afterEach(async () => {
	vi.restoreAllMocks();
	for (const h of open.splice(0)) await h.close();
});
afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

async function openFile(name: string) {
	const file = join(dir, name);
	const handle = await openDatabase(file);
	open.push(handle);
	return { file, handle };
}

/** Whether a promise has settled, without waiting for it. */
function tracked<T>(promise: Promise<T>) {
	const state = { settled: false, promise };
	promise.then(
		() => (state.settled = true),
		() => (state.settled = true)
	);
	return state;
}

describe('another process holds the SQLite write lock (BEGIN IMMEDIATE)', () => {
	it(
		'reads answer while a write waits; past its budget the write is refused as busy',
		{ timeout: 60_000 },
		async () => {
			const { file, handle } = await openFile('locked.db');
			const repo = createRepository(handle.db, { busyWaitMs: 300 });
			const existing = await repo.createAssignment(newAssignment({ title: 'Before the lock' }));
			const holder = runScript('lock-holder.ts', [file]);
			try {
				await holder.said('locked');
				const write = tracked(repo.createAssignment(newAssignment()));
				// The event loop is free while the write waits: a read issued after it finishes first.
				expect((await repo.getAssignment(existing.id))?.title).toBe('Before the lock');
				expect(await repo.listAttempts(existing.id)).toEqual([]);
				expect(write.settled).toBe(false);
				const refused = await write.promise.then(
					() => null,
					(e: unknown) => e
				);
				expect(refused).toBeInstanceOf(DatabaseUnavailableError);
				expect((refused as DatabaseUnavailableError).reason).toBe('busy');
				expect((refused as DatabaseUnavailableError).retryAfterSeconds).toBeGreaterThan(0);
			} finally {
				holder.tell('release');
				await holder.finished();
			}
			// Once the lock is released, writes go through again.
			expect((await repo.createAssignment(newAssignment({ title: 'After' }))).title).toBe('After');
		}
	);

	it('a write that is still within its budget when the lock is released is stored', { timeout: 60_000 }, async () => {
		const { file, handle } = await openFile('released.db');
		const repo = createRepository(handle.db, { busyWaitMs: 60_000 });
		const holder = runScript('lock-holder.ts', [file]);
		await holder.said('locked');
		const write = tracked(repo.createAssignment(newAssignment({ title: 'Waited' })));
		expect(await repo.getAssignment(randomUUID())).toBeUndefined();
		expect(write.settled).toBe(false);
		holder.tell('release');
		await holder.finished();
		const stored = await write.promise;
		expect((await repo.getAssignment(stored.id))?.title).toBe('Waited');
	});
});

describe('the database file is deleted or replaced while running', () => {
	it('refuses every write after the file is deleted, and says so in the log once', async () => {
		const { file, handle } = await openFile('deleted.db');
		const repo = createRepository(handle.db, { checkFile: handle.checkFile });
		const assignment = await repo.createAssignment(newAssignment());
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
		for (let i = 0; i < 3; i++) {
			await expect(
				repo.startAttempt({
					id: randomUUID(),
					assignmentId: assignment.id,
					displayName: 'Lost',
					deviceHash: 'd',
					seed: 's'
				})
			).rejects.toMatchObject({ name: 'DatabaseUnavailableError', reason: 'gone' });
		}
		expect(logged).toHaveBeenCalledTimes(1);
		expect(String(logged.mock.calls[0]![0])).toMatch(/DATABASE FILE DELETED WHILE RUNNING: .*deleted\.db.*restart/);
	});

	it('refuses writes once another file is moved into its place', async () => {
		const { file, handle } = await openFile('replaced.db');
		const repo = createRepository(handle.db, { checkFile: handle.checkFile });
		await repo.createAssignment(newAssignment());
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		copyFileSync(file, join(dir, 'copy.db'));
		renameSync(join(dir, 'copy.db'), file);
		await expect(repo.createAssignment(newAssignment())).rejects.toMatchObject({ reason: 'gone' });
		expect(String(logged.mock.calls[0]![0])).toContain('DATABASE FILE REPLACED WHILE RUNNING');
	});
});

describe('a full disk', () => {
	it('is named once as a full disk (not "cannot rollback"), and writes work again once there is room', async () => {
		const { handle } = await openFile('full.db');
		const lines: string[] = [];
		vi.spyOn(console, 'error').mockImplementation((line: unknown) => void lines.push(String(line)));
		const repo = createRepository(handle.db);
		const pages = (await sql<{ page_count: number }>`pragma page_count`.execute(handle.db)).rows[0]!.page_count;
		// SQLite's own limit on the file's size stands in for the disk filling up.
		await sql.raw(`pragma max_page_count = ${pages}`).execute(handle.db);
		const big = (i: number) => newAssignment({ title: `${i} ${'x'.repeat(110)}`, moduleSlug: 'm'.repeat(3000) });
		const errors: unknown[] = [];
		for (let i = 0; i < 20; i++) await repo.createAssignment(big(i)).catch((e: unknown) => errors.push(e));
		expect(errors.length).toBeGreaterThan(10);
		for (const e of errors) expect(e).toMatchObject({ name: 'DatabaseUnavailableError', reason: 'full' });
		expect(lines.filter((l) => l.includes('disk is full'))).toHaveLength(1);
		expect(lines.join('\n')).not.toContain('cannot rollback');

		await sql.raw(`pragma max_page_count = ${pages * 100}`).execute(handle.db);
		const stored = await repo.createAssignment(big(99));
		expect((await repo.getAssignment(stored.id))?.moduleSlug).toHaveLength(3000);
		expect(lines.filter((l) => l.includes('Writes work again'))).toHaveLength(1);
	});

	it("PostgreSQL's disk_full is named and refused the same way", async () => {
		const lines: string[] = [];
		const write = writePolicy({ log: (l) => lines.push(l) });
		const full = Object.assign(new Error('could not extend file: No space left on device'), { code: '53100' });
		for (let i = 0; i < 3; i++) {
			await expect(write(() => Promise.reject(full))).rejects.toMatchObject({ reason: 'full' });
		}
		expect(await write(() => Promise.resolve('stored'))).toBe('stored');
		expect(lines).toEqual([
			'[db] The disk is full (53100): writes fail with 503 until space is freed. Nothing needs restarting.',
			'[db] Writes work again: there is space on the disk.'
		]);
	});
});
