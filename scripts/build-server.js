// Bundles src/server.ts (the production front server) into build/closeread.js, after `vite build`.
// Packages stay external: adapter-node's build imports them from node_modules at run time too.
import { build } from 'esbuild';

await build({
	entryPoints: ['src/server.ts'],
	outfile: 'build/closeread.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	external: ['./handler.js'],
	logLevel: 'warning'
});
console.log('wrote build/closeread.js');
