/**
 * Broken modules cost only themselves: a lesson.yaml that is a folder, links to nothing, and
 * articles too large to be an article are content problems with file:line, while every good
 * module still loads, in the server's catalogue and in `npm run content:check`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../../src/lib/content/module.ts';
import { MAX_ARTICLE_CHARS, MAX_PARAGRAPH_CHARS } from '../../../src/lib/content/limits.ts';
import { loadCatalogue } from '../../../src/lib/server/content.ts';

const GOOD = 'seoul-warns-north-korean-soldiers-russia';
let root: string;
const shown = (...parts: string[]) => relative(process.cwd(), join(root, ...parts));

beforeAll(() => {
	root = mkdtempSync(join(tmpdir(), 'closeread-broken-'));
	cpSync(join('questions', GOOD), join(root, GOOD), { recursive: true });
	const article = join('questions', GOOD, 'article.md');
	const lesson = join('questions', GOOD, 'lesson.yaml');
	// lesson.yaml is a folder
	mkdirSync(join(root, 'folder-lesson', 'lesson.yaml'), { recursive: true });
	cpSync(article, join(root, 'folder-lesson', 'article.md'));
	// a link in questions/ to nothing, and a module whose lesson.yaml links to nothing
	symlinkSync(join(root, 'nowhere'), join(root, 'ghost'));
	mkdirSync(join(root, 'dangling-lesson'));
	cpSync(article, join(root, 'dangling-lesson', 'article.md'));
	symlinkSync(join(root, 'nowhere.yaml'), join(root, 'dangling-lesson', 'lesson.yaml'));
	// a paragraph of 156,000 characters on line 7, and an article of more than the limit
	mkdirSync(join(root, 'long-paragraph'));
	writeFileSync(
		join(root, 'long-paragraph', 'article.md'),
		`---\ntitle: Long\n---\n\n## One\n\n${'U.S. officials said more. '.repeat(6_000)}\n\nA short one.\n`
	);
	cpSync(lesson, join(root, 'long-paragraph', 'lesson.yaml'));
	mkdirSync(join(root, 'huge-article'));
	writeFileSync(
		join(root, 'huge-article', 'article.md'),
		`---\ntitle: Huge\n---\n\n${'A sentence of an article. '.repeat(300).concat('\n\n').repeat(40)}`
	);
	cpSync(lesson, join(root, 'huge-article', 'lesson.yaml'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the catalogue with broken modules beside a good one', () => {
	it('serves the good module and names each broken one with file:line', () => {
		const { modules, problems } = loadCatalogue(root);
		expect([...modules.keys()]).toEqual([GOOD]);
		const lines = problems.map(formatProblem);
		expect(lines).toContain(`${shown('folder-lesson', 'lesson.yaml')}:1:1: is a folder, not a file`);
		expect(lines).toContain(`${shown('ghost')}:1:1: is a link to something that does not exist`);
		expect(lines).toContain(`${shown('dangling-lesson', 'lesson.yaml')}:1:1: is a link to a file that does not exist`);
		expect(lines).toContain(
			`${shown('long-paragraph', 'article.md')}:7:1: this paragraph is 156,001 characters long; the limit is ${MAX_PARAGRAPH_CHARS.toLocaleString('en-US')}. Separate paragraphs with a blank line.`
		);
		expect(lines.find((l) => l.startsWith(`${shown('huge-article', 'article.md')}:1:1: the article is`))).toContain(
			`the limit is ${MAX_ARTICLE_CHARS.toLocaleString('en-US')}`
		);
		expect(problems).toHaveLength(5);
	});

	it('content:check lists the same problems and exits 1 without crashing', { timeout: 90_000 }, () => {
		const r = spawnSync('npx', ['tsx', 'scripts/content-check.ts', root], { encoding: 'utf8', timeout: 60_000 });
		expect(r.status).toBe(1);
		expect(r.stderr).toContain('is a folder, not a file');
		expect(r.stderr).toContain('is a link to something that does not exist');
		expect(r.stderr).toContain(':7:1: this paragraph is 156,001 characters long');
		expect(r.stderr).toMatch(/^5 problems found\.$/m);
		expect(r.stdout).toContain(`ok  ${GOOD}`);
	});
});
