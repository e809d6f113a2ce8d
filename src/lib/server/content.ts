/**
 * Modules on disk: every folder under questions/ with an article.md and a lesson.yaml. Parsed once
 * and cached; a broken module is logged and left out of the catalogue, never crashing the server.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
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
	const problems: ContentProblem[] = [];
	const read = (p: string): string | null => {
		const file = shown(p);
		const problem = (message: string) => {
			problems.push({ file, line: 1, column: 1, message });
			return null;
		};
		const stat = statSync(p, { throwIfNoEntry: false });
		if (!stat) return problem(lstatExists(p) ? 'is a link to a file that does not exist' : 'file is missing');
		if (stat.isDirectory()) return problem('is a folder, not a file');
		if (!stat.isFile()) return problem('is not a regular file');
		if (stat.size > MAX_FILE_BYTES) return problem(`is ${stat.size} bytes; a module file is at most ${MAX_FILE_BYTES}`);
		try {
			const decoded = readUtf8(p, file);
			if (decoded.ok) return decoded.text;
			problems.push(decoded.problem);
			return null;
		} catch (error) {
			return problem(`cannot be read (${errorCode(error)})`);
		}
	};
	const articleSource = read(articlePath);
	const lessonSource = read(lessonPath);
	if (articleSource === null || lessonSource === null) return { ok: false, problems };
	try {
		return loadModule({
			slug,
			articleFile: shown(articlePath),
			articleSource,
			lessonFile: shown(lessonPath),
			lessonSource
		});
	} catch (error) {
		// A bug met by odd content must cost only this module, never the catalogue.
		return {
			ok: false,
			problems: [{ file: shown(dir), line: 1, column: 1, message: `could not be loaded: ${String(error)}` }]
		};
	}
}

/** Largest article.md or lesson.yaml read at all (the article's own limits are in content/limits.ts). */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

function lstatExists(p: string): boolean {
	return lstatSync(p, { throwIfNoEntry: false }) !== undefined;
}

function errorCode(error: unknown): string {
	return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : String(error);
}

/** Load every module folder under `root`, in slug order. */
export function loadCatalogue(root: string = questionsDir()): Catalogue {
	const modules = new Map<string, Module>();
	const problems: ContentProblem[] = [];
	if (!existsSync(root)) return { modules, problems };
	const slugs: string[] = [];
	for (const name of readdirSync(root).sort()) {
		if (name.startsWith('.')) continue;
		const path = join(root, name);
		const stat = statSync(path, { throwIfNoEntry: false });
		if (stat?.isDirectory()) slugs.push(name);
		else if (!stat) {
			problems.push({
				file: relative(process.cwd(), path),
				line: 1,
				column: 1,
				message: 'is a link to something that does not exist'
			});
		}
	}
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
