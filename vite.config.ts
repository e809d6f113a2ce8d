import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin, Rollup } from 'vite';
import { defineConfig } from 'vitest/config';

type OutputChunk = Rollup.OutputChunk;

/**
 * The modules from which the lesson's scripts are reached: SvelteKit's two entries (its runtime and
 * the app's), the root layout, the module page and the lesson player.
 */
const LESSON = [
	/\/@sveltejs\/kit\/src\/runtime\/client\/entry\.js$/,
	/\/generated\/client-optimized\/app\.js$/,
	/\/src\/routes\/\+layout\.svelte$/,
	/\/src\/routes\/m\/\[slug\]\/\+page\.svelte$/,
	/\/src\/lib\/components\/lesson\/LessonPlayer\.svelte$/
];

/**
 * Marks the lesson's scripts with V8's compile hint `//# allFunctionsCalledOnLoad`: Chrome (136 and
 * later) then compiles the file's functions on a background thread as the file streams in, instead
 * of one by one on the page's main thread when each is first called. These are the scripts that
 * take a student from the module page to the first question, nearly all of whose functions run on
 * the way, and on a slow laptop the main thread is what the student waits for: SvelteKit's entries,
 * the root layout, the module page and the lesson player, with everything they import. Other pages'
 * scripts (the teacher's, the results) keep V8's lazy compiling, as the hint would be untrue of
 * them. Other browsers read it as a comment. Added after minification, which would remove a comment
 * added earlier, and after Vite's own additions at the top of a file; the server's build is left alone.
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
				const chunks = new Map<string, OutputChunk>();
				for (const file of Object.values(bundle)) if (file.type === 'chunk') chunks.set(file.fileName, file);
				const marked = new Set<OutputChunk>();
				const mark = (chunk: OutputChunk | undefined) => {
					if (!chunk || marked.has(chunk)) return;
					marked.add(chunk);
					for (const name of chunk.imports) mark(chunks.get(name));
				};
				for (const chunk of chunks.values()) {
					if (chunk.moduleIds.some((id) => LESSON.some((lesson) => lesson.test(id)))) mark(chunk);
				}
				for (const chunk of marked) chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
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
