import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin, Rollup } from 'vite';
import { defineConfig } from 'vitest/config';

type OutputChunk = Rollup.OutputChunk;
type ChunkingContext = { getModuleInfo(id: string): { importers: string[] } | null };

/**
 * The modules every page starts from: SvelteKit's two entries (its runtime and the app's), the root
 * layout, and the root error page, which SvelteKit's start loads on every page whether or not it is
 * shown. In the shared file, the error page costs the start no requests of its own: apart from its
 * one-line node, each file it needs, and its styles (inlined with the shared ones), are named in the
 * page already; its own files would be added as links, and its stylesheet fetched, inside the task
 * in which the page's script takes the page over.
 */
const APP = /\/generated\/client-optimized\/app\.js$/;
const ENTRIES = [
	/\/@sveltejs\/kit\/src\/runtime\/client\/entry\.js$/,
	APP,
	/\/src\/routes\/\+layout\.svelte$/,
	/\/src\/routes\/\+error\.svelte$/
];
const MODULE_PAGE = /\/src\/routes\/m\/\[slug\]\/\+page\.svelte$/;
const PLAYER = /\/src\/lib\/components\/lesson\/LessonPlayer\.svelte$/;
const ASSIGNMENT_PAGE = /\/src\/routes\/a\/\[code\]\/\+page\.svelte$/;
/** The modules from which the lesson's scripts are reached: the entries, the module page and the lesson player. */
const LESSON = [...ENTRIES, MODULE_PAGE, PLAYER];

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
				const isLesson = (id: string) => LESSON.some((lesson) => lesson.test(id));
				// SvelteKit's node of the layout or of the module page: a file that re-exports the component,
				// which lessonChunks puts in a file of its own.
				const isLessonNode = (id: string) =>
					/\/generated\/client-optimized\/nodes\/\d+\.js$/.test(id) &&
					(this.getModuleInfo(id)?.importedIds ?? []).some(isLesson);
				for (const chunk of chunks.values()) {
					if (chunk.moduleIds.some((id) => isLesson(id) || isLessonNode(id))) mark(chunk);
				}
				// An entry whose modules went into a shared file (lessonChunks) is left re-exporting them.
				for (const chunk of chunks.values())
					if (chunk.moduleIds.length === 0 && chunk.imports.some((name) => marked.has(chunks.get(name)!)))
						marked.add(chunk);
				for (const chunk of marked) chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
			}
		}
	};
}

/** The pages other than the module page, and the error page: what they reach is shared with them. */
const OTHER_PAGES = /\/src\/routes\/(?!m\/\[slug\]\/)(?:.*\/)?\+(?:page|error)\.svelte$/;

/**
 * Fewer, larger script files for the lesson. Left to itself the bundler split the module page's
 * scripts into fifteen files (four under 200 bytes), and on a slow laptop each file costs the page's
 * thread a request and its replies, whatever its size. Here the modules the module page reaches by
 * static imports go into three files: "shared", what every page loads (Svelte's and SvelteKit's
 * runtimes, the root layout); "lesson-common", what the module page shares with other pages (the
 * start screen, the passage, the glossary, also on the assignment page); and "lesson", what only the
 * module page needs. What the player adds goes into a fourth, loaded when a lesson opens; what it
 * shares with the assignment page (the format of points) goes into "lesson-common" instead, as the
 * assignment page loads the player while the student gives their name, and one module of the
 * player's file among its own imports would make it load the whole file before it shows. SvelteKit's
 * entries and nodes stay where it names them, as one-line re-exports. A page that needs one module of
 * a file loads all of it: when this was written, the home and teacher's pages loaded 2 KB (gzip)
 * less script than before, in 7 and 12 files instead of 13 and 18, and the review page 10 KB more, in
 * 10 files instead of 18. Browser build only.
 */
function lessonChunks(): Plugin {
	return {
		name: 'closeread:lesson-chunks',
		apply: 'build',
		config(_config, env) {
			if (env.isSsrBuild) return;
			/** Whether `id` is reached by static imports from a module `isRoot` accepts (walking up its importers). */
			const reachedFrom = (isRoot: (id: string) => boolean) => {
				const known = new Map<string, boolean>();
				return (id: string, ctx: ChunkingContext): boolean => {
					const seen = new Set([id]);
					const queue = [id];
					for (let i = 0; i < queue.length; i++) {
						const at = queue[i]!;
						if (known.get(at) === true || isRoot(at)) {
							known.set(id, true);
							return true;
						}
						if (known.get(at) === false) continue;
						for (const importer of ctx.getModuleInfo(at)?.importers ?? []) {
							if (seen.has(importer)) continue;
							seen.add(importer);
							queue.push(importer);
						}
					}
					// Nothing above `id` is a root, so nothing above any module met on the way is either.
					for (const at of seen) known.set(at, false);
					return false;
				};
			};
			const startsFrom = (roots: RegExp[]) => (id: string) => roots.some((pattern) => pattern.test(id));
			const inLesson = reachedFrom(startsFrom([...ENTRIES, MODULE_PAGE]));
			const inOthers = reachedFrom(startsFrom([OTHER_PAGES]));
			const inEntries = reachedFrom(startsFrom(ENTRIES));
			const inPlayer = reachedFrom((id) => PLAYER.test(id));
			const inAssignment = reachedFrom((id) => ASSIGNMENT_PAGE.test(id));
			// Each group takes the modules it captures with what they import, so the shared file is made
			// first: what the shared modules import is shared as well.
			// SvelteKit's app entry stays a file of its own: it holds every page's dynamic import, and a
			// page's list of scripts (SvelteKit's find_deps) stops short at a file it imports that holds them.
			const only =
				(name: string, test: (id: string, ctx: ChunkingContext) => boolean) => (id: string, ctx: ChunkingContext) =>
					!APP.test(id) && test(id, ctx) ? name : null;
			const groups = [
				{ name: only('shared', inEntries), priority: 4 },
				{
					name: only(
						'lesson-common',
						(id, ctx) => (inLesson(id, ctx) && inOthers(id, ctx)) || (inPlayer(id, ctx) && inAssignment(id, ctx))
					),
					priority: 3
				},
				{ name: only('lesson', inLesson), priority: 2 },
				{ name: only('lesson-player', inPlayer), priority: 1 }
			];
			return { build: { rolldownOptions: { output: { codeSplitting: { groups } } } } };
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), compileHints(), lessonChunks()],
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts'],
		environment: 'node',
		// The app's stylesheet as the build reads it: map-files.ts takes the map image's colours from it.
		css: { include: [/\/src\/app\.css/] },
		globalSetup: ['tests/server/pg-global-setup.ts']
	}
});
