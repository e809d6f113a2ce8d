/**
 * npm run bench: measure the size and speed budgets and print a table. Builds the app, starts it on a
 * loopback port with a throw-away database, measures, and stops it. Nothing here is a pass/fail test:
 * budgets are printed beside the figures.
 *
 *   npm run bench                 everything
 *   npm run bench -- js grading   only some measurements (page, browser, js, lighthouse, grading, db,
 *                                 class)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { labelling } from '../src/lib/content/public.ts';
import { responseFromSolution, solutionFor } from '../src/lib/scoring/grade.ts';
import { getModule } from '../src/lib/server/content.ts';
import { sha256Hex } from '../src/lib/server/assignments/secrets.ts';

const SLUG = 'seoul-warns-north-korean-soldiers-russia';
const PORT = Number(process.env.BENCH_PORT ?? 4199);
const BASE = `http://127.0.0.1:${PORT}`;
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

/**
 * A class at work on practice lessons: every connection plays students one after another, each on
 * a practice attempt of their own (opened through POST /api/practice, as the page does). For every
 * question a student asks for a hint where there is one, gives a wrong answer where the type has
 * an obvious one (single-choice), then the right answer: real answers, right and wrong, each
 * numbered, recorded and graded by the server. The right answers are worked out from the attempt's
 * secret, read from the bench's own database (a measuring tool may; a browser never sees it).
 */
async function gradingStudents(dataDir: string, count: number): Promise<string[][]> {
	const module = getModule(SLUG);
	if (!module) throw new Error(`module ${SLUG} did not load`);
	const { default: SQLite } = await import('better-sqlite3');
	const tokens: string[] = [];
	for (let i = 0; i < count; i++) {
		const res = await fetch(`${BASE}/api/practice`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ slug: SLUG })
		});
		if (!res.ok) throw new Error(`POST /api/practice answered ${res.status}`);
		tokens.push(((await res.json()) as { token: string }).token);
	}
	const db = new SQLite(join(dataDir, 'bench.db'), { readonly: true });
	const secretOf = db.prepare('select secret from practice_attempts where token_hash = ?');
	const students = tokens.map((token) => {
		const { secret } = secretOf.get(sha256Hex(token)) as { secret: string };
		const bodies: string[] = [];
		for (const q of module.questions) {
			const seed = `${secret}:${q.id}`;
			const questionId = q.id;
			const labels = labelling(q, seed);
			const solution = solutionFor(q, labels);
			if (q.hints.length > 0) bodies.push(JSON.stringify({ token, action: 'hint', questionId, hint: 1 }));
			if (solution.type === 'single-choice') {
				const wrong = Object.keys(labels.options).find((label) => label !== solution.optionId)!;
				bodies.push(
					JSON.stringify({
						token,
						action: 'answer',
						questionId,
						answerId: randomUUID(),
						response: { type: 'single-choice', optionId: wrong }
					})
				);
			}
			bodies.push(
				JSON.stringify({
					token,
					action: 'answer',
					questionId,
					answerId: randomUUID(),
					response: responseFromSolution(solution)
				})
			);
		}
		return bodies;
	});
	db.close();
	return students;
}

async function measureGrading(dataDir: string) {
	// Enough students that no connection runs out in the measured time.
	const students = await gradingStudents(dataDir, 1200);
	const perStudent = students[0]!.length;
	let next = 0;
	const load = (duration: number) =>
		autocannon({
			url: BASE,
			connections: 100,
			duration,
			// One entry per action of a student; autocannon gives each connection its own context and
			// resets it when the connection starts the list again, which is when it takes the next student.
			requests: Array.from({ length: perStudent }, (_, index) => ({
				method: 'POST',
				path: '/api/grade',
				headers: { 'content-type': 'application/json' },
				setupRequest: (req: Record<string, unknown>, context: { student?: string[] }) => {
					if (index === 0 || !context.student) context.student = students[next++ % students.length];
					return { ...req, body: context.student![index] };
				}
			}))
		});
	// A server in use is warm: two seconds of the same load first, not counted, so the figures
	// are not those of the JIT compiling the grading code.
	await load(2);
	const result = await load(10);
	const p99 = result.latency.p99;
	rows.push({
		measure: `Grading: requests/s at 100 connections (practice attempts, ${perStudent} actions each)`,
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
	if (next > students.length) {
		rows.push({
			measure: 'Grading: students reused (repeats answer 409)',
			value: String(next - students.length),
			budget: '0',
			ok: false
		});
	}
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
		const { benchPage } = await import('./bench-page.ts');
		rows.push(...(await benchPage(BASE, SLUG, want)));
		if (want('grading')) await measureGrading(dataDir);
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
