import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Module } from '../../src/lib/content/module.ts';
import { toPublicModule } from '../../src/lib/content/public.ts';
import { glossaryAskedIn } from '../../src/lib/content/visibility.ts';
import { fingerprint, loadKey, publicQuestionId, secretTexts } from './module-key';
import { SLUG } from './helpers';
import { createAssignment } from './assignment-steps';
import { answerRight, currentQuestion, panel, press } from './lesson-answers';

/** Glossary entries a question asks about: their definitions (and translations) are part of the key. */
function heldBack(module: Module) {
	const sectionIds = module.sections.map((s) => s.id);
	const asked = glossaryAskedIn(module.glossary, module.questions, sectionIds);
	return module.glossary.flatMap((g, i) =>
		asked[i]!.length > 0
			? [{ term: g.term, section: asked[i]!.at(-1)!, texts: [g.definition, ...Object.values(g.translations)] }]
			: []
	);
}

/** The fingerprints of held-back definitions found in any of the bodies received. */
function definitionsIn(module: Module, received: { name: string; body: string }[]): string[] {
	const publicText = JSON.stringify(toPublicModule(module)) + module.passage.text;
	const found: string[] = [];
	for (const h of heldBack(module)) {
		for (const text of h.texts) {
			const needle = fingerprint(text, publicText);
			if (!needle) continue;
			for (const r of received) if (r.body.includes(needle)) found.push(`${h.term}: "${needle}" in ${r.name}`);
		}
	}
	return found;
}

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

test('the answer key never reaches the browser before the answer', async ({ page, request }) => {
	const module = loadKey(SLUG);
	const served: { name: string; body: string }[] = [];

	// Everything the browser loads for the module page: HTML, data and every script and style.
	page.on('response', async (res) => {
		const body = await res.text().catch(() => '');
		served.push({ name: res.url(), body });
	});
	await page.goto(`/m/${SLUG}`);
	await page.waitForLoadState('networkidle');
	const data = await request.get(`/m/${SLUG}/__data.json`);
	expect(data.ok()).toBe(true);
	served.push({ name: '__data.json', body: await data.text() });
	// And every file of the client build, whether this page loads it or not.
	for (const file of filesUnder('build/client')) {
		if (/\.(js|css|html|json)$/.test(file)) served.push({ name: file, body: readFileSync(file, 'utf8') });
	}
	expect(served.some((s) => s.name.includes('__data.json'))).toBe(true);
	expect(served.filter((s) => s.name.endsWith('.js')).length).toBeGreaterThan(3);

	const publicText = JSON.stringify(toPublicModule(module)) + module.passage.text;
	let checked = 0;
	let total = 0;
	for (const q of module.questions) {
		for (const text of secretTexts(q)) {
			total++;
			const needle = fingerprint(text, publicText);
			if (!needle) continue; // every word of it is on the page anyway (e.g. a quote of the passage)
			for (const s of served) {
				expect(s.body.includes(needle), `${q.id}: "${needle}" found in ${s.name}`).toBe(false);
			}
			checked++;
		}
	}
	expect(checked).toBeGreaterThanOrEqual(module.questions.length * 2);
	// A glossary definition a question asks about answers it: it is part of the key too.
	expect(heldBack(module).length).toBeGreaterThanOrEqual(3);
	expect(definitionsIn(module, served)).toEqual([]);
	expect(checked / total).toBeGreaterThan(0.9);

	// No correctness flags or pairings in the data the page is built from.
	const dataBody = served.find((s) => s.name === '__data.json')!.body;
	for (const field of [
		'correct',
		'feedback',
		'explanation',
		'rubric',
		'required',
		'forbidden',
		'pairs',
		'expected',
		'answer'
	]) {
		expect(dataBody.includes(`"${field}"`), `field ${field} in __data.json`).toBe(false);
	}
});

test("a definition a question asks about reaches the browser only once that section's questions are over", async ({
	page,
	browser,
	request
}) => {
	test.setTimeout(180_000);
	const module = loadKey(SLUG);
	const held = heldBack(module);
	const received: { name: string; body: string }[] = [];
	const collect = (p: typeof page, tag: string) =>
		p.on('response', async (res) =>
			received.push({ name: `${tag} ${res.url()}`, body: await res.text().catch(() => '') })
		);

	// Practice: the page, its data, the start of an attempt, the first section read and its first question.
	collect(page, 'practice');
	await page.goto(`/m/${SLUG}`);
	await press(page, 'Start the lesson');
	await press(page, /on to the questions/);
	await expect(panel(page)).toBeVisible();
	received.push({ name: 'rendered practice lesson', body: await page.content() });
	const data = await request.get(`/m/${SLUG}/__data.json`);
	received.push({ name: '__data.json', body: await data.text() });
	// Review: every question of the module asked again.
	const seeds = module.questions.map((q) => `q=${encodeURIComponent(`${publicQuestionId(module, q)}:r1`)}`).join('&');
	const review = await request.post(`/review/questions?slug=${SLUG}&${seeds}`);
	expect(review.ok()).toBe(true);
	received.push({ name: 'review', body: await review.text() });
	// An assignment: a student joins and reaches the first question.
	const teacher = await browser.newPage();
	const { studentUrl } = await createAssignment(teacher, 'Glossary held back');
	await teacher.close();
	const context = await browser.newContext();
	const student = await context.newPage();
	collect(student, 'assignment');
	await student.goto(studentUrl);
	await student.getByLabel(/Your name/).fill('Gloss');
	await student.getByRole('button', { name: 'Start', exact: true }).click();
	await press(student, /on to the questions/);
	await expect(panel(student)).toBeVisible();
	received.push({ name: 'rendered assignment lesson', body: await student.content() });
	await context.close();
	expect(received.some((r) => r.name.includes('/api/practice'))).toBe(true);
	expect(received.some((r) => r.name.includes('/attempt'))).toBe(true);
	expect(definitionsIn(module, received)).toEqual([]);

	// Once the first section's questions are over, its recap gives the words they asked about.
	const first = module.sections[0]!;
	for (let qi = 0; qi < first.questionIds.length; qi++) {
		const q = await currentQuestion(page, module);
		await answerRight(page, module, q);
		await press(page, 'Check answer');
		await expect(panel(page).getByRole('heading', { level: 3, name: /Right/ })).toBeFocused();
		await press(page, qi === first.questionIds.length - 1 ? 'Finish this section' : 'Next question');
	}
	await expect(page.getByRole('heading', { level: 1, name: `Recap: ${first.title}` })).toBeFocused();
	const words = held.filter((h) => h.section === 0);
	const list = page.locator('details', { hasText: /^Glossary: \d+ words? from these questions/ });
	await expect(list.locator('summary')).toHaveText(`Glossary: ${words.length} words from these questions`);
	await list.locator('summary').press('Enter');
	for (const h of words) {
		await expect(list.getByText(h.term, { exact: true })).toBeVisible();
		await expect(list).toContainText(h.texts[0]!);
	}
	// Words the later sections ask about are still held back.
	const later = held.find((h) => h.section > 0)!;
	await expect(page.getByText(later.texts[0]!)).toHaveCount(0);
});
