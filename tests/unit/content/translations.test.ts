import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { glossaryEntry } from '../../../src/lib/content/schema.ts';
import { loadModuleDir } from '../../../src/lib/server/content.ts';

const SLUG = 'seoul-warns-north-korean-soldiers-russia';

describe('glossary translations', () => {
	it('are optional, keyed by a known language code', () => {
		expect(glossaryEntry.parse({ term: 'veto', definition: 'To block.' }).translations).toEqual({});
		const entry = glossaryEntry.parse({ term: 'veto', definition: 'To block.', translations: { es: 'Vetar.' } });
		expect(entry.translations).toEqual({ es: 'Vetar.' });
	});

	it.each([
		['an unknown language code', { xx: 'Vetar.' }],
		['an empty translation', { es: '' }],
		['a list instead of a map', ['Vetar.']]
	])('reject %s', (_label, translations) => {
		expect(glossaryEntry.safeParse({ term: 'veto', definition: 'To block.', translations }).success).toBe(false);
	});

	it('cover every glossary entry of the Seoul module in Spanish', () => {
		const result = loadModuleDir(join('questions', SLUG), SLUG);
		if (!result.ok) throw new Error('the module does not load');
		const glossary = result.module.glossary;
		expect(glossary.length).toBeGreaterThan(0);
		for (const g of glossary) {
			const es = g.translations.es ?? '';
			expect(es.trim(), g.term).not.toBe('');
			expect(es, g.term).not.toBe(g.definition);
		}
	});
});
