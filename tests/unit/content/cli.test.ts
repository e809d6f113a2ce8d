import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { normalizeForMatch } from '../../../src/lib/content/passage.ts';
import type { ModuleExport } from '../../../src/lib/content/export.ts';

// Budgets: each run starts Node with tsx and loads every module, seconds on a busy machine. The
// child gets 60 s, each test 90 s, so a slow machine is never mistaken for a failure.
const CHILD_BUDGET_MS = 60_000;
const TEST_BUDGET = { timeout: 90_000 };
const run = (script: string, ...args: string[]) =>
	spawnSync('npx', ['tsx', `scripts/${script}`, ...args], { encoding: 'utf8', timeout: CHILD_BUDGET_MS });

const same = (a: string, b: string) => normalizeForMatch(a).text === normalizeForMatch(b.trim()).text;

describe('npm run content:check', TEST_BUDGET, () => {
	it('passes on the real modules', () => {
		const r = run('content-check.ts');
		// Problems (not item-quality warnings, which carry a [rule]) would make the module unusable.
		expect(r.stderr).not.toMatch(/^\S+:\d+:\d+: (?!\[)/m);
		expect(r.status).toBe(0);
		expect(r.stdout).toContain('ok  seoul-warns-north-korean-soldiers-russia');
	});

	it('fails with a precise message for each broken fixture', () => {
		const r = run('content-check.ts', 'tests/fixtures/modules');
		expect(r.status).toBe(1);
		expect(r.stderr).toMatch(/tests\/fixtures\/modules\/duplicate-id\/lesson\.yaml:29:9: duplicate question id "q1"/);
		expect(r.stderr).toMatch(
			/quote-not-found\/lesson\.yaml:28:11: quote "sent 4,000 apples" was not found in the article/
		);
		expect(r.stderr).toMatch(/problems found\.$/m);
	});
});

describe('npm run content:export', TEST_BUDGET, () => {
	const r = run('content-export.ts', 'seoul-warns-north-korean-soldiers-russia');
	const data = JSON.parse(r.stdout) as ModuleExport;

	it('prints the module as JSON', () => {
		expect(r.status).toBe(0);
		expect(data.slug).toBe('seoul-warns-north-korean-soldiers-russia');
		expect(data.passage.paragraphs.length).toBe(11);
	});

	it('slices exactly the quoted words for every evidence range', () => {
		let checked = 0;
		for (const q of data.questions) {
			q.explanation.evidence.forEach((quote, i) => {
				const range = q.resolved.explanation[i]!;
				expect(range.text).toBe(data.passage.text.slice(range.start, range.end));
				expect(same(range.text, quote), `${q.id}: "${quote}" vs "${range.text}"`).toBe(true);
				checked++;
			});
		}
		expect(checked).toBeGreaterThan(data.questions.length - 1);
	});

	it('gives every sentence a range that slices its text', () => {
		for (const p of data.passage.paragraphs) {
			for (const s of p.sentences) expect(data.passage.text.slice(s.start, s.end)).toBe(s.text);
		}
	});

	it('gives each typed answer its model answer and its rubric, every concept in the long form', () => {
		expect(data.exportVersion).toBe(2);
		const rubrics = data.questions.flatMap((q) =>
			q.type === 'short-answer' ? [q.rubric] : q.type === 'cloze' ? q.blanks.flatMap((b) => b.rubric ?? []) : []
		);
		expect(rubrics.length).toBeGreaterThanOrEqual(4); // three short answers and one typed blank
		for (const r of rubrics) {
			for (const c of [...r.required, ...r.forbidden]) expect(c).toMatchObject({ any: expect.any(Array) });
		}
		const veto = data.questions.find((q) => q.id === 'russia-vetoed');
		expect(veto).toMatchObject({ answer: 'the renewal of UN sanctions monitoring against North Korea' });
	});

	it('refuses an unknown slug', () => {
		const bad = run('content-export.ts', 'no-such-module');
		expect(bad.status).toBe(2);
		expect(bad.stderr).toContain('no module folder');
	});
});
