/**
 * Self-review in the browser: missed questions come due, are asked again (options reshuffled),
 * rescheduled, and the due count falls; import refuses a corrupt file and changes nothing; export
 * then import gives back the same deck. The deck is seeded on the device with the real deck
 * functions at a fixed time, and the page's clock is fixed with page.clock. Keyboard only.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { ResolvedQuestion } from '../../src/lib/content/module.ts';
import { addLessonOutcomes, dueCards, emptyDeck, recordReview, type Deck } from '../../src/lib/review/deck.ts';
import { STORAGE_KEY } from '../../src/lib/review/storage.ts';
import { nextReviewText } from '../../src/lib/components/review/logic.ts';
import { expectNoAxeViolations, scriptsRunning, SLUG } from './helpers';
import { loadKey, publicQuestionId } from './module-key';
import type { PublicQuestion } from '../../src/lib/content/public.ts';

const module = loadKey(SLUG);
/** Local times: the lesson two days ago, the review now. */
const MISSED_AT = new Date(2025, 4, 10, 9, 0);
const NOW = new Date(2025, 4, 12, 10, 30);

type SingleChoice = Extract<ResolvedQuestion, { type: 'single-choice' }>;
const singleChoice = module.questions.filter((q): q is SingleChoice => q.type === 'single-choice');
const [one, two] = singleChoice;
if (!one || !two) throw new Error('the first module needs two single-choice questions');

const missed = { tries: 3, hintsUsed: 1, revealed: false, credit: 0, firstTryCorrect: false };
const firstTry = { tries: 1, hintsUsed: 0, revealed: false, credit: 1, firstTryCorrect: true };
const secondTry = { tries: 2, hintsUsed: 0, revealed: false, credit: 1, firstTryCorrect: false };

const publicId = (q: ResolvedQuestion) => publicQuestionId(module, q);

/** Two questions missed in a lesson two days ago: both due now. */
const missedDeck = (): Deck =>
	addLessonOutcomes(emptyDeck(), SLUG, { [publicId(one)]: missed, [publicId(two)]: missed }, MISSED_AT);
/** The two in the order the page lists and asks them (the deck's due order). */
const dueOrder = () =>
	dueCards(missedDeck(), NOW).map((card) => singleChoice.find((q) => publicId(q) === card.questionId)!) as [
		SingleChoice,
		SingleChoice
	];
const keyOf = (q: ResolvedQuestion) => `${SLUG}/${publicId(q)}`;

// The review page opens the database (and so makes its key) on its first load.
test.beforeAll(async ({ request }) => {
	expect((await request.get('/review')).ok()).toBe(true);
});

const panel = (page: Page) => page.locator('article.question');
const dueCount = (page: Page) => page.getByTestId('due-count');

async function press(page: Page, name: string | RegExp) {
	const button = page.getByRole('button', { name }).first();
	await expect(button).toBeEnabled();
	await button.press('Enter');
}

async function choose(page: Page, text: string) {
	const radio = panel(page).getByRole('radio', { name: text, exact: true });
	await radio.press('Space');
	await expect(radio).toBeChecked();
}

/** Opens /review at NOW with `deck` stored on the device. */
async function openWithDeck(page: Page, deck: Deck | null) {
	await page.clock.setFixedTime(NOW);
	await page.goto('/review');
	// The page has read its (empty) deck before the test puts one there: the deck is read afresh,
	// and an old one renamed, by the page the reload brings, not by this one on its way out.
	await scriptsRunning(page);
	await page.evaluate(
		([key, value]) => {
			if (value === null) localStorage.removeItem(key);
			else localStorage.setItem(key, value);
		},
		[STORAGE_KEY, deck ? JSON.stringify(deck) : null] as const
	);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Review' })).toBeVisible();
}

const storedDeck = (page: Page) => page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);

async function fitsWidth(page: Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, 'no horizontal scrolling').toBeLessThanOrEqual(0);
}

test('a deck saved before public ids keeps working: its cards are renamed once, and no author id comes back', async ({
	page
}) => {
	const [first, second] = dueOrder();
	// The same two missed questions, saved under the author's ids as decks were then.
	const old = addLessonOutcomes(emptyDeck(), SLUG, { [one.id]: missed, [two.id]: missed }, MISSED_AT);
	const replies: string[] = [];
	// (A reply the page left behind when it reloaded has no body to read, and is not counted.)
	page.on('response', (res) => {
		if (res.url().includes('/review/ids'))
			res.text().then(
				(body) => replies.push(body),
				() => {}
			);
	});
	await openWithDeck(page, old);
	const due = page.getByRole('region', { name: 'Due today' });
	await expect(due.getByRole('listitem')).toHaveText([first.prompt, second.prompt]);
	await expect(dueCount(page)).toHaveText('2');
	// Rewritten on the device under the public ids, with their history.
	const stored = JSON.parse((await storedDeck(page))!) as Deck;
	expect(Object.keys(stored.cards).sort()).toEqual([keyOf(one), keyOf(two)].sort());
	expect(stored.cards[keyOf(one)]!.reviews).toEqual(old.cards[`${SLUG}/${one.id}`]!.reviews);
	// The server's reply named the public ids only, which the lesson page shows anyway. (Its body is
	// read by the test as the page reads it: the page may show the deck before the test has it.)
	await expect.poll(() => replies.length).toBeGreaterThan(0);
	for (const body of replies) {
		expect(body).not.toContain(`"${one.id}"`);
		expect(body).not.toContain(`"${two.id}"`);
		expect(body).toContain(publicId(one));
	}
	// And the session asks them.
	await press(page, /^Start review/);
	await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText(first.prompt);
	// A second visit has nothing to rename.
	replies.length = 0;
	await page.reload();
	await expect(dueCount(page)).toHaveText('2');
	expect(replies).toEqual([]);
});

test('the home page says how many questions are due for review', async ({ page }) => {
	await openWithDeck(page, missedDeck());
	await page.goto('/');
	await expect(page.getByText('2 questions are due for review today.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Review now' })).toHaveAttribute('href', '/review');
	await expectNoAxeViolations(page, 'home page with reviews due');
});

test('an empty deck explains how questions get here', async ({ page }) => {
	await openWithDeck(page, null);
	await expect(page.getByRole('heading', { level: 2, name: 'Nothing to review yet' })).toBeVisible();
	await expect(page.getByText(/Finish a lesson, and each question you missed/)).toBeVisible();
	await expect(dueCount(page)).toHaveText('0');
	await expect(page.getByRole('link', { name: 'Choose a lesson' })).toHaveAttribute('href', '/');
	await expectNoAxeViolations(page, 'empty review page');
});

test('missed questions come due, are reviewed, rescheduled, and the due count falls', async ({ page }) => {
	const [first, second] = dueOrder();
	await openWithDeck(page, missedDeck());

	// Due today, grouped by module.
	await expect(dueCount(page)).toHaveText('2');
	await expect(page.getByTestId('week-count')).toHaveText('0');
	const due = page.getByRole('region', { name: 'Due today' });
	await expect(due.getByRole('heading', { level: 3, name: new RegExp(module.meta.title.slice(0, 30)) })).toBeVisible();
	await expect(due.getByRole('listitem')).toHaveText([first.prompt, second.prompt]);
	await expect(page.getByText('No reviews in the last 14 days.')).toBeVisible();
	// With no reviews yet there is no empty chart, only the sentence.
	await expect(page.getByText('Show the numbers')).toHaveCount(0);
	await expectNoAxeViolations(page, 'review page with due questions');
	await page.setViewportSize({ width: 320, height: 720 });
	await fitsWidth(page);
	await page.setViewportSize({ width: 1280, height: 800 });

	await press(page, /^Start review/);

	// First question: its options in the order of this session's own server attempt.
	await expect(page.getByText('1 of 2', { exact: true })).toBeVisible();
	const prompt = panel(page).getByRole('heading', { level: 2 });
	await expect(prompt).toHaveText(first.prompt);
	await expect(prompt).toBeFocused();
	const radios = panel(page).getByRole('radio');
	await expect(radios).toHaveCount(first.options.length);
	await expectNoAxeViolations(page, 'review session question');

	// Right at the first try: rescheduled days ahead.
	await choose(page, first.options.find((o) => o.correct)!.text);
	await press(page, 'Check answer');
	await expect(panel(page).getByRole('heading', { level: 3, name: /Right!/ })).toBeFocused();
	const afterFirst = recordReview(missedDeck(), keyOf(first), firstTry, NOW);
	const firstDue = afterFirst.cards[keyOf(first)]!.due;
	const firstText = `Right at the first try. ${nextReviewText(firstDue, NOW)}.`;
	expect(firstText).toMatch(/Next review in \d+ days/);
	await expect(page.getByTestId('next-review')).toHaveText(firstText);
	await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toHaveText(`Saved. ${firstText}`);

	// The explanation opens the passage at the quoted words, and focus comes back.
	const show = panel(page)
		.getByRole('button', { name: /Show in passage/ })
		.first();
	await show.press('Enter');
	const mark = page.locator('mark[data-highlight]');
	const range = first.resolved.explanation[0]!;
	await expect(mark).toHaveText(module.passage.text.slice(range.start, range.end));
	await expect(mark).toBeFocused();
	await expectNoAxeViolations(page, 'review session with the passage highlighted');
	await page.keyboard.press('Escape');
	await expect(show).toBeFocused();
	await expect(mark).toHaveCount(0);

	// Saved at once: the deck on the device has the new due date.
	const saved = JSON.parse((await storedDeck(page))!) as Deck;
	expect(saved.cards[keyOf(first)]!.due).toBe(firstDue);

	// Second question at 320 px: wrong first, then right (right with help).
	await press(page, 'Next question');
	await page.setViewportSize({ width: 320, height: 720 });
	await expect(page.getByText('2 of 2', { exact: true })).toBeVisible();
	await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText(second.prompt);
	await choose(page, second.options.find((o) => !o.correct)!.text);
	await press(page, 'Check answer');
	await expect(panel(page).getByRole('heading', { level: 3, name: /Not yet/ })).toBeFocused();
	await press(page, 'Try again');
	await choose(page, second.options.find((o) => o.correct)!.text);
	await press(page, 'Check answer');
	await expect(panel(page).getByRole('heading', { level: 3, name: /Right this time!/ })).toBeFocused();
	const afterBoth = recordReview(afterFirst, keyOf(second), secondTry, NOW);
	const secondText = `Right, with some help. ${nextReviewText(afterBoth.cards[keyOf(second)]!.due, NOW)}.`;
	await expect(page.getByTestId('next-review')).toHaveText(secondText);
	await fitsWidth(page);
	await page.setViewportSize({ width: 1280, height: 800 });

	// Summary, then the review page with nothing due.
	await press(page, 'See how the review went');
	await expect(page.getByRole('heading', { level: 1, name: 'Review done' })).toBeFocused();
	await expect(page.getByText('You reviewed 2 questions: 1 right at the first try, 1 right with help.')).toBeVisible();
	await expect(page.getByText('Due today now: 0')).toBeVisible();
	await expectNoAxeViolations(page, 'review summary');
	await press(page, 'Back to the review page');

	await expect(page.getByRole('heading', { level: 1, name: 'Review' })).toBeFocused();
	await expect(dueCount(page)).toHaveText('0');
	await expect(page.getByTestId('week-count')).toHaveText('2');
	const soonest = [firstDue, afterBoth.cards[keyOf(second)]!.due].sort()[0]!;
	await expect(page.getByText(`Nothing is due today. ${nextReviewText(soonest, NOW)}.`)).toBeVisible();
	await expect(page.getByText('2 answers on 1 day in the last 14 days, 2 of them right.')).toBeVisible();
	await page.getByText('Show the numbers').press('Enter');
	await expect(page.getByRole('row', { name: /^Today/ }).getByRole('cell')).toHaveText(['2', '2']);

	const final = JSON.parse((await storedDeck(page))!) as Deck;
	for (const q of [first, second]) {
		expect(Date.parse(final.cards[keyOf(q)]!.due)).toBeGreaterThan(NOW.getTime());
		expect(final.cards[keyOf(q)]!.reviews.at(-1)!.source).toBe('review');
	}

	// After a reload the deck is still rescheduled.
	await page.reload();
	await expect(dueCount(page)).toHaveText('0');
	await expectNoAxeViolations(page, 'review page after reviewing');
});

test('with nothing due, the questions due next can be practised ahead, and that reschedules them', async ({ page }) => {
	const [first, second] = dueOrder();
	// Both reviewed right yesterday: nothing is due today.
	const yesterday = new Date(2025, 4, 11, 9);
	const reviewed = recordReview(
		recordReview(missedDeck(), keyOf(first), firstTry, yesterday),
		keyOf(second),
		firstTry,
		yesterday
	);
	await openWithDeck(page, reviewed);
	await expect(dueCount(page)).toHaveText('0');
	await expect(page.getByText(/^Nothing is due today\./)).toBeVisible();
	await expectNoAxeViolations(page, 'review page with nothing due');

	await press(page, 'Practise ahead: 2 questions');
	const prompt = panel(page).getByRole('heading', { level: 2 });
	await expect(prompt).toBeFocused();
	const promptText = (await prompt.textContent())?.trim();
	const asked = singleChoice.find((q) => q.prompt === promptText);
	expect(asked, 'the first question asked is one of the deck').toBeDefined();
	await choose(page, asked!.options.find((o) => o.correct)!.text);
	await press(page, 'Check answer');
	await expect(panel(page).getByRole('heading', { level: 3, name: /Right!/ })).toBeFocused();

	const stored = JSON.parse((await storedDeck(page))!) as Deck;
	const card = stored.cards[keyOf(asked!)]!;
	expect(card.reviews.length).toBe(reviewed.cards[keyOf(asked!)]!.reviews.length + 1);
	expect(card.reviews.at(-1)!.source).toBe('review');
});

test('dark mode keeps the review page readable', async ({ page }) => {
	const [first] = dueOrder();
	await page.emulateMedia({ colorScheme: 'dark' });
	await openWithDeck(page, recordReview(missedDeck(), keyOf(first), firstTry, new Date(2025, 4, 11, 9)));
	await expect(dueCount(page)).toHaveText('1');
	await expectNoAxeViolations(page, 'review page, dark');
	await press(page, /^Start review/);
	await expect(panel(page).getByRole('heading', { level: 2 })).toBeFocused();
	await expectNoAxeViolations(page, 'review session, dark');
});

test('a corrupt or foreign import file is refused and changes nothing', async ({ page }) => {
	await openWithDeck(page, missedDeck());
	await expect(dueCount(page)).toHaveText('2');
	const before = await storedDeck(page);
	const input = page.getByLabel('Import a deck file (.json)');

	await input.setInputFiles({
		name: 'closeread-review-2025-05-12.json',
		mimeType: 'application/json',
		buffer: Buffer.from('{ "format": "closeread-review", "version": 1, "exportedAt": "2025-05-')
	});
	const alert = page.getByRole('alert').filter({ hasText: 'damaged' });
	await expect(alert).toHaveText('The file is damaged: it is incomplete or not valid JSON. Nothing was changed.');
	await expectNoAxeViolations(page, 'import refused');
	expect(await storedDeck(page)).toBe(before);
	await expect(dueCount(page)).toHaveText('2');

	await input.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"notes":[]}') });
	await expect(page.getByRole('alert').filter({ hasText: 'not a Closeread' })).toHaveText(
		'This file is not a Closeread review export. Nothing was changed.'
	);
	expect(await storedDeck(page)).toBe(before);
	await expect(dueCount(page)).toHaveText('2');
});

test('export, clear all, then import gives the same deck back', async ({ page }) => {
	await openWithDeck(page, missedDeck());
	await expect(dueCount(page)).toHaveText('2');
	const before = JSON.parse((await storedDeck(page))!) as Deck;

	const downloading = page.waitForEvent('download');
	await press(page, 'Export to a file');
	const download = await downloading;
	expect(download.suggestedFilename()).toBe('closeread-review-2025-05-12.json');
	const file = readFileSync(await download.path(), 'utf8');
	expect(JSON.parse(file)).toMatchObject({ format: 'closeread-review', version: 1, deck: before });
	await expect(page.getByRole('status').filter({ hasText: 'Exported' })).toHaveText('Exported 2 cards to a file.');

	page.once('dialog', (dialog) => void dialog.accept());
	await press(page, 'Clear all');
	await expect(page.getByRole('heading', { level: 2, name: 'Nothing to review yet' })).toBeVisible();
	await expect(dueCount(page)).toHaveText('0');
	expect(await storedDeck(page)).toBeNull();

	await page.getByLabel('Import a deck file (.json)').setInputFiles({
		name: download.suggestedFilename(),
		mimeType: 'application/json',
		buffer: Buffer.from(file)
	});
	await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText('Imported: 2 cards added.');
	await expect(dueCount(page)).toHaveText('2');
	expect(JSON.parse((await storedDeck(page))!)).toEqual(before);
	await expectNoAxeViolations(page, 'after import');

	// Importing the same file again adds nothing.
	await page.getByLabel('Import a deck file (.json)').setInputFiles({
		name: download.suggestedFilename(),
		mimeType: 'application/json',
		buffer: Buffer.from(file)
	});
	await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(
		'Imported: 0 cards added, 2 already here and kept.'
	);
});

test('the questions endpoint opens a server attempt and gives its public questions, without keys', async ({
	request
}) => {
	const [first] = dueOrder();
	const res = await request.post(`/review/questions?slug=${SLUG}&q=${publicId(first)}:r3&q=no-such-question:r1`);
	expect(res.ok()).toBe(true);
	const body = (await res.json()) as { token: string; questions: Record<string, { question: PublicQuestion }> };
	expect(body.token.length).toBeGreaterThanOrEqual(32);
	expect(Object.keys(body.questions)).toEqual([publicId(first)]);
	const question = body.questions[publicId(first)]!.question;
	expect(question).toMatchObject({ id: publicId(first), prompt: first.prompt, hintCount: first.hints.length });
	expect(JSON.stringify(body)).not.toContain('"correct"');
	// The author's id appears nowhere as a value or key (its words may of course be in the prompt).
	expect(JSON.stringify(body)).not.toContain(JSON.stringify(first.id));

	for (const bad of [`slug=${SLUG}`, `slug=${SLUG}&q=${publicId(first)}`, 'slug=nope&q=a:r1', `slug=../x&q=a:r1`]) {
		const r = await request.post(`/review/questions?${bad}`);
		expect([400, 404], bad).toContain(r.status());
	}
});
