import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { formatProblem, loadModule } from '../../../src/lib/content/module.ts';
import { loadCatalogue, loadModuleDir } from '../../../src/lib/server/content.ts';

const FIXTURES = 'tests/fixtures/modules';
const broken = readdirSync(FIXTURES).filter((name) => existsSync(join(FIXTURES, name, 'expected.txt')));

describe('broken module fixtures', () => {
	it('has a fixture for each kind of content error', () => {
		expect(broken.length).toBeGreaterThanOrEqual(12);
	});

	it.each(broken)('%s: reports file, line, column and message', (name) => {
		const expected = readFileSync(join(FIXTURES, name, 'expected.txt'), 'utf8')
			.trim()
			.split('\n');
		const result = loadModuleDir(join(FIXTURES, name), name);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		const got = result.problems.map((p) => formatProblem({ ...p, file: p.file.split('/').pop()! }));
		expect(got).toEqual(expected);
	});
});

describe('valid modules', () => {
	it('loads the valid fixture and resolves its evidence', () => {
		const result = loadModuleDir(join(FIXTURES, 'valid'), 'valid');
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const m = result.module;
		expect(m.meta.title).toBe('A Small Test Article');
		expect(m.sections.map((s) => [s.id, s.title])).toEqual([
			['s1', 'Opening'],
			['s2', 'The reaction']
		]);
		const q = m.questions[0]!;
		const r = q.resolved.explanation[0]!;
		expect(m.passage.text.slice(r.start, r.end)).toBe('sent 3,000 apples');
		expect(r.sentences).toEqual(['p1.s1']);
	});

	it('leaves broken modules out of the catalogue and keeps the good ones', () => {
		const { modules, problems } = loadCatalogue(FIXTURES);
		expect([...modules.keys()]).toEqual(['valid']);
		expect(problems.length).toBeGreaterThanOrEqual(broken.length);
	});

	it('loads every module under questions/', () => {
		const { modules, problems } = loadCatalogue('questions');
		expect(problems.map(formatProblem)).toEqual([]);
		expect(modules.size).toBeGreaterThanOrEqual(1);
		for (const m of modules.values()) {
			for (const q of m.questions) {
				for (const r of q.resolved.explanation) {
					expect(r.end).toBeGreaterThan(r.start);
				}
			}
		}
	});
});

describe('the server catalogue', () => {
	it('logs each problem once, however many copies of the loader the server bundles', async () => {
		const key = Symbol.for('closeread.catalogue');
		const g = globalThis as Record<symbol, unknown>;
		const before = process.env.QUESTIONS_DIR;
		const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			delete g[key];
			process.env.QUESTIONS_DIR = FIXTURES;
			vi.resetModules();
			const first = await import('../../../src/lib/server/content.ts');
			vi.resetModules();
			const second = await import('../../../src/lib/server/content.ts');
			expect(first.catalogue).not.toBe(second.catalogue);
			const problems = first.catalogue().problems.length;
			second.catalogue();
			expect(problems).toBeGreaterThanOrEqual(broken.length);
			expect(spy).toHaveBeenCalledTimes(problems);
		} finally {
			spy.mockRestore();
			delete g[key];
			if (before === undefined) delete process.env.QUESTIONS_DIR;
			else process.env.QUESTIONS_DIR = before;
		}
	});
});

describe('YAML slips', () => {
	const article = readFileSync(join(FIXTURES, 'valid', 'article.md'), 'utf8');
	const lesson = readFileSync(join(FIXTURES, 'valid', 'lesson.yaml'), 'utf8');
	const problemsOf = (lessonSource: string) => {
		const r = loadModule({
			slug: 'x',
			articleFile: 'article.md',
			articleSource: article,
			lessonFile: 'lesson.yaml',
			lessonSource
		});
		return r.ok ? [] : r.problems.map(formatProblem);
	};

	it.each([
		[
			'a tab for indentation',
			lesson.replace('    section: s1', '\tsection: s1'),
			/^lesson\.yaml:\d+:1: this line is indented with a tab; YAML needs spaces$/
		],
		[
			'a field out of line with the fields above it',
			lesson.replace('objectives:\n  - id: facts', 'objectives:\n  - id: facts\n title: x'),
			/^lesson\.yaml:\d+:\d+: this line /
		],
		[
			'the same field twice',
			lesson.replace('    prompt: How many apples?', '    prompt: How many apples?\n    prompt: Again?'),
			/^lesson\.yaml:\d+:5: the same field appears twice/
		]
	])('%s gives one plain message', (_name, source, message) => {
		const problems = problemsOf(source);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(message);
	});
});
