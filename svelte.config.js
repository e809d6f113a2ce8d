import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// The one inline script of our own: the module page's Start works before the page's script has
// loaded (src/lib/components/lesson/early-start.js). It is allowed by its hash, as SvelteKit's own are.
const earlyStart = readFileSync(new URL('./src/lib/components/lesson/early-start.js', import.meta.url), 'utf8');
const earlyStartHash = `sha256-${createHash('sha256').update(earlyStart).digest('base64')}`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ precompress: true }),
		// A plain form post (no JavaScript) under Referrer-Policy: no-referrer comes with Origin: null.
		// It is let through here only for src/hooks.server.ts to accept it when the browser vouches
		// for it (Sec-Fetch-Site: same-origin) and refuse it otherwise.
		csrf: { trustedOrigins: ['null'] },
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', earlyStartHash],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
