import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, holdPageScripts, pageIsLive, SLUG, startScreenMade } from './helpers';

/** Open the header's Display panel by keyboard. */
async function openDisplay(page: Page) {
	const toggle = page.getByRole('button', { name: 'Display' });
	// A keyboard can reach it only once the page's script has enabled it.
	await expect(toggle).toBeEnabled();
	await toggle.press('Enter');
	await expect(toggle).toHaveAttribute('aria-expanded', 'true');
	return page.getByRole('region', { name: 'Display and reading' });
}

/** Choose an option in one of the panel's groups by keyboard (focus the radio, Space). */
async function choose(page: Page, group: string, option: string) {
	const panel = page.getByRole('region', { name: 'Display and reading' });
	const radio = panel.getByRole('group', { name: group }).getByRole('radio', { name: option, exact: true });
	await radio.focus();
	await radio.press('Space');
	await expect(radio).toBeChecked();
}

const passageSentence = (page: Page) => page.locator('.passage [data-sentence]').first();
const px = (value: string) => parseFloat(value);

async function noSidewaysScroll(page: Page, label: string) {
	const [scroll, client] = await page.evaluate(() => [
		document.documentElement.scrollWidth,
		document.documentElement.clientWidth
	]);
	expect(scroll, `sideways scroll on ${label}`).toBeLessThanOrEqual(client);
}

test('every display setting applies at once and is remembered after a reload', async ({ page }) => {
	await page.goto(`/m/${SLUG}`);
	await page.getByText('Read the whole article first').click();
	const html = page.locator('html');
	const sentence = passageSentence(page);
	const base = {
		size: px(await html.evaluate((el) => getComputedStyle(el).fontSize)),
		line: px(await sentence.evaluate((el) => getComputedStyle(el).lineHeight)),
		width: px(
			await page
				.locator('.passage')
				.first()
				.evaluate((el) => getComputedStyle(el).maxWidth)
		)
	};
	expect(await sentence.evaluate((el) => getComputedStyle(el).letterSpacing)).toBe('normal');

	await openDisplay(page);
	await choose(page, 'Text size', 'Largest');
	await choose(page, 'Line spacing', 'Wider');
	await choose(page, 'Letter spacing', 'Wider');
	await choose(page, 'Reading column', 'Narrow');
	await choose(page, 'Font', 'Atkinson Hyperlegible');

	const check = async () => {
		const size = px(await html.evaluate((el) => getComputedStyle(el).fontSize));
		expect(size).toBeCloseTo(base.size * 1.75, 1);
		const line = px(await sentence.evaluate((el) => getComputedStyle(el).lineHeight));
		// 1.75 times the text, 1.5 times the line spacing.
		expect(line / base.line).toBeCloseTo(1.75 * 1.5, 1);
		const fontSize = px(await sentence.evaluate((el) => getComputedStyle(el).fontSize));
		expect(px(await sentence.evaluate((el) => getComputedStyle(el).letterSpacing))).toBeCloseTo(fontSize * 0.12, 1);
		expect(px(await sentence.evaluate((el) => getComputedStyle(el).wordSpacing))).toBeCloseTo(fontSize * 0.16, 1);
		const width = px(
			await page
				.locator('.passage')
				.first()
				.evaluate((el) => getComputedStyle(el).maxWidth)
		);
		// Narrow is 30 of the standard 38 rem, at 1.75 times the rem.
		expect(width).toBeCloseTo((base.width / 38) * 30 * 1.75, 0);
		expect(await sentence.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/^"?Atkinson Hyperlegible/);
		await expect.poll(() => page.evaluate(() => document.fonts.check('16px "Atkinson Hyperlegible"'))).toBe(true);
	};
	await check();

	await page.reload();
	await page.getByText('Read the whole article first').click();
	await check();
	const panel = await openDisplay(page);
	await expect(panel.getByRole('radio', { name: 'Largest' })).toBeChecked();
	await expect(panel.getByRole('radio', { name: 'Atkinson Hyperlegible' })).toBeChecked();
	await expect(
		panel.getByRole('group', { name: 'Letter spacing' }).getByRole('radio', { name: 'Wider' })
	).toBeChecked();

	// Back to the standard look in one step; Escape closes the panel and gives focus back.
	await panel.getByRole('button', { name: 'Back to the standard look' }).press('Enter');
	expect(px(await html.evaluate((el) => getComputedStyle(el).fontSize))).toBeCloseTo(base.size, 1);
	await panel.getByRole('radio', { name: 'Standard' }).first().press('Escape');
	await expect(page.getByRole('button', { name: 'Display' })).toBeFocused();
	await expect(panel).toBeHidden();
});

test('saved settings are on the page before any of its script files has loaded', async ({ page }) => {
	await page.goto('/');
	await openDisplay(page);
	await choose(page, 'Text size', 'Larger');
	await choose(page, 'Font', 'Atkinson Hyperlegible');
	// The page's script files are held back: only the page's own inline script can apply them.
	const { release, violations } = await holdPageScripts(page);
	await page.goto(`/m/${SLUG}`, { waitUntil: 'domcontentloaded' });
	const html = page.locator('html');
	await expect(html).toHaveAttribute('data-text-size', '150');
	await expect(html).toHaveAttribute('data-font', 'atkinson');
	// The Display button cannot work yet, and says so rather than letting a press be lost.
	const toggle = page.getByRole('button', { name: 'Display' });
	await expect(toggle).toBeDisabled();
	release();
	await pageIsLive(page);
	await expect(toggle).toBeEnabled();
	expect(violations).toEqual([]);
});

test('the reading fonts are served by this site and fetched only when chosen', async ({ page }) => {
	const requests: string[] = [];
	page.on('request', (r) => requests.push(r.url()));
	await page.goto(`/m/${SLUG}`);
	await pageIsLive(page);
	expect(requests.filter((u) => /atkinson|opendyslexic|woff/i.test(u))).toEqual([]);

	await openDisplay(page);
	await choose(page, 'Font', 'OpenDyslexic');
	// The font file is fetched once it is chosen (document.fonts.check alone also says true for a
	// family the page has not declared yet, so the request itself is waited for).
	await expect.poll(() => requests.some((u) => /opendyslexic/i.test(u) && u.endsWith('.woff2'))).toBe(true);
	await expect.poll(() => page.evaluate(() => document.fonts.check('16px OpenDyslexic'))).toBe(true);
	expect(requests.every((u) => new URL(u).origin === new URL(page.url()).origin)).toBe(true);
	expect(requests.filter((u) => /atkinson/i.test(u))).toEqual([]);
});

for (const font of ['Standard', 'Atkinson Hyperlegible', 'OpenDyslexic'])
	test(`at the largest size in ${font}, a 320 px screen never scrolls sideways`, async ({ page }) => {
		await page.setViewportSize({ width: 320, height: 640 });
		await page.goto('/');
		await openDisplay(page);
		await choose(page, 'Text size', 'Largest');
		await choose(page, 'Letter spacing', 'Wider');
		await choose(page, 'Font', font);
		await noSidewaysScroll(page, 'the display panel');
		for (const path of ['/', `/m/${SLUG}`, '/review', '/teach']) {
			await page.goto(path);
			await expect(page.locator('html')).toHaveAttribute('data-text-size', '175');
			await noSidewaysScroll(page, path);
		}
		await page.goto(`/m/${SLUG}`);
		await page.getByRole('button', { name: 'Start the lesson' }).press('Enter');
		await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
		await noSidewaysScroll(page, 'the first section');
		await page.getByRole('button', { name: /on to the questions/ }).press('Enter');
		await expect(page.locator('article.question h2')).toBeFocused();
		await noSidewaysScroll(page, 'the first question');
	});

for (const scheme of ['light', 'dark'] as const)
	for (const font of ['Standard', 'Atkinson Hyperlegible', 'OpenDyslexic'])
		test(`axe finds nothing at the largest size in ${font}, ${scheme}`, async ({ page }) => {
			await page.emulateMedia({ colorScheme: scheme });
			await page.goto('/');
			await openDisplay(page);
			await choose(page, 'Text size', 'Largest');
			await choose(page, 'Font', font);
			await expectNoAxeViolations(page, 'the display panel');
			for (const path of ['/', '/review', '/teach', `/m/${SLUG}`]) {
				await page.goto(path);
				if (path.startsWith('/m/')) await startScreenMade(page);
				await expectNoAxeViolations(page, path);
			}
			await page.getByRole('button', { name: 'Start the lesson' }).press('Enter');
			await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
			await expectNoAxeViolations(page, 'the first section');
			await page.getByRole('button', { name: /on to the questions/ }).press('Enter');
			await expect(page.locator('article.question h2')).toBeFocused();
			await expectNoAxeViolations(page, 'the first question');
		});
