import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Marks every script of the browser build with V8's compile hint `//# allFunctionsCalledOnLoad`:
 * Chrome (136 and later) then compiles the file's functions on a background thread as the file
 * streams in, instead of one by one on the page's main thread when each is first called. The
 * lesson's scripts are nearly all called on the way to the first question, and on a slow laptop
 * the main thread is what the student waits for. Other browsers read it as a comment. Added after
 * minification, which would remove a comment added earlier, and after Vite's own additions at
 * the top of a file; the server's build is left alone.
 */
function compileHints(): Plugin {
	let browserBuild = false;
	return {
		name: 'closeread:compile-hints',
		apply: 'build',
		configResolved(config) {
			browserBuild = !config.build.ssr;
		},
		// Last of all, after Vite puts its list of preloads at the top of a chunk that imports others.
		enforce: 'post',
		generateBundle: {
			order: 'post',
			handler(_options, bundle) {
				if (!browserBuild) return;
				for (const file of Object.values(bundle)) {
					if (file.type === 'chunk') file.code = `//# allFunctionsCalledOnLoad\n${file.code}`;
				}
			}
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), compileHints()],
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts'],
		environment: 'node',
		globalSetup: ['tests/server/pg-global-setup.ts']
	}
});
