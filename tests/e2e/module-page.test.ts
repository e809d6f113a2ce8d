/**
 * The module page as a student's browser gets it: the same page for everyone, kept by the server and
 * revalidated with its ETag; compressed replies that decode to that page; an article that reads
 * without JavaScript; and, with JavaScript, the first question right after Start.
 */
import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, test, type Locator } from '@playwright/test';
import { expectFirstPaintAlone, holdPageScripts, pageIsLive, SLUG } from './helpers';
import { panel, press } from './lesson-answers';

/** A raw GET (no decoding), as a browser's network layer sees it. */
function rawGet(url: string, headers: Record<string, string>) {
	return new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>((resolve, reject) => {
		const req = httpRequest(url, { headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () =>
				resolve({
					status: res.statusCode ?? 0,
					headers: res.headers as Record<string, string>,
					body: Buffer.concat(chunks)
				})
			);
		});
		req.on('error', reject);
		req.end();
	});
}

test('the module page has an ETag, answers 304 when the browser has it, and is the same for every student', async ({
	baseURL
}) => {
	const url = `${baseURL}/m/${SLUG}`;
	const first = await rawGet(url, { 'accept-encoding': 'gzip' });
	expect(first.status).toBe(200);
	const etag = first.headers.etag!;
	expect(etag).toMatch(/^"[^"]+"$/);
	expect(first.headers['cache-control']).toBe('no-cache');
	const again = await rawGet(url, { 'accept-encoding': 'gzip', 'if-none-match': etag });
	expect(again.status).toBe(304);
	expect(again.body.byteLength).toBe(0);
	// Another student, another moment: the same page, byte for byte.
	const other = await rawGet(url, { 'accept-encoding': 'gzip' });
	expect(other.headers.etag).toBe(etag);
	expect(gunzipSync(other.body).equals(gunzipSync(first.body))).toBe(true);
	// A stale tag gets the page.
	const stale = await rawGet(url, { 'accept-encoding': 'gzip', 'if-none-match': '"an-older-version"' });
	expect(stale.status).toBe(200);
});

test('the first paint waits on no other request: styles inline, the scripts asked for after the text', async ({
	page
}) => {
	const hrefs = await expectFirstPaintAlone(page, `/m/${SLUG}`);
	// Each carries V8's compile hint on its first line, so Chrome compiles it off the main thread.
	for (const href of hrefs) {
		const script = await page.request.get(href);
		expect(script.ok()).toBe(true);
		expect((await script.text()).slice(0, 40), href).toMatch(/^\/\/# allFunctionsCalledOnLoad\n/);
	}
});

test('the compressed replies, brotli and gzip, decode to the page sent uncompressed', async ({ baseURL }) => {
	const url = `${baseURL}/m/${SLUG}`;
	const plain = await rawGet(url, { 'accept-encoding': 'identity' });
	const br = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br' });
	const gz = await rawGet(url, { 'accept-encoding': 'gzip' });
	expect(plain.headers['content-encoding']).toBeUndefined();
	expect(br.headers['content-encoding']).toBe('br');
	expect(gz.headers['content-encoding']).toBe('gzip');
	expect(br.body.byteLength).toBeLessThan(plain.body.byteLength / 4);
	expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
	expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
	expect(plain.body.toString()).toContain('<h1>');
	// The page carries its security headers from the cache too.
	for (const reply of [plain, br, gz]) {
		expect(reply.headers['content-security-policy']).toContain("script-src 'self'");
		expect(reply.headers['x-frame-options']).toBe('DENY');
	}
});

test('without JavaScript the start page still reads: the article, the glossary and the map', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	// Playwright stops scripts but its Chromium still reads <noscript> as text, which a browser with
	// JavaScript switched off does not: such a browser shows what <noscript> holds. The page is given
	// to this one as such a browser reads it (the <noscript> tags taken away, the rest as sent).
	let noscriptParts = 0;
	await page.route(`**/m/${SLUG}`, async (route) => {
		const response = await route.fetch();
		const html = await response.text();
		noscriptParts = html.split('<noscript>').length - 1;
		await route.fulfill({ response, body: html.replaceAll(/<\/?noscript>/g, '') });
	});
	await page.goto(`/m/${SLUG}`);
	expect(noscriptParts).toBe(1);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	// Start needs the script, and says so by being disabled.
	await expect(page.getByRole('button', { name: 'Start the lesson' })).toBeDisabled();
	await page.getByText('Read the whole article first').click();
	await expect(page.getByText('South Korea said Tuesday it would consider supplying arms to')).toBeVisible();
	await page.getByText(/^Glossary: \d+ words and names$/).click();
	await expect(page.getByRole('button', { name: 'Show in passage: Pyongyang', exact: true })).toBeVisible();
	// The map is an image the server draws: the page itself carries no path data.
	const map = page.getByRole('img', { name: /South Korea/ });
	await map.scrollIntoViewIfNeeded();
	await expect(map).toBeVisible();
	expect(await map.evaluate((image) => image.tagName)).toBe('IMG');
	await expect
		.poll(() => map.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth))
		.toBeGreaterThan(0);
	await context.close();
});

test('with JavaScript, "Before you read" is made once the page is idle, and not sent as elements', async ({ page }) => {
	const response = await page.goto(`/m/${SLUG}`);
	const html = (await response!.text()).replaceAll(/<noscript>[\s\S]*?<\/noscript>/g, '');
	// What a browser with JavaScript builds from the HTML: no timeline, map, glossary or article.
	expect(html).toContain('Before you read');
	expect(html).not.toContain('Read the whole article first');
	expect(html).not.toContain('Timeline');
	// The page makes them itself, without the student scrolling or pressing anything.
	await expect(page.getByRole('heading', { name: 'Timeline' })).toBeAttached();
	await expect(page.getByText('Read the whole article first')).toBeAttached();
	await expect(page.getByText(/^Glossary: \d+ words and names$/)).toBeAttached();
});

test("Start pressed before the page's script has loaded opens the lesson once it has", async ({ page }) => {
	// The page's script is held back until the student has pressed Start.
	const { release, violations } = await holdPageScripts(page);
	await page.goto(`/m/${SLUG}`, { waitUntil: 'domcontentloaded' });
	const start = page.getByRole('button', { name: 'Start the lesson' });
	await expect(start).toBeEnabled();
	await start.press('Enter');
	await expect(page.getByRole('status').filter({ hasText: 'Opening the lesson…' })).toBeVisible();
	await expect(start).toHaveAttribute('aria-busy', 'true');
	release();
	await expect(page.getByRole('heading', { level: 1, name: 'Troops for Russia' })).toBeFocused();
	await expect(page.getByText('Opening the lesson…')).toHaveCount(0);
	expect(violations).toEqual([]);
});

test("Start, once enabled, is never disabled again as the page's script takes over: a press at any moment counts", async ({
	page
}) => {
	// Every change of the Start button's disabled attribute, from the first parse on: the value it had.
	await page.addInitScript(() => {
		const changes: (string | null)[] = [];
		(window as unknown as { startChanges: typeof changes }).startChanges = changes;
		new MutationObserver((records) => {
			for (const r of records)
				if ((r.target as HTMLElement).textContent?.includes('Start the lesson')) changes.push(r.oldValue);
		}).observe(document, { subtree: true, attributes: true, attributeFilter: ['disabled'], attributeOldValue: true });
	});
	await page.goto(`/m/${SLUG}`);
	await pageIsLive(page);
	// One change: the page's HTML enables it (it was disabled, old value ""). Before, the page's
	// script disabled it again while taking the page over, and a press in that moment was lost.
	expect(await page.evaluate(() => (window as unknown as { startChanges: (string | null)[] }).startChanges)).toEqual([
		''
	]);
	await press(page, /^Start the lesson/);
	await expect(page.getByRole('heading', { level: 1, name: 'Troops for Russia' })).toBeFocused();
});

test("the student's attempt is asked for once, as soon as the page's text is read, and a reload resumes it", async ({
	page
}) => {
	const asked: (string | undefined)[] = [];
	page.on('request', (request) => {
		if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/practice') {
			asked.push((request.postDataJSON() as { token?: string }).token);
		}
	});
	// The page's scripts are held back: the attempt's questions come in while they load.
	const { release, violations } = await holdPageScripts(page);
	await page.goto(`/m/${SLUG}`, { waitUntil: 'domcontentloaded' });
	await expect.poll(() => asked).toEqual([undefined]);
	release();
	await press(page, /^Start the lesson/);
	await expect(page.getByRole('heading', { level: 1, name: 'Troops for Russia' })).toBeFocused();
	await press(page, /on to the questions/);
	await expect(panel(page)).toBeVisible();
	expect(asked).toEqual([undefined]);
	// A reload resumes the same attempt, with one request carrying this device's token.
	const token = await page.evaluate((slug) => localStorage.getItem(`closeread.practice.${slug}`), SLUG);
	expect(token).toBeTruthy();
	await page.reload();
	await expect(panel(page)).toBeVisible();
	await expect.poll(() => asked).toEqual([undefined, token]);
	expect(violations).toEqual([]);
});

test('with JavaScript the folded parts and the map come alive when used', async ({ page }) => {
	await page.goto(`/m/${SLUG}`);
	await pageIsLive(page);
	// The map's legend marks a country, once the reader has scrolled down to it.
	await page.getByRole('heading', { name: 'Where' }).scrollIntoViewIfNeeded();
	const mark = page.getByRole('button', { name: 'Mark South Korea on the map' });
	await mark.press('Enter');
	await expect(mark).toHaveAttribute('aria-pressed', 'true');
	// The drawing, fetched as the map came near, is in the page's own colours and rings the country.
	const drawing = page.getByRole('img', { name: /South Korea/ });
	expect(await drawing.evaluate((svg) => svg.tagName.toLowerCase())).toBe('svg');
	await expect(drawing.locator('path.country')).toHaveCount(
		await page.getByRole('button', { name: /^Mark .* on the map$/ }).count()
	);
	await expect(drawing.locator('circle.ring')).toHaveCount(1);
	// A glossary word in the article opens its definition.
	await page.getByText('Read the whole article first').click();
	const kyiv = page.getByRole('button', { name: /^Kyiv \(glossary\)$/ });
	const word = page.locator('#main').locator(kyiv);
	await word.click();
	await expect(word).toHaveAttribute('aria-expanded', 'true');
	const term = page.locator('#main .glossary-term', { has: kyiv });
	await expect(term.getByText('The capital city of Ukraine.')).toBeVisible();
});

test("the map's drawing is not in the page: it is a file of its own, fetched once the map is near", async ({
	page,
	request
}) => {
	const html = await (await request.get(`/m/${SLUG}`)).text();
	const json = await request.get(`/m/${SLUG}/map.json`);
	expect(json.status()).toBe(200);
	expect(json.headers()['content-type']).toBe('application/json');
	const geometry = (await json.json()) as { base: string; countries: { iso: string; d: string }[] };
	expect(geometry.base.length).toBeGreaterThan(1000);
	expect(geometry.countries.map((c) => c.iso)).toContain('410');
	// Neither the page's data nor its markup for browsers without JavaScript carries the drawing.
	expect(html).not.toContain(geometry.base.slice(0, 200));
	for (const country of geometry.countries) expect(html).not.toContain(country.d.slice(0, 60));
	// Kept like the page: a strong validator, and 304 when the browser has it already.
	const etag = json.headers()['etag']!;
	expect(etag).toMatch(/^"[^"]+"$/);
	expect((await request.get(`/m/${SLUG}/map.json`, { headers: { 'if-none-match': etag } })).status()).toBe(304);
	const svg = await request.get(`/m/${SLUG}/map.svg`);
	expect(svg.headers()['content-type']).toBe('image/svg+xml');
	expect(svg.headers()['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
	const image = await svg.text();
	expect(image).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
	expect(image).toContain('South Korea');
	expect(image).not.toContain('<script');
	expect((await request.get('/m/no-such-lesson/map.json')).status()).toBe(404);
	// The page asks for the drawing only when the map comes near the screen.
	const asked: string[] = [];
	page.on('request', (r) => {
		if (/\/map\.(json|svg)$/.test(new URL(r.url()).pathname)) asked.push(new URL(r.url()).pathname);
	});
	await page.goto(`/m/${SLUG}`);
	await pageIsLive(page);
	const where = page.getByRole('heading', { name: 'Where' });
	await expect(where).toBeAttached();
	// The map is well below the screen (more than the 200 px the page looks ahead), and two frames
	// later, when the browser would have said it was near, nothing has been asked for.
	const below = await where.evaluate(async (heading) => {
		await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
		return heading.getBoundingClientRect().top - window.innerHeight;
	});
	expect(below).toBeGreaterThan(200);
	expect(asked).toEqual([]);
	await where.scrollIntoViewIfNeeded();
	await expect(page.locator('svg.map[role="img"]')).toBeVisible();
	expect(asked).toEqual([`/m/${SLUG}/map.json`]);
});

test('a map whose drawing cannot be fetched is shown as the server drawn image', async ({ page }) => {
	await page.route(`**/m/${SLUG}/map.json`, (route) => route.abort());
	await page.goto(`/m/${SLUG}`);
	await pageIsLive(page);
	await page.getByRole('heading', { name: 'Where' }).scrollIntoViewIfNeeded();
	const map = page.getByRole('img', { name: /South Korea/ });
	await expect(map).toBeVisible();
	expect(await map.evaluate((image) => image.tagName)).toBe('IMG');
	await expect
		.poll(() => map.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth))
		.toBeGreaterThan(0);
	// The legend still works.
	const mark = page.getByRole('button', { name: 'Mark South Korea on the map' });
	await mark.press('Enter');
	await expect(mark).toHaveAttribute('aria-pressed', 'true');
});

test("the map's image is drawn in the page's colours, light and dark", async ({ browser }) => {
	/** Each part's fill and stroke, as the browser draws them in the map `drawing`. */
	const colours = (drawing: Locator) =>
		drawing.evaluate((root) =>
			['.sea', '.land', '.country', '.dot'].map((name) => {
				const style = getComputedStyle(root.querySelector(name)!);
				return `${name} ${style.fill} ${style.stroke}`;
			})
		);
	const seen: string[][] = [];
	for (const colorScheme of ['light', 'dark'] as const) {
		const context = await browser.newContext({ colorScheme });
		const page = await context.newPage();
		await page.goto(`/m/${SLUG}`);
		await pageIsLive(page);
		await page.getByRole('heading', { name: 'Where' }).scrollIntoViewIfNeeded();
		const drawing = page.locator('svg.map[role="img"]');
		await expect(drawing).toBeVisible();
		const inPage = await colours(drawing);
		// The image a browser without JavaScript shows (and the fallback), opened on its own.
		await page.goto(`/m/${SLUG}/map.svg`);
		expect(await colours(page.locator('svg'))).toEqual(inPage);
		seen.push(inPage);
		await context.close();
	}
	// Light and dark are drawn differently: each was compared in its own colours.
	expect(seen[0]).not.toEqual(seen[1]);
});

test('the first question is on screen after Start and the first section', async ({ page }) => {
	await page.goto(`/m/${SLUG}`);
	await press(page, /^Start the lesson/);
	await expect(page.getByRole('heading', { level: 1, name: 'Troops for Russia' })).toBeFocused();
	await press(page, /on to the questions/);
	await expect(panel(page)).toBeVisible();
	await expect(panel(page).getByRole('button', { name: 'Check answer' })).toBeVisible();
});
