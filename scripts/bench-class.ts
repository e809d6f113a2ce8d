/**
 * A simulated class: 35 students start an assignment at once and work through every question of
 * the first module, each student one answer after another (as a person would), all students in
 * parallel. Reports answers saved per second and answer latency (p50, p99) against a running server.
 *
 *   npx tsx scripts/bench-class.ts http://127.0.0.1:3000      (standalone)
 *   import { benchClass } from './bench-class.ts'              (npm run bench wires it in)
 *
 * Bounded: 35 students × the module's questions, one request in flight per student.
 */
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { loadModuleDir } from '../src/lib/server/content.ts';

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

async function createAssignment(base: string): Promise<string> {
	const form = new URLSearchParams({
		module: SLUG,
		title: 'Bench class',
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

export async function benchClass(
	base: string,
	{ classSize = CLASS_SIZE, label = '' }: { classSize?: number; label?: string } = {}
): Promise<Row[]> {
	const name = `Class of ${classSize}${label ? ` on ${label}` : ''}`;
	const loaded = loadModuleDir(`questions/${SLUG}`, SLUG);
	if (!loaded.ok) throw new Error(`module ${SLUG} does not load`);
	const questions = loaded.module.questions;
	const code = await createAssignment(base);
	const latencies: number[] = [];
	let failures = 0;

	const started = performance.now();
	await Promise.all(
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
			for (const q of questions) {
				// A reveal is valid for every question type and goes through grading and storage like any answer.
				const body = {
					answerId: randomUUID(),
					attemptId,
					deviceToken,
					questionId: q.id,
					tryNumber: 1,
					hintsUsed: 0,
					reveal: true,
					response: null
				};
				const t0 = performance.now();
				const res = await post(`${base}/api/a/${code}/answers`, body);
				await res.arrayBuffer();
				latencies.push(performance.now() - t0);
				if (!res.ok) failures++;
			}
			const done = await post(`${base}/api/a/${code}/submit`, { attemptId, deviceToken });
			await done.arrayBuffer();
		})
	);
	const seconds = (performance.now() - started) / 1000;
	latencies.sort((a, b) => a - b);
	const rate = latencies.length / seconds;
	const p50 = percentile(latencies, 50);
	const p99 = percentile(latencies, 99);
	return [
		{
			measure: `${name}: answers saved per second (${latencies.length} answers, ${failures} failed)`,
			value: `${rate.toFixed(0)} /s`,
			budget: '≥ 100 /s, 0 failed',
			ok: rate >= 100 && failures === 0
		},
		{ measure: `${name}: answer latency p50`, value: `${p50.toFixed(1)} ms`, budget: '—', ok: null },
		{
			measure: `${name}: answer latency p99`,
			value: `${p99.toFixed(1)} ms`,
			budget: '≤ 250 ms',
			ok: p99 <= 250
		}
	];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const base = process.argv[2] ?? 'http://127.0.0.1:3000';
	benchClass(base).then(
		(rows) => console.table(rows),
		(error: unknown) => {
			console.error(error);
			process.exit(1);
		}
	);
}
