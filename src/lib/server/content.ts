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
	return loadModule({
		slug,
		articleFile: shown(articlePath),
		articleSource: readFileSync(articlePath, 'utf8'),
		lessonFile: shown(lessonPath),
		lessonSource: readFileSync(lessonPath, 'utf8')
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
