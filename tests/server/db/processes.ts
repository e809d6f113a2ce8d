/** Child processes for the SQLite fault tests, and waiting for the lines they print. */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export interface Child {
	process: ChildProcess;
	/** Resolves when the child has printed a line equal to `text`. */
	said(text: string): Promise<void>;
	/** Send one line on standard input. */
	tell(text?: string): void;
	/** Everything printed so far, and resolved with it on exit. */
	finished(): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Run a TypeScript file of tests/server/db with tsx. */
export function runScript(name: string, args: string[], env: Record<string, string> = {}): Child {
	const child = spawn(process.execPath, ['--import', 'tsx', resolve('tests/server/db', name), ...args], {
		env: { ...process.env, ...env },
		stdio: ['pipe', 'pipe', 'pipe']
	});
	let stdout = '';
	let stderr = '';
	const waiting: { text: string; resolve(): void }[] = [];
	child.stdout!.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
		const lines = stdout.split('\n').map((l) => l.trim());
		for (const w of [...waiting]) {
			if (lines.includes(w.text)) {
				waiting.splice(waiting.indexOf(w), 1);
				w.resolve();
			}
		}
	});
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((done) =>
		child.on('exit', (code) => done({ code, stdout, stderr }))
	);
	return {
		process: child,
		said: (text) =>
			new Promise<void>((done, fail) => {
				if (stdout.split('\n').some((l) => l.trim() === text)) return done();
				waiting.push({ text, resolve: done });
				void exited.then(({ code }) => fail(new Error(`${name} exited (${code}) before saying "${text}": ${stderr}`)));
			}),
		tell: (text = 'go') => child.stdin!.write(`${text}\n`),
		finished: () => exited
	};
}
