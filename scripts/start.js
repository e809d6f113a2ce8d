// npm start: serve the built app, building it first when there is no build yet.
import { existsSync } from 'node:fs';
import { spawnSync, spawn } from 'node:child_process';

if (!existsSync('build/closeread.js')) {
	const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
	if (built.status !== 0) process.exit(built.status ?? 1);
}
const env = { ...process.env, PORT: process.env.PORT ?? '3000', HOST: process.env.HOST ?? '0.0.0.0' };
console.log(`Closeread on http://localhost:${env.PORT}`);
const server = spawn(process.execPath, ['build/closeread.js'], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
