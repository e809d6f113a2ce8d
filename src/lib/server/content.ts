/**
 * Modules on disk: every folder under questions/ with an article.md and a lesson.yaml. Parsed once
 * and cached; a broken module is logged and left out of the catalogue, never crashing the server.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { formatProblem, loadModule, type ContentProblem, type Module } from '../content/module.ts';

export interface Catalogue {
	modules: Map<string, Module>;
	problems: ContentProblem[];
}

export function questionsDir(): string {
	return resolve(process.env.QUESTIONS_DIR ?? 'questions');
}

/** The lesson file of a module folder, as messages name it (relative to the working directory). */
export function lessonFileName(dir: string): string {
	const p = join(dir, 'lesson.yaml');
	return relative(process.cwd(), p) || p;
}

/**
 * Read a text file that must be UTF-8. Text in another encoding (Windows-1252 from an old editor,
 * say) would otherwise load with replacement characters where its accents and quotes were.
 */
export function readUtf8(
	path: string,
	shown: string
): { ok: true; text: string } | { ok: false; problem: ContentProblem } {
	const bytes = readFileSync(path);
	try {
		return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
	} catch {
		// Find the first byte that does not decode: everything before it is valid text.
		let good = 0;
		let bad = bytes.length;
		while (good < bad) {
			const mid = Math.ceil((good + bad) / 2);
			try {
				new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
				good = mid;
			} catch {
				bad = mid - 1;
			}
		}
		const before = new TextDecoder('utf-8').decode(bytes.subarray(0, good));
		const lines = before.split('\n');
		return {
			ok: false,
			problem: {
				file: shown,
				line: lines.length,
				column: lines.at(-1)!.length + 1,
				message: `the file is not valid UTF-8 text (byte ${good + 1}); save it as UTF-8`
			}
		};
	}
}

/** Load one module folder. */
export function loadModuleDir(dir: string, slug: string): ReturnType<typeof loadModule> {
	const articlePath = join(dir, 'article.md');
	const lessonPath = join(dir, 'lesson.yaml');
	const shown = (p: string) => relative(process.cwd(), p) || p;
	const missing: ContentProblem[] = [];
	for (const p of [articlePath, lessonPath]) {
		if (!existsSync(p)) missing.push({ file: shown(p), line: 1, column: 1, message: 'file is missing' });
	}
	if (missing.length) return { ok: false, problems: missing };
	const article = readUtf8(articlePath, shown(articlePath));
	const lesson = readUtf8(lessonPath, shown(lessonPath));
	const unreadable = [article, lesson].flatMap((r) => (r.ok ? [] : [r.problem]));
	if (!article.ok || !lesson.ok) return { ok: false, problems: unreadable };
	return loadModule({
		slug,
		articleFile: shown(articlePath),
		articleSource: article.text,
		lessonFile: shown(lessonPath),
		lessonSource: lesson.text
	});
}

/** Load every module folder under `root`, in slug order. */
export function loadCatalogue(root: string = questionsDir()): Catalogue {
	const modules = new Map<string, Module>();
	const problems: ContentProblem[] = [];
	if (!existsSync(root)) return { modules, problems };
	const slugs = readdirSync(root)
		.filter((name) => !name.startsWith('.') && statSync(join(root, name)).isDirectory())
		.sort();
	for (const slug of slugs) {
		if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) {
			problems.push({
				file: relative(process.cwd(), join(root, slug)),
				line: 1,
				column: 1,
				message: 'module folder names use lower-case letters, digits and hyphens'
			});
			continue;
		}
		const result = loadModuleDir(join(root, slug), slug);
		if (result.ok) modules.set(slug, result.module);
		else problems.push(...result.problems);
	}
	return { modules, problems };
}

/**
 * The catalogue, loaded on first use and kept for the life of the process. It is kept on
 * globalThis because the production server bundles this file twice (the SvelteKit app and the
 * front server's grading path): one load, one log line per problem.
 */
const CACHE = Symbol.for('closeread.catalogue');
type WithCatalogue = typeof globalThis & { [CACHE]?: Catalogue };

export function catalogue(): Catalogue {
	const g = globalThis as WithCatalogue;
	if (!g[CACHE]) {
		g[CACHE] = loadCatalogue();
		for (const p of g[CACHE].problems) console.error(`[content] ${formatProblem(p)}`);
	}
	return g[CACHE];
}

export function getModule(slug: string): Module | undefined {
	return catalogue().modules.get(slug);
}
