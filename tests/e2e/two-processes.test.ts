/**
 * Two server processes on one database, as behind a proxy: a class works through both, each
 * request going to either. Students start on one and answer on the other, a second device of a
 * student is asked for the resume code on the other process, the attempt limit holds when starts
 * race on both, the teacher's results are the same from either, and wrong results links are
 * counted across both. Runs on one SQLite file, and on one PostgreSQL database when the PostgreSQL
 * server binaries are installed (the project's scripts/pg-cluster.sh starts a private cluster).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import type { PublicModule } from '../../src/lib/content/public.ts';
import { SLUG } from './helpers.ts';
import { loadKey } from './module-key.ts';

const run = promisify(execFile);

/** A built server on a free port (PORT=0), its own address taken from each request (no ORIGIN). */
function startServer(env: Record<string, string>): Promise<{ server: ChildProcess; base: string }> {
	const full: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env };
	delete full.ORIGIN;
	const server = spawn(process.execPath, ['build/closeread.js'], { env: full, stdio: ['ignore', 'pipe', 'inherit'] });
	return new Promise((resolve, reject) => {
		server.stdout!.on('data', (chunk: Buffer) => {
			const port = /Listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(chunk.toString())?.[1];
			if (port) resolve({ server, base: `http://127.0.0.1:${port}` });
		});
		server.on('exit', (code) => reject(new Error(`server exited early (${code})`)));
	});
}

function stop(server: ChildProcess): Promise<void> {
	if (server.exitCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		server.once('exit', () => resolve());
		server.kill('SIGTERM');
	});
}

const post = (url: string, body: unknown) =>
	fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function createAssignment(base: string): Promise<{ code: string; secret: string }> {
	const res = await fetch(`${base}/teach`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, 'x-sveltekit-action': 'true' },
		body: new URLSearchParams({
			module: SLUG,
			title: 'Two servers',
			feedback: 'immediate',
			attemptsAllowed: '1',
			triesPerQuestion: '3',
			hints: 'on'
		})
	});
	const text = await res.text();
	const code = /\/a\/([23456789A-Z]{8})/.exec(text)?.[1];
	const secret = /\/r\/([A-Za-z0-9_-]{22,})/.exec(text)?.[1];
	if (!code || !secret) throw new Error(`could not create an assignment (${res.status})`);
	return { code, secret };
}

interface Started {
	attemptId: string;
	deviceToken: string;
	resumeCode: string | null;
	module: PublicModule;
}

async function start(base: string, code: string, name: string, extra: Record<string, string> = {}) {
	const attemptId = randomUUID();
	const deviceToken = `device-${randomUUID()}`;
	const res = await post(`${base}/api/a/${code}/attempt`, { action: 'start', attemptId, deviceToken, name, ...extra });
	return { res, attemptId, deviceToken };
}

/** The first single-choice question of the module as this student sees it, with its right and a wrong label. */
function choiceOf(view: PublicModule) {
	const key = loadKey(SLUG);
	const q = view.questions.find((p) => p.type === 'single-choice')!;
	if (q.type !== 'single-choice') throw new Error('no single-choice question');
	const author = key.questions.find((k) => k.type === 'single-choice' && k.prompt === q.prompt)!;
	if (author.type !== 'single-choice') throw new Error('no such question in the key');
	const rightText = author.options.find((o) => o.correct)!.text;
	return {
		questionId: q.id,
		right: q.options.find((o) => o.text === rightText)!.id,
		wrong: q.options.find((o) => o.text !== rightText)!.id
	};
}

/** A class through two processes on one database; `env` names the database. */
async function classThroughTwo(env: Record<string, string>) {
	const one = await startServer(env);
	const two = await startServer(env);
	try {
		const { code, secret } = await createAssignment(one.base);

		// Four students: each starts on one process and answers on the other, one right and one wrong.
		const students: Started[] = [];
		for (let i = 0; i < 4; i++) {
			const [from, to] = i % 2 === 0 ? [one, two] : [two, one];
			const s = await start(from.base, code, `Student ${i + 1}`);
			expect(s.res.status, `start of student ${i + 1}`).toBe(200);
			const view = (await s.res.json()) as { resumeCode: string | null; module: PublicModule };
			const started = { attemptId: s.attemptId, deviceToken: s.deviceToken, ...view };
			students.push(started);
			const q = choiceOf(view.module);
			const answer = async (optionId: string) => {
				const res = await post(`${to.base}/api/a/${code}/answers`, {
					action: 'answer',
					questionId: q.questionId,
					answerId: randomUUID(),
					response: { type: 'single-choice', optionId },
					attemptId: started.attemptId,
					deviceToken: started.deviceToken
				});
				expect(res.status).toBe(200);
				return (await res.json()) as { verdict: string; tryNumber: number };
			};
			if (i < 2) {
				expect(await answer(q.right)).toMatchObject({ verdict: 'correct', tryNumber: 1 });
			} else {
				// A wrong try on one process and the right one on the other: the server numbers them in order.
				expect(await answer(q.wrong)).toMatchObject({ verdict: 'incorrect', tryNumber: 1 });
				const second = await post(`${from.base}/api/a/${code}/answers`, {
					action: 'answer',
					questionId: q.questionId,
					answerId: randomUUID(),
					response: { type: 'single-choice', optionId: q.right },
					attemptId: started.attemptId,
					deviceToken: started.deviceToken
				});
				expect(await second.json()).toMatchObject({ verdict: 'correct', tryNumber: 2 });
			}
			const submitted = await post(`${from.base}/api/a/${code}/submit`, {
				attemptId: started.attemptId,
				deviceToken: started.deviceToken
			});
			expect(submitted.status).toBe(200);
		}

		// Student 1 on a new device, on the other process: asked for the resume code, and with it
		// no second attempt beyond the limit of one.
		const again = await start(two.base, code, 'Student 1');
		expect(again.res.status).toBe(409);
		expect(((await again.res.json()) as { reason?: string }).reason).toBe('code-required');
		const withCode = await start(two.base, code, 'Student 1', { resumeCode: students[0]!.resumeCode! });
		expect(withCode.res.status).toBe(200);
		expect(await withCode.res.json()).toMatchObject({
			attempt: { id: students[0]!.attemptId, number: 1 },
			attemptsLeft: 0
		});

		// Ten starts under one new name at once, half on each process: exactly one attempt.
		const race = await Promise.all(
			Array.from({ length: 10 }, (_, i) => start(i % 2 === 0 ? one.base : two.base, code, 'Racer'))
		);
		const statuses = race.map((r) => r.res.status);
		expect(statuses.filter((s) => s === 200)).toHaveLength(1);
		expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([]);

		// The teacher sees the same class from either process: five students, scores from the server's record.
		const results = async (base: string) => {
			const res = await fetch(`${base}/api/r/${secret}`);
			expect(res.status).toBe(200);
			const view = (await res.json()) as {
				results: { rows: { name: string; status: string; score: number; attemptNumber: number }[] };
			};
			return view.results.rows
				.map((r) => ({ name: r.name, status: r.status, score: r.score, attemptNumber: r.attemptNumber }))
				.sort((a, b) => a.name.localeCompare(b.name));
		};
		const seenOnOne = await results(one.base);
		expect(await results(two.base)).toEqual(seenOnOne);
		expect(seenOnOne.map((r) => r.name)).toEqual(['Racer', 'Student 1', 'Student 2', 'Student 3', 'Student 4']);
		expect(seenOnOne.filter((r) => r.name !== 'Racer').every((r) => r.status === 'submitted')).toBe(true);
		const score = (name: string) => seenOnOne.find((r) => r.name === name)!.score;
		// Right at the first try scores more than right at the second.
		expect(score('Student 1')).toBe(score('Student 2'));
		expect(score('Student 3')).toBe(score('Student 4'));
		expect(score('Student 1')).toBeGreaterThan(score('Student 3'));
		expect(score('Student 3')).toBeGreaterThan(0);

		// Wrong results links are counted across both processes: ten wrong, alternating, then 429 on either.
		const wrong = () => `${'x'.repeat(20)}${randomUUID().replaceAll('-', '')}`;
		for (let i = 0; i < 10; i++) {
			const res = await fetch(`${(i % 2 === 0 ? one : two).base}/api/r/${wrong()}`);
			expect(res.status, `wrong link ${i + 1}`).toBe(404);
		}
		for (const base of [one.base, two.base]) {
			const res = await fetch(`${base}/api/r/${wrong()}`);
			expect(res.status).toBe(429);
			expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
		}
		// The right link still works for the teacher.
		expect((await fetch(`${two.base}/api/r/${secret}`)).status).toBe(200);
	} finally {
		await Promise.all([stop(one.server), stop(two.server)]);
	}
}

test('a class works through two server processes on one SQLite file', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'closeread-two-'));
	try {
		await classThroughTwo({ DATABASE_PATH: join(dir, 'class.db') });
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

test('a class works through two server processes on one PostgreSQL database', async () => {
	test.setTimeout(180_000);
	const dir = mkdtempSync(join(tmpdir(), 'closeread-two-pg-'));
	try {
		const { stdout } = await run('bash', ['scripts/pg-cluster.sh', 'start', dir, String(await freePort())], {
			timeout: 120_000,
			env: { ...process.env, PG_FAST: '1' }
		});
		const url = stdout.trim().split('\n').pop()!;
		await classThroughTwo({ DATABASE_URL: url });
	} finally {
		await run('bash', ['scripts/pg-cluster.sh', 'stop', dir], { timeout: 60_000 }).catch(() => undefined);
		rmSync(dir, { recursive: true, force: true });
	}
});
