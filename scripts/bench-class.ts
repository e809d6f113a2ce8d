/**
 * A simulated class: 35 students start an assignment at once and work through every question of
 * the first module through the route students use (POST /api/a/[code]/answers), each student one
 * action after another (as a person would), all students in parallel. The actions are real: right
 * and wrong answers of every question type, hints and reveals (bench-students.ts), graded and
 * recorded by the attempt engine; every reply is checked (a right answer must come back correct, a
 * wrong one not), and any failure makes the run invalid. Reports actions per second and latency
 * (p50, p99) beside a baseline measured the same way in the same run: the same clients fetching a
 * small static file as often.
 *
 *   npx tsx scripts/bench-class.ts http://127.0.0.1:3000 [DATABASE_PATH or postgres:// URL]   (standalone)
 *   import { benchClass } from './bench-class.ts'              (npm run bench wires it in)
 *
 * The bench reads each attempt's secret from the server's database to know the right answers
 * (a browser never sees it). Bounded: 35 students × the module's actions, one request in flight per student.
 */
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { loadModuleDir } from '../src/lib/server/content.ts';
import { questionSeed } from '../src/lib/server/assignments/policy.ts';
import { questionIds } from '../src/lib/server/attempts/student-view.ts';
import { createRepository, openDatabase } from '../src/lib/server/db/index.ts';
import type { Repository } from '../src/lib/server/db/repository.ts';
import { planStudent, replyMatches } from './bench-students.ts';

export interface Row {
	measure: string;
	value: string;
	budget: string;
	ok: boolean | null;
}

const SLUG = 'seoul-warns-north-korean-soldiers-russia';
export const CLASS_SIZE = 35;

const post = (url: string, body: unknown) =>
	fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return 0;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A new assignment of the first module, made through the teacher's form; its student code. */
export async function createAssignment(base: string, title = 'Bench class'): Promise<string> {
	const form = new URLSearchParams({
		module: SLUG,
		title,
		feedback: 'immediate',
		attemptsAllowed: '1',
		triesPerQuestion: '3',
		hints: 'on'
	});
	const res = await fetch(`${base}/teach`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, 'x-sveltekit-action': 'true' },
		body: form
	});
	const code = /\/a\/([23456789A-Z]{8})/.exec(await res.text())?.[1];
	if (!code) throw new Error(`could not create an assignment (${res.status})`);
	return code;
}

/** `clients` loops, each sending `count` requests one after another; the latency of each. */
async function timedLoops(clients: number, count: number, send: (client: number, i: number) => Promise<boolean>) {
	const latencies: number[] = [];
	let failures = 0;
	await Promise.all(
		Array.from({ length: clients }, async (_, c) => {
			for (let i = 0; i < count; i++) {
				const t0 = performance.now();
				const ok = await send(c, i).catch(() => false);
				latencies.push(performance.now() - t0);
				if (!ok) failures++;
			}
		})
	);
	return { latencies: latencies.sort((a, b) => a - b), failures };
}

export async function benchClass(
	base: string,
	{ classSize = CLASS_SIZE, label = '', repo }: { classSize?: number; label?: string; repo: Repository }
): Promise<Row[]> {
	const name = `Class of ${classSize}${label ? ` on ${label}` : ''}`;
	const loaded = loadModuleDir(`questions/${SLUG}`, SLUG);
	if (!loaded.ok) throw new Error(`module ${SLUG} does not load`);
	const module = loaded.module;
	const code = await createAssignment(base);
	const assignment = await repo.getAssignmentByCode(code);
	if (!assignment) throw new Error('the assignment the server created is not in its database');
	const ids = questionIds(await repo.serverKey('public-ids'), module);

	// Every student starts at once (as a class does when the teacher says go), then plans their actions.
	const students = await Promise.all(
		Array.from({ length: classSize }, async (_, i) => {
			const attemptId = randomUUID();
			const deviceToken = `bench-device-${i}-${randomUUID()}`.replace(/[^A-Za-z0-9_-]/g, '');
			const start = await post(`${base}/api/a/${code}/attempt`, {
				action: 'start',
				attemptId,
				deviceToken,
				name: `Student ${i + 1}`
			});
			if (!start.ok) throw new Error(`start failed: ${start.status}`);
			await start.arrayBuffer();
			const attempt = await repo.getAttempt(attemptId);
			if (!attempt) throw new Error('a started attempt is not in the database');
			const plan = planStudent(module, i, (q) => questionSeed(assignment.settings, attempt.seed, q), ids.toPublic, {
				hints: assignment.settings.hintsEnabled,
				reveals: true
			});
			return { attemptId, deviceToken, plan };
		})
	);
	const perStudent = Math.min(...students.map((s) => s.plan.length));

	const started = performance.now();
	const run = await timedLoops(classSize, perStudent, async (c, i) => {
		const s = students[c]!;
		const action = s.plan[i]!;
		const res = await post(`${base}/api/a/${code}/answers`, {
			...action.body,
			attemptId: s.attemptId,
			deviceToken: s.deviceToken
		});
		return replyMatches(action.expect, res.status, await res.text());
	});
	const seconds = (performance.now() - started) / 1000;
	let failures = run.failures;
	await Promise.all(
		students.map(async (s) => {
			const done = await post(`${base}/api/a/${code}/submit`, { attemptId: s.attemptId, deviceToken: s.deviceToken });
			await done.arrayBuffer();
			if (!done.ok) failures++;
		})
	);
	// The baseline: the same clients, as many requests each, for a small static file.
	const baseline = await timedLoops(classSize, perStudent, async () => {
		const res = await fetch(`${base}/robots.txt`);
		await res.arrayBuffer();
		return res.ok;
	});
	const rate = run.latencies.length / seconds;
	const p50 = percentile(run.latencies, 50);
	const p99 = percentile(run.latencies, 99);
	const b99 = percentile(baseline.latencies, 99);
	const invalid = failures + baseline.failures === 0 ? '' : ` INVALID: ${failures + baseline.failures} failed`;
	return [
		{
			measure: `${name}: actions per second (${run.latencies.length} answers, hints and reveals through /api/a/…/answers)${invalid}`,
			value: `${rate.toFixed(0)} /s`,
			budget: '≥ 100 /s, 0 failed',
			ok: rate >= 100 && failures === 0
		},
		{
			measure: `${name}: action latency p50 (static file the same way: ${percentile(baseline.latencies, 50).toFixed(1)} ms)`,
			value: `${p50.toFixed(1)} ms`,
			budget: '—',
			ok: null
		},
		{
			measure: `${name}: action latency p99 (static file the same way: ${b99.toFixed(1)} ms; ratio ${(p99 / b99).toFixed(1)})`,
			value: `${p99.toFixed(1)} ms`,
			budget: '≤ 250 ms',
			ok: p99 <= 250 && failures === 0
		}
	];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const base = process.argv[2] ?? 'http://127.0.0.1:3000';
	const handle = await openDatabase(process.argv[3]);
	benchClass(base, { repo: createRepository(handle.db) })
		.then(
			(rows) => console.table(rows),
			(error: unknown) => {
				console.error(error);
				process.exitCode = 1;
			}
		)
		.finally(() => handle.close());
}
