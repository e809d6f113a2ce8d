/**
 * Storage faults against the built server, each on its own port and database file: another
 * process holding SQLite's write lock while requests run, and the database file deleted while the
 * server runs. Pages and reads keep answering; writes (answers included) get a clear 503 with Retry-After;
 * nothing is acknowledged that was not stored; and the server's log never shows a results secret.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { questionIds, type QuestionIds } from '../../src/lib/server/attempts/student-view.ts';
import { SLUG } from './helpers';
import { loadKey } from './module-key';
import { runScript } from '../server/db/processes';

const PORT = Number(process.env.FAULT_PORT ?? Number(process.env.E2E_PORT ?? 4173) + 200);
const BASE = `http://127.0.0.1:${PORT}`;
const BUILD = process.env.CLOSEREAD_BUILD ?? 'build';
const module = loadKey(SLUG);

interface Server {
	process: ChildProcess;
	log(): string;
	stop(): Promise<void>;
}

function startServer(dbPath: string, env: Record<string, string> = {}): Promise<Server> {
	const child = spawn(process.execPath, [BUILD], {
		env: { ...process.env, HOST: '127.0.0.1', PORT: String(PORT), ORIGIN: BASE, DATABASE_PATH: dbPath, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
	child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
	const stop = () =>
		new Promise<void>((done) => {
			if (child.exitCode !== null || child.signalCode !== null) return done();
			child.once('exit', () => done());
			child.kill('SIGTERM');
		});
	return new Promise((resolve, reject) => {
		child.stdout!.on('data', () => {
			if (log.includes('Listening')) resolve({ process: child, log: () => log, stop });
		});
		child.on('exit', (code) => reject(new Error(`server exited early (${code}): ${log}`)));
	});
}

const json = (body: unknown) => ({
	method: 'POST',
	headers: { 'content-type': 'application/json' },
	body: JSON.stringify(body)
});

async function createAssignment() {
	const res = await fetch(`${BASE}/teach`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE },
		body: new URLSearchParams({
			module: SLUG,
			title: 'Faults',
			feedback: 'immediate',
			attemptsAllowed: '3',
			triesPerQuestion: '3'
		})
	});
	const html = await res.text();
	return { code: /\/a\/([23456789A-Z]{8})/.exec(html)![1]!, secret: /\/r\/([A-Za-z0-9_-]{20,})/.exec(html)![1]! };
}

async function startAttempt(code: string, name: string) {
	const ids = { attemptId: crypto.randomUUID(), deviceToken: `fault-device-${crypto.randomUUID()}` };
	const res = await fetch(`${BASE}/api/a/${code}/attempt`, json({ action: 'start', ...ids, name }));
	expect(res.status).toBe(200);
	return ids;
}

/** The opaque question ids this server's pages show (an HMAC under the key kept in its database). */
function publicIds(dbPath: string): QuestionIds {
	const db = new Database(dbPath, { readonly: true, fileMustExist: true });
	try {
		const row = db.prepare("select value from server_keys where name = 'public-ids'").get() as { value: string };
		return questionIds(row.value, module);
	} finally {
		db.close();
	}
}

/** Questions any answer fits (the first option, "true", a word): each post is a first try. */
const simple = module.questions.filter((q) =>
	['single-choice', 'true-false-not-stated', 'short-answer'].includes(q.type)
);

function answer(ids: { attemptId: string; deviceToken: string }, pub: QuestionIds, i: number) {
	const q = simple[i % simple.length]!;
	return {
		action: 'answer',
		answerId: crypto.randomUUID(),
		...ids,
		questionId: pub.toPublic(q.id),
		response:
			q.type === 'single-choice'
				? { type: q.type, optionId: 'o1' }
				: q.type === 'true-false-not-stated'
					? { type: q.type, choice: 'true' }
					: { type: q.type, text: 'a word' }
	};
}

let dir: string;
test.beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'closeread-faults-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('another process holding the SQLite write lock: pages and reads answer, writes get 503 with Retry-After, then recover', async () => {
	test.setTimeout(120_000);
	const dbPath = join(dir, 'locked.db');
	const server = await startServer(dbPath, { DATABASE_BUSY_WAIT_MS: '1000' });
	let holder: ReturnType<typeof runScript> | null = null;
	try {
		const { code, secret } = await createAssignment();
		const ids = await startAttempt(code, 'Before');
		const pub = publicIds(dbPath);
		holder = runScript('lock-holder.ts', [dbPath]);
		await holder.said('locked');

		// A write is waiting for the lock; meanwhile everything that only reads answers.
		const waiting = fetch(`${BASE}/api/a/${code}/answers`, json(answer(ids, pub, 0)));
		for (const path of ['/', '/teach', `/m/${SLUG}`, `/a/${code}`, `/r/${secret}`, `/api/r/${secret}`]) {
			expect((await fetch(`${BASE}${path}`)).status, path).toBe(200);
		}
		const refused = await waiting;
		expect(refused.status).toBe(503);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await refused.json()).message).toMatch(/busy.*Nothing was saved/);
		const start = await fetch(
			`${BASE}/api/a/${code}/attempt`,
			json({
				action: 'start',
				attemptId: crypto.randomUUID(),
				deviceToken: `fault-device-${crypto.randomUUID()}`,
				name: 'During'
			})
		);
		expect(start.status).toBe(503);

		holder.tell('release');
		await holder.finished();
		const again = await fetch(`${BASE}/api/a/${code}/answers`, json(answer(ids, pub, 0)));
		expect(again.status).toBe(200);
		const results = await (await fetch(`${BASE}/api/r/${secret}`)).json();
		expect(results.results.rows).toHaveLength(1);
		expect(server.log()).not.toContain(secret);
	} finally {
		if (holder?.process.exitCode === null) holder.tell('release');
		await server.stop();
	}
});

test('the database file deleted while running: answers are refused with 503 (never acknowledged), loudly logged', async () => {
	test.setTimeout(120_000);
	const dbPath = join(dir, 'deleted.db');
	let server = await startServer(dbPath);
	try {
		const { code, secret } = await createAssignment();
		const ids = await startAttempt(code, 'Kept');
		const pub = publicIds(dbPath);
		const kept = await fetch(`${BASE}/api/a/${code}/answers`, json(answer(ids, pub, 0)));
		expect(kept.status).toBe(200);

		for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(f, { force: true });
		const statuses: number[] = [];
		for (let i = 1; i <= 10; i++) {
			const res = await fetch(`${BASE}/api/a/${code}/answers`, json(answer(ids, pub, i)));
			statuses.push(res.status);
			if (res.status === 503) expect(res.headers.get('retry-after')).toBeTruthy();
		}
		expect(statuses).toEqual(Array(10).fill(503));
		expect(
			(
				await fetch(
					`${BASE}/api/a/${code}/attempt`,
					json({
						action: 'start',
						attemptId: crypto.randomUUID(),
						deviceToken: `fault-device-${crypto.randomUUID()}`,
						name: 'Later'
					})
				)
			).status
		).toBe(503);
		const teach = await fetch(`${BASE}/teach`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE, 'x-sveltekit-action': 'true' },
			body: new URLSearchParams({
				module: SLUG,
				title: 'After',
				feedback: 'immediate',
				attemptsAllowed: '1',
				triesPerQuestion: '3'
			})
		});
		expect([503, 200]).toContain(teach.status);
		if (teach.status === 200) expect((await teach.json()).status).toBe(503);
		const log = server.log();
		expect(log.match(/DATABASE FILE DELETED WHILE RUNNING/g)).toHaveLength(1);
		expect(log).not.toContain(secret);
	} finally {
		await server.stop();
	}
	// After a restart nothing acknowledged is missing: nothing after the deletion was acknowledged.
	server = await startServer(dbPath);
	await server.stop();
});

test('one address creating assignments and students like a script is stopped with 429, Retry-After and words', async () => {
	test.setTimeout(120_000);
	const server = await startServer(join(dir, 'flood.db'));
	try {
		const statuses: number[] = [];
		let refusal = '';
		for (let i = 0; i < 61; i++) {
			const res = await fetch(`${BASE}/teach`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE, 'x-sveltekit-action': 'true' },
				body: new URLSearchParams({
					module: SLUG,
					title: `Flood ${i}`,
					feedback: 'immediate',
					attemptsAllowed: '1',
					triesPerQuestion: '3'
				})
			});
			const result = (await res.json()) as { type: string; status?: number; data?: string };
			statuses.push(result.type === 'failure' ? result.status! : 200);
			if (result.type === 'failure') refusal = result.data ?? '';
		}
		expect(statuses.slice(0, 60)).toEqual(Array(60).fill(200));
		expect(statuses[60]).toBe(429);
		expect(refusal).toContain('Try again in');

		const { code } = await createAssignment().catch(() => ({ code: '' }));
		expect(code).toBe('');
		// A fresh server process (the limits are per process) for the students part.
	} finally {
		await server.stop();
	}
	const again = await startServer(join(dir, 'flood2.db'));
	try {
		const { code } = await createAssignment();
		const started: number[] = [];
		let last: Response | null = null;
		for (let i = 0; i < 251; i++) {
			last = await fetch(
				`${BASE}/api/a/${code}/attempt`,
				json({
					action: 'start',
					attemptId: crypto.randomUUID(),
					deviceToken: `flood-device-${crypto.randomUUID()}`,
					name: `Fake ${i}`
				})
			);
			started.push(last.status);
		}
		expect(started.filter((s) => s === 200)).toHaveLength(250);
		expect(last!.status).toBe(429);
		expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await last!.json()).message).toMatch(
			/250 students have joined this assignment from this network.*Try again in/
		);
		// Another class from the same address is not affected.
		const other = await createAssignment();
		const res = await fetch(
			`${BASE}/api/a/${other.code}/attempt`,
			json({
				action: 'start',
				attemptId: crypto.randomUUID(),
				deviceToken: `flood-device-${crypto.randomUUID()}`,
				name: 'Real'
			})
		);
		expect(res.status).toBe(200);
	} finally {
		await again.stop();
	}
});
