/**
 * The item-quality rules of content:check. Each rule is proved both ways: tests/fixtures/quality/flawed
 * holds items that must trigger it (expected.txt lists "rule question-id" for every warning), and
 * tests/fixtures/quality/sound holds the same items rewritten, some of them long, that must not.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkQuality, formatWarning, RULES } from '../../../src/lib/content/quality.ts';
import { loadModuleDir } from '../../../src/lib/server/content.ts';

const DIR = 'tests/fixtures/quality';

function warningsOf(name: string) {
	const result = loadModuleDir(join(DIR, name), name);
	if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
	const file = join(DIR, name, 'lesson.yaml');
	return checkQuality(result.module, { file, source: readFileSync(file, 'utf8') });
}

describe('item-quality rules', () => {
	const flawed = warningsOf('flawed');
	const expected = readFileSync(join(DIR, 'flawed', 'expected.txt'), 'utf8')
		.trim()
		.split('\n')
		.sort();

	it('fires exactly the expected warnings on the flawed items', () => {
		expect(flawed.map((w) => `${w.rule} ${w.questionId}`).sort()).toEqual(expected);
	});

	it('proves every rule with at least one flawed item', () => {
		const fired = new Set(flawed.map((w) => w.rule));
		expect(RULES.filter((r) => !fired.has(r))).toEqual([]);
	});

	it('stays quiet on the same items rewritten, long options and explanations included', () => {
		expect(warningsOf('sound').map(formatWarning)).toEqual([]);
	});

	it('warns once a bank whose keys are the longest option more often than chance allows, at the first such key', () => {
		const cue = flawed.find((w) => w.rule === 'bank-cue' && w.message.includes('the longest'))!;
		expect(formatWarning(cue)).toBe(
			'tests/fixtures/quality/flawed/lesson.yaml:41:24: [bank-cue] first-move: the right option is the longest in 8 of 13 choices ' +
				'(first-move, mill-place, critics-warn, books-month, who-voted, word-critics, supporters, council-did); chance gives 5.0, ' +
				'and reaches 8 or more less than 1 time in 10: shorten some keys or lengthen their distractors'
		);
		// Each of those keys alone is within the per-item rule: only supporters is much longer than its distractors.
		expect(flawed.filter((w) => w.rule === 'long-key').map((w) => w.questionId)).toEqual(['supporters']);
	});

	it('points at the line of the field at fault', () => {
		const hint = flawed.find((w) => w.rule === 'key-in-hint')!;
		expect(formatWarning(hint)).toBe(
			'tests/fixtures/quality/flawed/lesson.yaml:28:9: [key-in-hint] librarian: hint 1 states the key, "Ana Ruiz"'
		);
		const long = flawed.find((w) => w.rule === 'long-key')!;
		expect(long.line).toBe(143);
	});
});

describe('the shipped modules', () => {
	it.each(['questions', 'tests/fixtures/e2e-questions'])('under %s are clean under every item-quality rule', (root) => {
		for (const slug of readdirSync(root).filter((n) => existsSync(join(root, n, 'lesson.yaml')))) {
			const result = loadModuleDir(join(root, slug), slug);
			expect(result.ok, slug).toBe(true);
			if (!result.ok) continue;
			const file = join(root, slug, 'lesson.yaml');
			expect(checkQuality(result.module, { file, source: readFileSync(file, 'utf8') }).map(formatWarning)).toEqual([]);
		}
	});
});

describe('npm run content:check -- [--strict] [folder]', { timeout: 30_000 }, () => {
	const run = (...args: string[]) =>
		spawnSync('npx', ['tsx', 'scripts/content-check.ts', ...args], { encoding: 'utf8' });

	it('prints warnings as file:line:col: [rule] question-id: message and exits 0 without --strict', () => {
		const r = run(join(DIR));
		expect(r.status).toBe(0);
		expect(r.stderr).toMatch(
			/^tests\/fixtures\/quality\/flawed\/lesson\.yaml:\d+:\d+: \[long-key\] supporters: the right option is 65 characters/m
		);
		expect(r.stdout).toContain('ok  sound: 2 sections, 3 paragraphs, 13 questions\n');
	});

	it('exits 0 with --strict on the shipped modules', () => {
		const r = run('--strict');
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
	});

	it('exits 1 with --strict when there is a warning', () => {
		const r = run('--strict', DIR);
		expect(r.status).toBe(1);
		expect(r.stderr).toContain('(--strict: failing)');
	});

	it('refuses an unknown option', () => {
		const r = run('--strickt');
		expect(r.status).toBe(2);
		expect(r.stderr).toContain('usage: npm run content:check -- [--strict] [folder]');
	});
});
