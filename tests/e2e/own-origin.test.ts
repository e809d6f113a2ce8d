/**
 * Started as `npm start` does, without ORIGIN, the app takes its address from each request: a teacher
 * reaching it by any name on the school network can submit its forms, and a cross-site post is still
 * refused.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const PORT = Number(process.env.OWN_ORIGIN_PORT ?? 4393);

function startServer(dataDir: string): Promise<ChildProcess> {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		HOST: '127.0.0.1',
		PORT: String(PORT),
		DATABASE_PATH: join(dataDir, 'db')
	};
	delete env.ORIGIN;
	const server = spawn(process.execPath, ['build/closeread.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	return new Promise((resolve, reject) => {
		server.stdout!.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('Listening')) resolve(server);
		});
		server.on('exit', (code) => reject(new Error(`server exited early (${code})`)));
	});
}

const postForm = (host: string, origin: string) =>
	fetch(`http://${host}:${PORT}/teach`, {
		method: 'POST',
		headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
		body: 'title=',
		redirect: 'manual'
	});

test('without ORIGIN, forms work under any host name and cross-site posts are refused', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'closeread-origin-'));
	const server = await startServer(dir);
	try {
		for (const host of ['127.0.0.1', 'localhost']) {
			const res = await postForm(host, `http://${host}:${PORT}`);
			expect(res.status, `form post via ${host}`).not.toBe(403);
			// The action ran: it answers the empty title with its own message.
			expect(await res.text()).toContain('Give the assignment a title.');
		}
		const evil = await postForm('127.0.0.1', 'http://evil.example');
		expect(evil.status).toBe(403);
	} finally {
		server.kill('SIGTERM');
		rmSync(dir, { recursive: true, force: true });
	}
});
