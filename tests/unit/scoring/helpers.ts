import { join } from 'node:path';
import type { Module, ResolvedQuestion } from '../../../src/lib/content/module.ts';
import { loadModuleDir } from '../../../src/lib/server/content.ts';

export const REAL_SLUG = 'seoul-warns-north-korean-soldiers-russia';

function load(dir: string, slug: string): Module {
	const result = loadModuleDir(dir, slug);
	if (!result.ok) throw new Error(`fixture ${slug} does not load: ${JSON.stringify(result.problems)}`);
	return result.module;
}

/** The first real module, as students get it. */
export const realModule = (): Module => load(join('questions', REAL_SLUG), REAL_SLUG);

/** A small module with one question of each type and a custom policy (2 tries, 50% retry cost, 20% per hint). */
export const smallModule = (): Module => load('tests/fixtures/scoring/small', 'small');

export function questionOf(m: Module, id: string): ResolvedQuestion {
	const q = m.questions.find((x) => x.id === id);
	if (!q) throw new Error(`no question ${id}`);
	return q;
}

/** The public label (o2, r1, b3) that a labelling gives an author id. */
export function labelOf(map: Record<string, string>, authorId: string): string {
	const entry = Object.entries(map).find(([, id]) => id === authorId);
	if (!entry) throw new Error(`no label for ${authorId}`);
	return entry[0];
}
