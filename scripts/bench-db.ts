/**
 * Database write rate: how many answers recordAnswer saves per second, and its latency, on SQLite
 * and on PostgreSQL. Each run fills a fresh database: one assignment, a class of 35 attempts, and
 * COUNT answers sent by CONCURRENCY workers at once (every answer its own transaction, as in the
 * server). The first 200 answers warm up and are not counted.
 *
 *   npx tsx scripts/bench-db.ts [COUNT] [CONCURRENCY]      prints a table
 *   benchDb()                                              rows for npm run bench
 *
 * PostgreSQL: BENCH_DATABASE_URL=postgres://… uses that server (its database should be empty);
 * otherwise a private cluster is started with scripts/pg-cluster.sh, with PostgreSQL's durable
 * defaults (fsync on, synchronous_commit on). SQLite runs as the server does: WAL with
 * synchronous=NORMAL, which does not fsync on every commit; the two are not equally durable
 * against power loss, only against a killed process.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { openDatabase } from '../src/lib/server/db/index.ts';
import { createRepository } from '../src/lib/server/db/repository.ts';

const run = promisify(execFile);

export interface DbBenchOptions {
	count?: number;
	concurrency?: number;
}

export interface DbBenchResult {
	database: 'sqlite' | 'postgres';
	answers: number;
	concurrency: number;
	seconds: number;
	perSecond: number;
	p50Ms: number;
	p99Ms: number;
	maxMs: number;
	/** Answers the repository reported as not stored; 0 unless something is wrong. */
	lost: number;
	/** The baseline, in the same database and the same way: a one-row insert, each its own transaction. */
	baseline: { perSecond: number; p99Ms: number };
}

/** The row shape of scripts/bench.ts. */
export interface Row {
	measure: string;
	value: string;
	budget: string;
	ok: boolean | null;
}

const CLASS_SIZE = 35;
const WARM_UP = 200;
const BUDGET_PER_SECOND = 500;
const BUDGET_P99_MS = 100;

/**
 * `count` writes (after WARM_UP more, not counted), `concurrency` at once, each write timed: how many
 * a second, and their latencies in order.
 */
async function timeWrites(count: number, concurrency: number, write: (n: number) => Promise<void>) {
	let next = 0;
	const latencies: number[] = [];
	const worker = async (total: number, timed: boolean) => {
		for (let n = next++; n < total; n = next++) {
			const started = performance.now();
			await write(n);
			if (timed) latencies.push(performance.now() - started);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, () => worker(WARM_UP, false)));
	const began = performance.now();
	await Promise.all(Array.from({ length: concurrency }, () => worker(WARM_UP + count, true)));
	const seconds = (performance.now() - began) / 1000;
	latencies.sort((a, b) => a - b);
	const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? 0;
	return { seconds, perSecond: count / seconds, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: latencies.at(-1) ?? 0 };
}

/** Save `count` answers into the database at `location` and time each save; then the baseline. */
export async function measureRecordAnswer(location: string, options: DbBenchOptions = {}): Promise<DbBenchResult> {
	const count = options.count ?? 5000;
	const concurrency = options.concurrency ?? 20;
	const handle = await openDatabase(location);
	try {
		const repo = createRepository(handle.db);
		const assignment = await repo.createAssignment({
			resultsHash: randomUUID().replaceAll('-', '').padEnd(64, '0'),
			moduleSlug: 'bench',
			title: 'Bench class',
			settings: {
				feedback: 'immediate',
				attemptsAllowed: 1,
				triesPerQuestion: 3,
				hintsEnabled: true,
				dueAt: null,
				shuffle: false
			}
		});
		const attempts: string[] = [];
		for (let i = 0; i < CLASS_SIZE; i++) {
			const begun = await repo.beginAttempt({
				attemptId: randomUUID(),
				assignmentId: assignment.id,
				nameKey: `student ${i + 1}`,
				displayName: `Student ${i + 1}`,
				deviceHash: randomUUID(),
				codeHash: null,
				newCodeHash: randomUUID(),
				seed: String(i),
				attemptsAllowed: 1,
				open: true
			});
			if (begun.outcome !== 'started') throw new Error(`student ${i + 1} did not start`);
			attempts.push(begun.attempt.id);
		}
		// Answer n: student n mod 35, question n div 35, first try; a third of them final.
		const answerFor = (n: number) => ({
			id: randomUUID(),
			attemptId: attempts[n % CLASS_SIZE]!,
			questionId: `q${Math.floor(n / CLASS_SIZE)}`,
			tryNumber: 1,
			hintsUsed: n % 3 === 0 ? 1 : 0,
			revealed: false,
			response: { type: 'multi-select' as const, optionIds: ['o1', 'o3'] },
			verdict: n % 3 === 0 ? ('correct' as const) : ('partial' as const),
			credit: n % 3 === 0 ? 1 : 0.5,
			points: n % 3 === 0 ? 1 : null,
			final: n % 3 === 0
		});

		let lost = 0;
		const answers = await timeWrites(count, concurrency, async (n) => {
			const result = await repo.recordAnswer(answerFor(n));
			if (!result.stored) lost++;
		});
		// The baseline: the simplest write there is, in the same database, the same way. Its scratch
		// table goes again afterwards: BENCH_DATABASE_URL may name a database that is used again.
		await sql`create table if not exists bench_baseline (id text primary key, n integer not null)`.execute(handle.db);
		const baseline = await timeWrites(count, concurrency, async (n) => {
			await handle.db
				.transaction()
				.execute((trx) => sql`insert into bench_baseline (id, n) values (${randomUUID()}, ${n})`.execute(trx));
		});
		await sql`drop table bench_baseline`.execute(handle.db);
		return {
			database: handle.dialect,
			answers: count,
			concurrency,
			...answers,
			lost,
			baseline: { perSecond: baseline.perSecond, p99Ms: baseline.p99Ms }
		};
	} finally {
		await handle.close();
	}
}

/** Run a private PostgreSQL cluster for the length of `work`. */
export async function withPostgres<T>(work: (url: string) => Promise<T>): Promise<T> {
	const external = process.env.BENCH_DATABASE_URL?.trim();
	if (external) return work(external);
	const script = resolve('scripts/pg-cluster.sh');
	const dir = await mkdtemp(join(tmpdir(), 'closeread-bench-pg-'));
	try {
		const { stdout } = await run('bash', [script, 'start', dir, String(await freePort())], { timeout: 120_000 });
		return await work(stdout.trim().split('\n').pop() ?? '');
	} finally {
		await run('bash', [script, 'stop', dir], { timeout: 60_000 }).catch(() => undefined);
		await rm(dir, { recursive: true, force: true });
	}
}

async function withSqlite<T>(work: (file: string) => Promise<T>): Promise<T> {
	const dir = await mkdtemp(join(tmpdir(), 'closeread-bench-sqlite-'));
	try {
		return await work(join(dir, 'bench.db'));
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

/** Both databases; a database that cannot be measured gets a result of `Error` instead. */
export async function measureBoth(
	options: DbBenchOptions = {}
): Promise<Array<DbBenchResult | { database: 'sqlite' | 'postgres'; error: string }>> {
	const out: Array<DbBenchResult | { database: 'sqlite' | 'postgres'; error: string }> = [];
	const attempt = async (database: 'sqlite' | 'postgres', measure: () => Promise<DbBenchResult>) => {
		try {
			out.push(await measure());
		} catch (error) {
			const stderr = (error as { stderr?: string }).stderr;
			out.push({ database, error: (stderr || (error instanceof Error ? error.message : String(error))).trim() });
		}
	};
	await attempt('sqlite', () => withSqlite((file) => measureRecordAnswer(file, options)));
	await attempt('postgres', () => withPostgres((url) => measureRecordAnswer(url, options)));
	return out;
}

/**
 * Rows for npm run bench. `parts` is the selection of measurements asked for on its command line;
 * this one answers to "db" (and runs when nothing was selected).
 */
export async function benchDb(opts: { parts?: string[] } & DbBenchOptions = {}): Promise<Row[]> {
	if (opts.parts && opts.parts.length > 0 && !opts.parts.includes('db')) return [];
	const results = await measureBoth(opts);
	return results.flatMap((r): Row[] => {
		const name = r.database === 'sqlite' ? 'SQLite' : 'PostgreSQL';
		if ('error' in r)
			return [
				{ measure: `${name}: answers saved`, value: `not measured: ${r.error.split('\n')[0]}`, budget: '', ok: false }
			];
		const setup = `${r.answers} answers, ${r.concurrency} at once`;
		return [
			{
				measure: `${name}: answers saved per second (${setup}), beside a one-row insert the same way`,
				value: `${Math.round(r.perSecond)}/s (one-row insert ${Math.round(r.baseline.perSecond)}/s; ratio ${(r.perSecond / r.baseline.perSecond).toFixed(2)})`,
				budget: `≥ ${BUDGET_PER_SECOND}/s`,
				ok: r.perSecond >= BUDGET_PER_SECOND && r.lost === 0
			},
			{
				measure: `${name}: recordAnswer p99 latency, beside the one-row insert's`,
				value: `${r.p99Ms.toFixed(1)} ms (one-row insert ${r.baseline.p99Ms.toFixed(1)} ms; ratio ${(r.p99Ms / r.baseline.p99Ms).toFixed(1)})`,
				budget: `≤ ${BUDGET_P99_MS} ms`,
				ok: r.p99Ms <= BUDGET_P99_MS
			}
		];
	});
}

function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				address && typeof address === 'object' ? resolvePort(address.port) : reject(new Error('no port'))
			);
		});
	});
}

function printTable(results: Awaited<ReturnType<typeof measureBoth>>): void {
	const head = [
		'database',
		'answers',
		'concurrency',
		'seconds',
		'answers/s',
		'p50 ms',
		'p99 ms',
		'max ms',
		'not stored',
		'one-row inserts/s',
		'one-row insert p99 ms'
	];
	const body = results.map((r) =>
		'error' in r
			? [r.database, `error: ${r.error.split('\n')[0]}`, '', '', '', '', '', '', '', '', '']
			: [
					r.database,
					String(r.answers),
					String(r.concurrency),
					r.seconds.toFixed(2),
					Math.round(r.perSecond).toString(),
					r.p50Ms.toFixed(2),
					r.p99Ms.toFixed(2),
					r.maxMs.toFixed(2),
					String(r.lost),
					Math.round(r.baseline.perSecond).toString(),
					r.baseline.p99Ms.toFixed(2)
				]
	);
	const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
	const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padStart(widths[i]!)).join(' | ') + ' |';
	console.log(line(head));
	console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
	for (const row of body) console.log(line(row));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	const [countArg, concurrencyArg] = process.argv.slice(2);
	const options: DbBenchOptions = {
		count: countArg ? Number(countArg) : undefined,
		concurrency: concurrencyArg ? Number(concurrencyArg) : undefined
	};
	measureBoth(options)
		.then((results) => {
			printTable(results);
			if (results.some((r) => 'error' in r)) process.exitCode = 1;
		})
		.catch((error: unknown) => {
			console.error(error);
			process.exitCode = 1;
		});
}
