import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { toPublicModule } from '../../src/lib/content/public.ts';
import { fingerprint, loadKey, secretTexts } from './module-key';
import { SLUG } from './helpers';

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
