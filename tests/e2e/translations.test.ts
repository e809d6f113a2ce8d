import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, SLUG } from './helpers';
import { loadKey } from './module-key';
import { press } from './lesson-answers';

const module = loadKey(SLUG);
const first = module.sections[0]!;
// A glossary word in the first section, as the passage writes it.
const entry = module.glossary.find((g) => first.paragraphs.includes(g.range.sentences[0]!.split('.')[0]!))!;
const word = module.passage.text.slice(entry.range.start, entry.range.end);
const spanish = entry.translations.es!;

test('a glossary word shows its Spanish translation beside the English, by keyboard, and the language is remembered', async ({
	page
}) => {
	await page.goto(`/m/${SLUG}`);
	await press(page, 'Start the lesson');
	const term = page.getByRole('button', { name: `${word} (glossary)` });
	await term.focus();
	await term.press('Enter');
	await expect(term).toHaveAttribute('aria-expanded', 'true');
	const definition = page.locator(`#${await term.getAttribute('aria-controls')}`);
	await expect(definition).toContainText(entry.definition);

	// The next stop after the word is the Spanish translation's button.
	await page.keyboard.press('Tab');
	const spanishButton = definition.getByRole('button', { name: 'Translation: Español' });
	await expect(spanishButton).toBeFocused();
	await expect(spanishButton).toHaveAttribute('aria-expanded', 'false');
	await page.keyboard.press('Enter');
	await expect(spanishButton).toHaveAttribute('aria-expanded', 'true');
	const translation = definition.locator('[lang="es"]').filter({ hasText: spanish });
	await expect(translation).toBeVisible();
	// Beside the English, which stays, and marked as a translation.
	await expect(definition).toContainText(entry.definition);
	await expect(definition).toContainText('Español · translated from the English');
	await expectNoAxeViolations(page, 'a glossary word with its translation');
	await page.keyboard.press('Enter');
	await expect(translation).toBeHidden();
	// Escape closes the word's definition and gives focus back to the word.
	await page.keyboard.press('Escape');
	await expect(term).toHaveAttribute('aria-expanded', 'false');
	await expect(term).toBeFocused();

	// After a reload the language is remembered: only Spanish is offered, in the display panel too.
	await page.reload();
	await term.focus();
	await term.press('Enter');
	await expect(definition.getByRole('button', { name: /^Translation:/ })).toHaveCount(1);
	await expect(spanishButton).toHaveAttribute('aria-expanded', 'false');
	await spanishButton.press('Enter');
	await expect(translation).toBeVisible();
	await expect(page.getByRole('button', { name: 'Display' })).toBeEnabled();
	await page.getByRole('button', { name: 'Display' }).press('Enter');
	await expect(page.getByRole('combobox', { name: 'Word help in my language' })).toHaveValue('es');
});

test('the glossary on the start page offers the same translations', async ({ page }) => {
	await page.goto(`/m/${SLUG}`);
	await page.getByText(/^Glossary:/).press('Enter');
	const list = page.locator('.glossary-list');
	const row = list.locator('.entry').filter({ hasText: entry.definition });
	await row.getByRole('button', { name: 'Translation: Español' }).press('Enter');
	await expect(row.locator('[lang="es"]').filter({ hasText: spanish })).toBeVisible();
});
