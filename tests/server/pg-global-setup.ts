/**
 * Vitest global setup: a private PostgreSQL cluster for the repository tests, started on a free
 * loopback port in a temporary folder and stopped (and removed) after the run.
 *
 * TEST_DATABASE_URL=postgres://… uses an existing server instead (a CI service container).
 * PostgreSQL is required, not optional: when the cluster cannot start, the reason is handed to
 * the tests, and every PostgreSQL test fails with it. Runs of unrelated test files go on.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		/** URL of an empty database on the test cluster, or '' when it did not start. */
		pgUrl: string;
		/** Why there is no PostgreSQL, for the tests to fail with; '' when there is. */
		pgError: string;
	}
}

const run = promisify(execFile);

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const external = process.env.TEST_DATABASE_URL?.trim();
	if (external) {
		project.provide('pgUrl', external);
		project.provide('pgError', '');
		return async () => {};
	}

	const script = resolve(project.config.root, 'scripts/pg-cluster.sh');
	const dir = await mkdtemp(join(tmpdir(), 'closeread-pg-'));
	const stop = async (report = true) => {
		await run('bash', [script, 'stop', dir], { timeout: 60_000 }).catch((error: Error) => {
			if (report) console.error(`[pg] stop failed: ${error.message}`);
		});
		await rm(dir, { recursive: true, force: true });
	};
	try {
		const port = await freePort();
		const { stdout } = await run('bash', [script, 'start', dir, String(port)], {
			timeout: 120_000,
			env: { ...process.env, PG_FAST: '1' }
		});
		const url = stdout.trim().split('\n').pop() ?? '';
		if (!/^postgres:\/\//.test(url)) throw new Error(`pg-cluster.sh printed no URL: ${stdout}`);
		project.provide('pgUrl', url);
		project.provide('pgError', '');
		return () => stop();
	} catch (error) {
		const detail =
			error instanceof Error ? ((error as Error & { stderr?: string }).stderr || error.message).trim() : String(error);
		project.provide('pgUrl', '');
		project.provide('pgError', `The private PostgreSQL cluster did not start (scripts/pg-cluster.sh): ${detail}`);
		await stop(false);
		return async () => {};
	}
}

/** A port the kernel just handed out on 127.0.0.1, released for PostgreSQL to take. */
function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const server = createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				address && typeof address === 'object' ? resolvePort(address.port) : reject(new Error('no port'))
			);
		});
	});
}
