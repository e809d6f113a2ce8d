/**
 * Reliability: the built server on its own port and database takes 200 answer posts at once and is
 * killed with SIGKILL part-way through. After a restart, every answer the server acknowledged (200)
 * is in the database, and posting it again returns 200 without storing a second copy.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { SLUG } from './helpers';
import { loadKey } from './module-key';
import { questionIds } from '../../src/lib/server/attempts/student-view.ts';

const PORT = Number(process.env.CRASH_PORT ?? 4392);
const BASE = `http://127.0.0.1:${PORT}`;
const BUILD = process.env.CLOSEREAD_BUILD ?? 'build';
const module = loadKey(SLUG);

function startServer(dbPath: string): Promise<ChildProcess> {
	const server = spawn(process.execPath, [BUILD], {
		env: { ...process.env, HOST: '127.0.0.1', PORT: String(PORT), ORIGIN: BASE, DATABASE_PATH: dbPath },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	return new Promise((resolve, reject) => {
		server.stdout!.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('Listening')) resolve(server);
		});
		server.on('exit', (code) => reject(new Error(`server exited early (${code})`)));
	});
}

function stopped(server: ChildProcess): Promise<void> {
	return new Promise((resolve) =>
		server.exitCode !== null || server.signalCode !== null ? resolve() : server.once('exit', () => resolve())
	);
}

const json = (body: unknown) => ({
	method: 'POST',
	headers: { 'content-type': 'application/json' },
	body: JSON.stringify(body)
});

test('every acknowledged answer survives kill -9 in the middle of 200 posts', async () => {
	test.setTimeout(90_000);
	const dir = mkdtempSync(join(tmpdir(), 'closeread-crash-'));
	const dbPath = join(dir, 'crash.db');
	let server = await startServer(dbPath);
	try {
		const form = new URLSearchParams({
			module: SLUG,
			title: 'Crash test',
			feedback: 'immediate',
			attemptsAllowed: '1',
			triesPerQuestion: '3',
			hints: 'on'
		});
		const created = await fetch(`${BASE}/teach`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE, 'x-sveltekit-action': 'true' },
			body: form
		});
		const code = /\/a\/([23456789A-Z]{8})/.exec(await created.text())?.[1];
		expect(code).toBeTruthy();

		// 200 distinct first answers: students × the questions whose answer needs no public label
		// beyond o1 (any answer will do; each is the student's first try at that question).
		const simple = module.questions.filter((q) =>
			['single-choice', 'multi-select', 'true-false-not-stated', 'short-answer'].includes(q.type)
		);
		const responseFor = (type: string) =>
			type === 'single-choice'
				? { type, optionId: 'o1' }
				: type === 'multi-select'
					? { type, optionIds: ['o1'] }
					: type === 'true-false-not-stated'
						? { type, choice: 'true' }
						: { type, text: 'x' };
		const students = await Promise.all(
			Array.from({ length: Math.ceil(200 / simple.length) }, async (_, i) => {
				const attemptId = crypto.randomUUID();
				const deviceToken = `crash-device-token-${i}-xxxxxxxx`;
				const res = await fetch(
					`${BASE}/api/a/${code}/attempt`,
					json({ action: 'start', attemptId, deviceToken, name: `S${i}` })
				);
				expect(res.status).toBe(200);
				return { attemptId, deviceToken };
			})
		);
		// Students name questions by the opaque ids their pages show (the HMAC under this server's key).
		const keyDb = new Database(dbPath, { readonly: true });
		const { value: key } = keyDb.prepare("select value from server_keys where name = 'public-ids'").get() as {
			value: string;
		};
		keyDb.close();
		const ids = questionIds(key, module);
		const bodies = students
			.flatMap((s) =>
				simple.map((q) => ({
					action: 'answer',
					answerId: crypto.randomUUID(),
					...s,
					questionId: ids.toPublic(q.id),
					response: responseFor(q.type)
				}))
			)
			.slice(0, 200);
		expect(bodies).toHaveLength(200);

		const acknowledged: string[] = [];
		let killed = false;
		await Promise.all(
			bodies.map(async (body) => {
				try {
					const res = await fetch(`${BASE}/api/a/${code}/answers`, json(body));
					if (res.status === 200) {
						await res.json();
						acknowledged.push(body.answerId);
						if (acknowledged.length >= 40 && !killed) {
							killed = true;
							server.kill('SIGKILL');
						}
					}
				} catch {
					// The connection died with the server: not acknowledged, so nothing is promised.
				}
			})
		);
		await stopped(server);
		expect(killed).toBe(true);
		expect(acknowledged.length).toBeGreaterThanOrEqual(40);

		server = await startServer(dbPath);
		const db = new Database(dbPath, { readonly: true });
		const stored = new Set(
			db
				.prepare('select id from answers')
				.all()
				.map((r) => (r as { id: string }).id)
		);
		db.close();
		const missing = acknowledged.filter((id) => !stored.has(id));
		expect(missing).toEqual([]);

		// A client resending an acknowledged answer after the restart gets 200 and no second copy.
		const again = bodies.find((b) => b.answerId === acknowledged[0])!;
		expect((await fetch(`${BASE}/api/a/${code}/answers`, json(again))).status).toBe(200);
		const db2 = new Database(dbPath, { readonly: true });
		const count = (
			db2
				.prepare('select count(*) as n from answers where attempt_id = ? and question_id = ?')
				.get(again.attemptId, simple.find((q) => ids.toPublic(q.id) === again.questionId)!.id) as { n: number }
		).n;
		db2.close();
		expect(count).toBe(1);
	} finally {
		server.kill('SIGTERM');
		await stopped(server);
		rmSync(dir, { recursive: true, force: true });
	}
});
