/**
 * Each page names every script it runs, so the browser asks for them all at once instead of
 * finding one file's imports only once the file before it has come: the module page in the list its
 * script at the end of its body adds, the other pages in SvelteKit's Link header.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { SLUG } from './helpers';
import { createAssignment } from './assignment-steps';

/** The scripts a script imports statically, as absolute URLs (the bundler writes `from"./x.js"`). */
async function staticImports(request: APIRequestContext, url: string): Promise<string[]> {
	const reply = await request.get(url);
	expect(reply.ok(), url).toBe(true);
	const code = await reply.text();
	return [...code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)].map(
		(m) => new URL(m[1]!, url).href
	);
}

/** The page's named scripts and every script they import, however deep. */
async function namedAndRun(request: APIRequestContext, named: string[]) {
	const run = new Set<string>();
	const queue = [...named];
	while (queue.length > 0) {
		const url = queue.pop()!;
		if (run.has(url)) continue;
		run.add(url);
		queue.push(...(await staticImports(request, url)));
	}
	return run;
}

/** A page that asks for its scripts from the end of its body (scripted-preloads.js) names every one it runs. */
async function expectAllNamedAtEnd(request: APIRequestContext, url: string) {
	const html = await (await request.get(url)).text();
	const named = (/<script data-modulepreload="([^"]+)"/.exec(html)?.[1] ?? '')
		.split(' ')
		.map((h) => new URL(h, url).href);
	expect(named.length).toBeGreaterThan(0);
	expect([...(await namedAndRun(request, named))].sort()).toEqual([...new Set(named)].sort());
}

test('the module page names every script its own scripts import', async ({ request, baseURL }) => {
	await expectAllNamedAtEnd(request, `${baseURL}/m/${SLUG}`);
});

test("an assignment's page names every script its own scripts import", async ({ page, request }) => {
	const { studentUrl } = await createAssignment(page, 'Scripts named');
	await expectAllNamedAtEnd(request, studentUrl);
});

for (const path of ['/', '/teach', '/review']) {
	test(`${path} names every script its own scripts import`, async ({ request, baseURL }) => {
		const url = `${baseURL}${path}`;
		const reply = await request.get(url);
		const named = [...(reply.headers()['link'] ?? '').matchAll(/<([^>]+\.js)>;\s*rel="modulepreload"/g)].map(
			(m) => new URL(m[1]!, url).href
		);
		expect(named.length).toBeGreaterThan(0);
		expect([...(await namedAndRun(request, named))].sort()).toEqual([...new Set(named)].sort());
	});
}
