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
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getModule } from '../src/lib/server/content.ts';
import { createRepository, openDatabase } from '../src/lib/server/db/index.ts';

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
	// BENCH_SERVER: another built entry to measure (an older build kept elsewhere, to compare).
	const server = spawn(process.execPath, [process.env.BENCH_SERVER ?? 'build/closeread.js'], {
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

/** Stop a server and wait until it has exited (its database files are then free to delete). */
function stopServer(server: ChildProcess): Promise<void> {
	if (server.exitCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		server.once('exit', () => resolve());
		server.kill('SIGTERM');
	});
}

/** Grading played by students on practice attempts (bench-grading.ts), against the server's own database. */
async function measureGrading(dataDir: string) {
	const module = getModule(SLUG);
	if (!module) throw new Error(`module ${SLUG} did not load`);
	const { benchGrading } = await import('./bench-grading.ts');
	// The server opens (and migrates) its database on first use: let it, before the bench reads it.
	await fetch(`${BASE}/api/practice`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ slug: SLUG })
	}).then((res) => res.arrayBuffer());
	const handle = await openDatabase(join(dataDir, 'bench.db'));
	try {
		rows.push(...(await benchGrading({ base: BASE, module, repo: createRepository(handle.db) })));
	} finally {
		await handle.close();
	}
}

/** The same class against a second server whose database is a private PostgreSQL cluster. */
async function classOnPostgres(
	dataDir: string,
	benchClass: typeof import('./bench-class.ts').benchClass
): Promise<Row[]> {
	const { withPostgres } = await import('./bench-db.ts');
	try {
		return await withPostgres(async (url) => {
			const port = PORT + 1;
			const server = await startServer(dataDir, port, { DATABASE_URL: url });
			const handle = await openDatabase(url);
			try {
				return await benchClass(`http://127.0.0.1:${port}`, { label: 'PostgreSQL', repo: createRepository(handle.db) });
			} finally {
				await handle.close();
				await stopServer(server);
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
			const handle = await openDatabase(join(dataDir, 'bench.db'));
			try {
				rows.push(...(await benchClass(BASE, { label: 'SQLite', repo: createRepository(handle.db) })));
			} finally {
				await handle.close();
			}
			rows.push(...(await classOnPostgres(dataDir, benchClass)));
		}
	} finally {
		await stopServer(server);
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
