import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, SLUG } from './helpers';

test('the catalogue lists the first module and links to it', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	const link = page.getByRole('link', { name: 'Seoul Warns of North Korean Soldiers in Russia' });
	await expect(link).toHaveAttribute('href', `/m/${SLUG}`);
	await expectNoAxeViolations(page, 'catalogue');
});

test('the module page renders the article by sections with paragraph and sentence ids', async ({ page }) => {
	await page.goto(`/m/${SLUG}`);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Seoul Warns of North Korean Soldiers in Russia' })
	).toBeVisible();
	// The words of a sentence, without the glossary's hidden definitions and screen-reader notes.
	const words = (id: string) =>
		page.locator(`[id="${id}"]`).evaluate((el) => {
			const copy = el.cloneNode(true) as HTMLElement;
			copy.querySelectorAll('.definition, .visually-hidden').forEach((n) => n.remove());
			return copy.textContent;
		});
	expect(await words('p1')).toContain('South Korea said Tuesday');
	expect(await words('p5.s1')).toBe('The U.S. confirmed South Korea’s reports on Wednesday.');
	expect(await words('p7.s3')).toBe(
		'Leaders of all four countries attended the most recent NATO heads of state summit in Washington, D.C., in July.'
	);
	expect(await words('p11')).toContain('U.S. presidential election');
	await expectNoAxeViolations(page, 'module page');
});

test('an unknown module answers 404 with a helpful page', async ({ page }) => {
	const response = await page.goto('/m/no-such-lesson');
	expect(response?.status()).toBe(404);
	await expect(page.getByText('There is no lesson at this address.')).toBeVisible();
});

test('the timeline, map and glossary before the lesson, and a glossary word in the passage', async ({ page }) => {
	await page.goto(`/m/${SLUG}`);
	await expect(page.getByRole('heading', { name: 'Timeline' })).toBeVisible();
	const events = page.getByRole('list', { name: /timeline/i }).getByRole('listitem');
	expect(await events.count()).toBeGreaterThanOrEqual(5);
	await expect(page.getByRole('img', { name: /South Korea/ })).toBeVisible();

	// "Show in passage" from the timeline opens the article at the highlighted words, and gives focus back.
	const show = page.getByRole('button', { name: /^Show in passage: / }).first();
	await show.press('Enter');
	const mark = page.locator('mark[data-highlight]');
	await expect(mark).toBeFocused();
	await expectNoAxeViolations(page, 'module page with a highlight');
	await page.keyboard.press('Escape');
	await expect(show).toBeFocused();

	// A glossary word opens its definition by keyboard and closes with Escape.
	const word = page
		.locator('#main')
		.getByRole('button', { name: /\(glossary\)$/ })
		.first();
	await word.press('Enter');
	await expect(word).toHaveAttribute('aria-expanded', 'true');
	await expectNoAxeViolations(page, 'glossary definition open');
	await word.press('Escape');
	await expect(word).toHaveAttribute('aria-expanded', 'false');
	await expect(word).toBeFocused();
});
