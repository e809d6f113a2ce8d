import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// Our own inline scripts, allowed by their hashes as SvelteKit's own are: the display settings put
// onto <html> before the first paint (in src/app.html), the module page's Start, which works
// before the page's script has loaded (src/lib/components/lesson/early-start.js), and the module
// page's request for its scripts once its text has been read (src/lib/server/scripted-preloads.js).
const hash = (/** @type {string} */ code) => `sha256-${createHash('sha256').update(code).digest('base64')}`;
const appHtml = readFileSync(new URL('./src/app.html', import.meta.url), 'utf8');
const displayScript = /<script>([\s\S]*?)<\/script>/.exec(appHtml)?.[1];
if (displayScript === undefined) throw new Error('src/app.html has no inline script');
const earlyStart = readFileSync(new URL('./src/lib/components/lesson/early-start.js', import.meta.url), 'utf8');
const scriptedPreloads = readFileSync(new URL('./src/lib/server/scripted-preloads.js', import.meta.url), 'utf8');

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ precompress: true }),
		// Stylesheets this small come inside the page: the first paint waits on no other request.
		inlineStyleThreshold: 12 * 1024,
		// A plain form post (no JavaScript) under Referrer-Policy: no-referrer comes with Origin: null.
		// It is let through here only for src/hooks.server.ts to accept it when the browser vouches
		// for it (Sec-Fetch-Site: same-origin) and refuse it otherwise.
		csrf: { trustedOrigins: ['null'] },
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', hash(displayScript), hash(earlyStart), hash(scriptedPreloads)],
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
