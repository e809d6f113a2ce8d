/**
 * npm run bench: measure the size and speed budgets and print a table. Builds the app, starts it on a
 * loopback port with a throw-away database, measures, and stops it. Nothing here is a pass/fail test:
 * budgets are printed beside the figures.
 *
 *   npm run bench                 everything
 *   npm run bench -- js grading   only some measurements (js, lighthouse, grading, db, class)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { chromium } from '@playwright/test';
import { labelling } from '../src/lib/content/public.ts';
import { responseFromSolution, solutionFor } from '../src/lib/scoring/grade.ts';
import { getModule } from '../src/lib/server/content.ts';

const SLUG = 'seoul-warns-north-korean-soldiers-russia';
const PORT = Number(process.env.BENCH_PORT ?? 4199);
const BASE = `http://127.0.0.1:${PORT}`;
const CHROMIUM = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
const CHROME_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];

export interface Row {
	measure: string;
	value: string;
	budget: string;
	ok: boolean | null;
}

const rows: Row[] = [];
const wanted = new Set(process.argv.slice(2));
const want = (name: string) => wanted.size === 0 || wanted.has(name);

/** The built server on `port`, with SQLite in `dataDir` unless `env` names another database. */
function startServer(dataDir: string, port = PORT, env: Record<string, string> = {}): Promise<ChildProcess> {
	const server = spawn(process.execPath, ['build/closeread.js'], {
		env: {
			...process.env,
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: `http://127.0.0.1:${port}`,
			DATABASE_PATH: join(dataDir, 'bench.db'),
			...env
		},
		stdio: ['ignore', 'pipe', 'inherit']
	});
	return new Promise((resolve, reject) => {
		server.stdout!.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('Listening')) resolve(server);
		});
		server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
	});
}

async function measureJs() {
	const browser = await chromium.launch({ ...(CHROMIUM ? { executablePath: CHROMIUM } : {}), args: CHROME_ARGS });
	const page = await browser.newPage();
	const scripts = new Map<string, number>();
	page.on('response', async (res) => {
		const url = res.url();
		if (!url.endsWith('.js')) return;
		const body = await res.body().catch(() => null);
		if (body) scripts.set(url, gzipSync(body, { level: 9 }).length);
	});
	await page.goto(`${BASE}/m/${SLUG}`, { waitUntil: 'networkidle' });
	const sum = () => [...scripts.values()].reduce((a, b) => a + b, 0) / 1024;
	const first = sum();
	const firstCount = scripts.size;
	// The lesson player loads on Start: measure what a student has loaded once the lesson runs.
	await page.getByRole('button', { name: 'Start the lesson' }).click();
	await page.getByRole('button', { name: /on to the questions/ }).waitFor();
	await page.waitForLoadState('networkidle');
	const started = sum();
	await browser.close();
	rows.push({
		measure: `JS loaded by the module page (gzip, ${firstCount} files)`,
		value: `${first.toFixed(1)} KB`,
		budget: '≤ 60 KB',
		ok: first <= 60
	});
	rows.push({
		measure: `JS once the lesson has started (gzip, ${scripts.size} files)`,
		value: `${started.toFixed(1)} KB`,
		budget: '',
		ok: null
	});
}

function measureLighthouse() {
	if (!CHROMIUM) {
		rows.push({ measure: 'Lighthouse', value: 'no Chromium found', budget: '', ok: null });
		return;
	}
	const out = join(mkdtempSync(join(tmpdir(), 'lh-')), 'report.json');
	const r = spawnSync(
		'npx',
		[
			'lighthouse',
			`${BASE}/m/${SLUG}`,
			'--form-factor=mobile',
			'--only-categories=performance,accessibility,best-practices,seo',
			`--chrome-flags=--headless=new ${CHROME_ARGS.join(' ')}`,
			'--output=json',
			`--output-path=${out}`,
			'--quiet'
		],
		{ env: { ...process.env, CHROME_PATH: CHROMIUM }, encoding: 'utf8' }
	);
	if (r.status !== 0 || !existsSync(out)) {
		rows.push({
			measure: 'Lighthouse (mobile)',
			value: `failed: ${(r.stderr || '').slice(0, 80)}`,
			budget: '',
			ok: false
		});
		return;
	}
	const report = JSON.parse(readFileSync(out, 'utf8'));
	const score = (id: string) => Math.round((report.categories[id]?.score ?? 0) * 100);
	const budgets: [string, string, number][] = [
		['performance', 'Performance', 98],
		['accessibility', 'Accessibility', 100],
		['best-practices', 'Best practices', 100],
		['seo', 'SEO', 100]
	];
	for (const [id, name, min] of budgets) {
		rows.push({
			measure: `Lighthouse mobile: ${name}`,
			value: String(score(id)),
			budget: `≥ ${min}`,
			ok: score(id) >= min
		});
	}
}

/**
 * A class's worth of grading requests: for every question of the module, under three labellings,
 * the right answer at the first try (final: feedback, solution and explanation), a request to see
 * the answer after a hint at the second try, and for single-choice questions a wrong first try
 * (feedback only). All nine question types, graded in full.
 */
function gradingRequests(): string[] {
	const module = getModule(SLUG);
	if (!module) throw new Error(`module ${SLUG} did not load`);
	const bodies: string[] = [];
	for (const seed of ['bench-1', 'bench-2', 'bench-3']) {
		for (const q of module.questions) {
			const base = { slug: SLUG, questionId: q.id, seed };
			const solution = solutionFor(q, labelling(q, seed));
			bodies.push(JSON.stringify({ ...base, tryNumber: 1, hintsUsed: 0, response: responseFromSolution(solution) }));
			const hints = Math.min(1, q.hints.length);
			bodies.push(JSON.stringify({ ...base, tryNumber: 2, hintsUsed: hints, response: null, reveal: true }));
			if (solution.type === 'single-choice') {
				const wrong = solution.optionId === 'o1' ? 'o2' : 'o1';
				bodies.push(
					JSON.stringify({
						...base,
						tryNumber: 1,
						hintsUsed: 0,
						response: { type: 'single-choice', optionId: wrong }
					})
				);
			}
		}
	}
	return bodies;
}

async function measureGrading() {
	const bodies = gradingRequests();
	const load = (duration: number) =>
		autocannon({
			url: BASE,
			connections: 100,
			duration,
			// Each connection works through the whole set in turn, and starts again at the end.
			requests: bodies.map((body) => ({
				method: 'POST',
				path: '/api/grade',
				headers: { 'content-type': 'application/json' },
				body
			}))
		});
	// A server in use is warm: two seconds of the same load first, not counted, so the figures
	// are not those of the JIT compiling the grading code.
	await load(2);
	const result = await load(10);
	const p99 = result.latency.p99;
	rows.push({
		measure: `Grading: requests/s at 100 connections (${bodies.length} different answers)`,
		value: `${Math.round(result.requests.average)} (${result.non2xx} non-2xx)`,
		budget: '',
		ok: result.non2xx === 0
	});
	rows.push({
		measure: 'Grading: p99 latency at 100 connections',
		value: `${p99} ms`,
		budget: '< 25 ms',
		ok: p99 < 25
	});
}

/** The same class against a second server whose database is a private PostgreSQL cluster. */
async function classOnPostgres(
	dataDir: string,
	benchClass: (base: string, options: { label: string }) => Promise<Row[]>
): Promise<Row[]> {
	const { withPostgres } = await import('./bench-db.ts');
	try {
		return await withPostgres(async (url) => {
			const port = PORT + 1;
			const server = await startServer(dataDir, port, { DATABASE_URL: url });
			try {
				return await benchClass(`http://127.0.0.1:${port}`, { label: 'PostgreSQL' });
			} finally {
				server.kill('SIGTERM');
			}
		});
	} catch (error) {
		const message = (error as { stderr?: string }).stderr || (error instanceof Error ? error.message : String(error));
		return [
			{ measure: 'Class of 35 on PostgreSQL', value: `not measured: ${message.split('\n')[0]}`, budget: '', ok: false }
		];
	}
}

async function main() {
	if (!existsSync('build/closeread.js') || process.env.BENCH_BUILD !== '0') {
		const built = spawnSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
		if (built.status !== 0) throw new Error('build failed');
	}
	const dataDir = mkdtempSync(join(tmpdir(), 'closeread-bench-'));
	const server = await startServer(dataDir);
	try {
		if (want('js')) await measureJs();
		if (want('lighthouse')) measureLighthouse();
		if (want('grading')) await measureGrading();
		if (want('db')) {
			const { benchDb } = await import('./bench-db.ts');
			rows.push(...(await benchDb({ parts: ['db'] })));
		}
		if (want('class')) {
			const { benchClass } = await import('./bench-class.ts');
			rows.push(...(await benchClass(BASE, { label: 'SQLite' })));
			rows.push(...(await classOnPostgres(dataDir, benchClass)));
		}
	} finally {
		server.kill('SIGTERM');
		rmSync(dataDir, { recursive: true, force: true });
	}
	printTable(rows);
}

function printTable(data: Row[]) {
	if (data.length === 0) {
		console.log('nothing measured');
		return;
	}
	const head = ['measure', 'value', 'budget', 'within'];
	const body = data.map((r) => [r.measure, r.value, r.budget, r.ok === null ? '' : r.ok ? 'yes' : 'NO']);
	const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
	const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
	console.log(line(head));
	console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
	for (const b of body) console.log(line(b));
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
