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
			return readFileSync(p, 'utf8');
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

let cached: Catalogue | null = null;

/** The catalogue, loaded on first use and kept for the life of the process. */
export function catalogue(): Catalogue {
	if (!cached) {
		cached = loadCatalogue();
		for (const p of cached.problems) console.error(`[content] ${formatProblem(p)}`);
	}
	return cached;
}

export function getModule(slug: string): Module | undefined {
	return catalogue().modules.get(slug);
}
