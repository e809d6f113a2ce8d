import { expect, test, type Page } from '@playwright/test';
import { SLUG } from './helpers';
import { loadKey } from './module-key';
import { answerRight, currentQuestion, panel, press } from './lesson-answers';
import { describePolicy } from '../../src/lib/scoring/score.ts';
import { questionMinutes } from '../../src/lib/content/timing.ts';
import { points } from '../../src/lib/format/points.ts';
import type { ResolvedQuestion } from '../../src/lib/content/module.ts';

const module = loadKey(SLUG);
const total = module.questions.reduce((s, q) => s + q.points, 0);

/** Answer questions right until the one on screen passes `want`; returns it. */
async function questionWhere(page: Page, want: (q: ResolvedQuestion) => boolean): Promise<ResolvedQuestion> {
	for (let i = 0; i < module.questions.length; i++) {
		const q = await currentQuestion(page, module);
		if (want(q)) return q;
		await answerRight(page, module, q);
		await press(page, 'Check answer');
		await press(page, /^(Next question|Finish this section)$/);
		if (await page.getByRole('button', { name: 'Next section' }).isVisible()) {
			await press(page, 'Next section');
			await press(page, /on to the questions/);
		}
	}
	throw new Error('no such question');
}

async function startQuestions(page: Page) {
	await page.goto(`/m/${SLUG}`);
	await press(page, 'Start the lesson');
	await press(page, /on to the questions/);
}

test('the start page gives the time for the whole lesson and says what showing the answer costs', async ({ page }) => {
	await page.goto(`/m/${SLUG}`);
	const q = questionMinutes(module.questions);
	await expect(
		page.getByText(
			`About ${module.readingMinutes + q} min in all: ${module.readingMinutes} min reading, ${q} min questions`
		)
	).toBeVisible();
	const line = describePolicy(module.scoring).find((l) => l.startsWith('Asking to see the answer'))!;
	expect(line).toMatch(/less than another try/);
	await expect(page.getByRole('region', { name: 'How answers are scored' }).getByText(line)).toBeVisible();
});

test('every hint, the last included, takes focus and is announced', async ({ page }) => {
	await startQuestions(page);
	const q = await questionWhere(page, (x) => x.hints.length >= 2);
	// The score is said as a score (the "n / m pts" on screen is hidden from screen readers).
	await expect(page.getByText(new RegExp(`^Score so far: [\\d.]+ out of ${points(total)}$`))).toBeAttached();
	await expect(page.locator('.score [aria-hidden="true"]')).toHaveText(/ \/ \d+ pts$/);
	for (const [i, hint] of q.hints.entries()) {
		await press(page, /^Show a hint/);
		const item = panel(page).getByRole('listitem').filter({ hasText: hint });
		await expect(item).toBeFocused();
		await expect(panel(page).getByRole('status')).toHaveText(`Hint ${i + 1} of ${q.hints.length}: ${hint}`);
	}
	// No hint is left, so the button has gone; focus stayed on the last hint, not the page.
	await expect(panel(page).getByRole('button', { name: /^Show a hint/ })).toHaveCount(0);
	await expect(panel(page).getByRole('listitem').last()).toBeFocused();
});

test('a partly right answer gets one verdict, not "Partly right… Right."', async ({ page }) => {
	await startQuestions(page);
	const q = await questionWhere(page, (x) => x.type === 'evidence-paired');
	if (q.type !== 'evidence-paired') throw new Error('unreachable');
	const p = panel(page);
	await p.getByRole('radio', { name: q.options.find((o) => o.correct)!.text, exact: true }).press('Space');
	const wrongB = q.partB.options.find((o) => !o.correct)!;
	const r = q.resolved.partB![wrongB.id]!;
	const words = module.passage.text.slice(r.start, r.end);
	await p.getByRole('radio', { name: words.slice(0, 40) }).press('Space');
	await press(page, 'Check answer');
	const status = p.getByRole('status');
	await expect(status).toHaveText(/^Partly right\./);
	await expect(status).not.toHaveText(/\b(Right|Correct|Not quite|Wrong)\b/);
	await expect(p.getByRole('heading', { level: 3, name: /Partly right/ })).toBeFocused();
	await expect(p.locator('section.feedback')).not.toContainText(/\b(Right|Correct)[.,!]/);
});
