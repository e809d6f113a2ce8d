import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, SLUG } from './helpers';

test('the catalogue lists every module and links to each', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	const link = page.getByRole('link', { name: 'Seoul Warns of North Korean Soldiers in Russia' });
	await expect(link).toHaveAttribute('href', `/m/${SLUG}`);
	// The browser tests serve a second, invented module beside it (tests/fixtures/e2e-questions).
	const second = page.getByRole('link', { name: 'Night Ferry to Return to Gull Island' });
	await expect(second).toHaveAttribute('href', '/m/harbour-night-ferry');
	await second.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Night Ferry to Return to Gull Island' })).toBeVisible();
	await page.goBack();
	await expectNoAxeViolations(page, 'catalogue');
});

test('the module page renders the article by sections with paragraph and sentence ids', async ({ page }) => {
	await page.goto(`/m/${SLUG}`);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Seoul Warns of North Korean Soldiers in Russia' })
	).toBeVisible();
	await page.getByText('Read the whole article first').click();
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

test('the start screen shows only scaffolding no question asks: background timeline, map, glossary', async ({
	page
}) => {
	await page.goto(`/m/${SLUG}`);
	// Events the passage tells open in the recaps; before the lesson only background events are listed.
	await expect(page.getByRole('heading', { name: 'Timeline' })).toBeVisible();
	const events = page.getByRole('list', { name: /timeline/i }).getByRole('listitem');
	await expect(events).toHaveCount(1);
	await expect(events.first()).toContainText('Background');
	await page.getByRole('heading', { name: 'Where' }).scrollIntoViewIfNeeded();
	await expect(page.getByRole('img', { name: /South Korea/ })).toBeVisible();

	// The glossary lists no term that a question asks about; "Show in passage" opens the article at the
	// highlighted words and gives focus back.
	const glossary = page.locator('details', { has: page.getByText(/^Glossary: \d+ words and names$/) });
	await glossary.locator('summary').press('Enter');
	for (const term of ['countermeasures', 'bluster', 'doubled down', 'marriage of convenience'])
		await expect(glossary.getByRole('button', { name: `Show in passage: ${term}`, exact: true })).toHaveCount(0);
	const show = glossary.getByRole('button', { name: 'Show in passage: Pyongyang', exact: true });
	await show.press('Enter');
	const mark = page.locator('mark[data-highlight]');
	await expect(mark).toBeFocused();
	await expect(mark).toHaveText('Pyongyang');
	await expectNoAxeViolations(page, 'module page with a highlight');
	await page.keyboard.press('Escape');
	await expect(show).toBeFocused();

	// A glossary word opens its definition by keyboard and closes with Escape; an asked-about word is plain text.
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
	await expect(page.locator('#main').getByRole('button', { name: /^bluster \(glossary\)$/ })).toHaveCount(0);
});
