import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, SLUG, startScreenMade } from './helpers';
import { loadKey } from './module-key';
import { answerRight, currentQuestion, panel, press } from './lesson-answers';
import { formatScore, pointsOutOf } from '../../src/lib/format/points.ts';
import { questionLabel } from '../../src/lib/content/label.ts';
import { withoutVerdict } from '../../src/lib/format/verdict.ts';
import { asksAboutTerm } from '../../src/lib/content/visibility.ts';

const module = loadKey(SLUG);
const totalPoints = module.questions.reduce((s, q) => s + q.points, 0);
const sectionIds = module.sections.map((s) => s.id);
const sectionOfRange = (sentence: string) =>
	sectionIds.indexOf(module.passage.paragraphs.find((p) => p.id === sentence.split('.')[0])!.section);
/** A term a question in this section asks about: no pop-up until the section's questions are over. */
const askedIn = (si: number) =>
	module.glossary.filter((g) =>
		module.questions.some(
			(q) => q.section === sectionIds[si] && asksAboutTerm(q, [g.term, ...g.forms]) && q.objective === 'vocabulary'
		)
	);

async function checkAnswer(page: Page) {
	await press(page, 'Check answer');
}

test('a keyboard-only walk through the whole first module', async ({ page }) => {
	test.setTimeout(240_000);
	await page.goto(`/m/${SLUG}`);
	await expect(page.getByRole('heading', { name: 'How answers are scored' })).toBeVisible();
	await expect(page.getByText('There is no time limit and no speed bonus.')).toBeVisible();
	await startScreenMade(page);
	await expectNoAxeViolations(page, 'start screen');
	// Start is near the top, above the objectives and the scoring policy.
	await expect(page.getByRole('button', { name: 'Start the lesson' })).toBeInViewport();
	// Every disclosure has a chevron that turns when it opens.
	const summary = page.locator('summary').first();
	const chevron = () => summary.evaluate((el) => getComputedStyle(el, '::before').transform);
	const closed = await chevron();
	expect(await summary.evaluate((el) => getComputedStyle(el, '::before').borderRightStyle)).toBe('solid');
	await summary.press('Enter');
	await expect(page.locator('details[open]')).toHaveCount(1);
	await expect.poll(chevron).not.toBe(closed);
	await summary.press('Enter');
	await expect(page.locator('details[open]')).toHaveCount(0);
	await press(page, 'Start the lesson');

	const axeChecked = new Set<string>();
	let wrongTried = false;
	let highlighted = false;
	let reloaded = false;
	let selectedInPassage = false;
	let revealed = false;
	let expectedPoints = 0;

	for (const [si, section] of module.sections.entries()) {
		await expect(page.getByRole('heading', { level: 1, name: section.title })).toBeFocused();
		await expect(page.getByText(section.readFor)).toBeVisible();
		await expect(page.getByText(/Read for:?\s+Read for/i)).toHaveCount(0);
		// The section's title is said once, by the heading.
		await expect(page.getByText(section.title, { exact: true })).toHaveCount(1);
		if (si === 0) await expectNoAxeViolations(page, 'reading');
		// A word a question of this section asks about is plain text while the section is read and asked.
		for (const g of askedIn(si))
			await expect(page.getByRole('button', { name: `${g.term} (glossary)`, exact: true })).toHaveCount(0);
		await press(page, section.questionIds.length ? /on to the questions/ : 'Continue');

		for (let qi = 0; qi < section.questionIds.length; qi++) {
			let q = await currentQuestion(page, module);
			expect(q.id).toBe(section.questionIds[qi]);
			await expect(panel(page).getByRole('heading', { level: 2 })).toBeFocused();
			if (!axeChecked.has(q.type)) {
				axeChecked.add(q.type);
				await expectNoAxeViolations(page, `question type ${q.type}`);
			}

			// Once: a wrong answer, a hint, feedback, then a retry that is right.
			if (!wrongTried && q.type === 'single-choice' && q.hints.length > 0) {
				wrongTried = true;
				const wrong = q.options.find((o) => !o.correct)!;
				const radio = panel(page).getByRole('radio', { name: wrong.text, exact: true });
				await radio.press('Space');
				await checkAnswer(page);
				const feedback = panel(page).getByRole('heading', { level: 3, name: /Not yet/ });
				await expect(feedback).toBeFocused();
				await expect(
					panel(page)
						.getByRole('paragraph')
						.filter({ hasText: withoutVerdict(wrong.feedback) })
				).toBeVisible();
				// The locked choice stays clearly the student's: accent colour and a "Your answer" tag.
				const chosen = panel(page).getByRole('radio', { checked: true });
				await expect(chosen).toBeDisabled();
				await expect(
					panel(page)
						.locator('label')
						.filter({ has: page.getByRole('radio', { checked: true }) })
						.getByText('Your answer')
				).toBeVisible();
				const accent = await page.evaluate(() => {
					const probe = document.createElement('span');
					probe.style.color = 'var(--color-accent)';
					document.body.append(probe);
					const colour = getComputedStyle(probe).color;
					probe.remove();
					return colour;
				});
				expect(await chosen.evaluate((el) => getComputedStyle(el).borderTopColor)).toBe(accent);
				expect(await chosen.evaluate((el) => getComputedStyle(el, '::before').backgroundColor)).toBe(accent);
				await expect(page.getByRole('status').filter({ hasText: 'Not yet' })).toHaveText(/2 tries left/);
				await expectNoAxeViolations(page, 'feedback: not yet');
				await press(page, /^Show a hint/);
				await expect(panel(page).getByRole('complementary', { name: 'Hints' })).toContainText(q.hints[0]!);
				// The hint takes focus and is announced.
				await expect(panel(page).getByRole('listitem').filter({ hasText: q.hints[0]! })).toBeFocused();
				await expect(panel(page).getByRole('status')).toHaveText(`Hint 1 of ${q.hints.length}: ${q.hints[0]}`);
				await press(page, 'Try again');
				const policy = module.scoring;
				expectedPoints += Math.round(q.points * (1 - policy.retryPenalty - policy.hintPenalty) * 100) / 100;
			} else {
				expectedPoints += q.points;
			}

			if (!revealed && q.type === 'short-answer') {
				// Once: a wrong short answer, then the answer shown: one model answer, no list of wordings.
				revealed = true;
				expectedPoints -= q.points;
				await panel(page).getByRole('textbox', { name: 'Your answer' }).pressSequentially('zzz');
				await checkAnswer(page);
				await expect(panel(page).getByRole('heading', { level: 3, name: /Not yet/ })).toBeFocused();
				const lastTryFeedback = (await panel(page).locator('section.feedback p').first().textContent())!.trim();
				await press(page, /^Show the answer/);
				await expect(panel(page).getByRole('heading', { level: 3, name: /Here is the answer/ })).toBeFocused();
				// The last try's feedback is not repeated under the answer.
				await expect(panel(page).locator('section.feedback').getByText(lastTryFeedback)).toHaveCount(0);
				// A shown answer looks neutral, not "partly right" or "not yet".
				await expect(panel(page).locator('section.feedback')).toHaveClass(/revealed/);
				await expect(panel(page).locator('section.feedback')).not.toHaveClass(/partial|incorrect/);
				const solution = panel(page).getByRole('group', { name: 'A model answer' });
				await expect(solution).toContainText(q.answer);
				await expect(solution.getByRole('listitem')).toHaveCount(0);
				await expect(panel(page).getByText('Accepted answers')).toHaveCount(0);
				await expectNoAxeViolations(page, 'a revealed answer');
				await press(page, qi === section.questionIds.length - 1 ? 'Finish this section' : 'Next question');
				continue;
			}

			if (!selectedInPassage && q.type === 'evidence') {
				// Once: choose the evidence in the passage itself, by keyboard; the list follows.
				selectedInPassage = true;
				for (const id of q.resolved.expectedSentences!) {
					const sentence = page.locator('#passage-pane').locator(`[id="${id}"][role="checkbox"]`);
					await sentence.press('Space');
					await expect(sentence).toHaveAttribute('aria-checked', 'true');
				}
				await expect(panel(page).getByRole('checkbox', { checked: true })).toHaveCount(
					q.resolved.expectedSentences!.length
				);
				await expectNoAxeViolations(page, 'evidence chosen in the passage');
			} else {
				await answerRight(page, module, q);
			}
			await checkAnswer(page);
			await expect(panel(page).getByRole('heading', { level: 3, name: /Right/ })).toBeFocused();
			// A right answer needs no solution laid out beside it.
			await expect(panel(page).locator('.solution')).toHaveCount(0);

			// Once: "show in passage" highlights the quoted words and gives focus back.
			if (!highlighted) {
				highlighted = true;
				const show = panel(page)
					.getByRole('button', { name: /Show in passage/ })
					.first();
				await show.press('Enter');
				const mark = page.locator('mark[data-highlight]');
				const range = q.resolved.explanation[0]!;
				await expect(mark).toHaveText(module.passage.text.slice(range.start, range.end));
				await expect(mark).toBeFocused();
				await expect(mark).toBeInViewport();
				await expectNoAxeViolations(page, 'feedback with highlight');
				await page.keyboard.press('Escape');
				await expect(show).toBeFocused();
				await expect(mark).toHaveCount(0);
			}

			// Once, in the second section: reload mid-question and find everything as it was.
			if (!reloaded && si === 1 && qi === 0) {
				reloaded = true;
				await page.reload();
				q = await currentQuestion(page, module);
				expect(q.id).toBe(section.questionIds[qi]);
				await expect(panel(page).getByRole('heading', { level: 3, name: /Right/ })).toBeVisible();
				await expect(page.getByText(`${formatScore(expectedPoints)} / ${totalPoints} pts`)).toBeVisible();
			}

			const last = qi === section.questionIds.length - 1;
			await press(page, last ? 'Finish this section' : 'Next question');
		}

		await expect(page.getByRole('heading', { level: 1, name: `Recap: ${section.title}` })).toBeFocused();
		// The recap opens the timeline of the events read so far, and no later ones.
		const told = module.timeline.filter((t) => !t.range || sectionOfRange(t.range.sentences[0]!) <= si);
		const soFar = page.locator('details', { hasText: /^Timeline so far/ });
		await expect(soFar.locator('summary')).toHaveText(`Timeline so far: ${told.length} events`);
		if (si === 0) {
			await soFar.locator('summary').press('Enter');
			await expect(soFar.getByRole('listitem')).toHaveCount(told.length);
			await expectNoAxeViolations(page, 'recap');
		}
		await press(page, si + 1 < module.sections.length ? 'Next section' : 'See my results');
	}

	expect(wrongTried && highlighted && reloaded && selectedInPassage && revealed).toBe(true);
	const results = page.getByRole('heading', { level: 1, name: 'Your results' });
	await expect(results).toBeFocused();
	// One decimal at most, e.g. "23.5 / 25 points".
	const total = pointsOutOf(expectedPoints, totalPoints);
	expect(total).toMatch(/^\d+(\.\d)? \/ \d+ points$/);
	await expect(page.getByText(total)).toBeVisible();
	for (const o of module.objectives)
		await expect(page.getByRole('img', { name: new RegExp(`^${o.title}:`) })).toBeVisible();
	await expect(page.getByRole('table')).toContainText(module.questions[0]!.prompt);
	// Questions that share a prompt are told apart by their statement.
	const statement = module.questions.find((q) => q.type === 'true-false-not-stated')!;
	await expect(page.getByRole('table')).toContainText(questionLabel(statement));
	// The question answered with a retry and a hint, and the one whose answer was shown, are offered again.
	await expect(page.locator('p.missed-count')).toContainText('2 questions were not right at the first try');
	await expectNoAxeViolations(page, 'results');
	// On a 320 px phone the results fit the screen; the wide table scrolls inside its own box.
	for (const width of [320, 360]) {
		await page.setViewportSize({ width, height: 720 });
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
		await expectNoAxeViolations(page, `results at ${width} px`);
	}
	await page.setViewportSize({ width: 1280, height: 720 });

	// After a reload the results are still there.
	await page.reload();
	await expect(page.getByText(total)).toBeVisible();

	// The home page knows this lesson was worked on here.
	await page.goto('/');
	await expect(page.getByText('Finished on this device')).toBeVisible();
});

test('a grading failure shows an error, keeps the answer, and a retry succeeds', async ({ page }) => {
	await page.goto(`/m/${SLUG}`);
	await press(page, 'Start the lesson');
	await press(page, /on to the questions/);
	const q = await currentQuestion(page, module);
	await answerRight(page, module, q);

	let failNext = true;
	await page.route('**/api/grade', async (route) => {
		if (failNext) {
			failNext = false;
			await route.abort('internetdisconnected');
		} else {
			await route.continue();
		}
	});
	await checkAnswer(page);
	await expect(page.getByRole('alert')).toContainText('could not be checked');
	await press(page, 'Try again');
	await expect(panel(page).getByRole('heading', { level: 3, name: /Right/ })).toBeVisible();
});

test('an answer checked while offline is checked by itself once the device is back online', async ({
	page,
	context
}) => {
	await page.goto(`/m/${SLUG}`);
	await press(page, 'Start the lesson');
	await press(page, /on to the questions/);
	const q = await currentQuestion(page, module);
	await answerRight(page, module, q);

	await context.setOffline(true);
	await checkAnswer(page);
	await expect(page.getByRole('alert')).toContainText('This device is offline');
	await expect(page.getByRole('alert')).toContainText('will be checked as soon as you are back online');

	await context.setOffline(false);
	await expect(panel(page).getByRole('heading', { level: 3, name: /Right/ })).toBeVisible();
	await expect(page.getByRole('alert')).toHaveCount(0);
});

for (const [width, label] of [
	[320, 'on a phone (320 px)'],
	[640, 'at 200% zoom on a laptop (640 px)']
] as const) {
	test(`${label} the passage is one tap away and nothing scrolls sideways`, async ({ page }) => {
		await page.setViewportSize({ width, height: 640 });
		await page.goto(`/m/${SLUG}`);
		await press(page, 'Start the lesson');
		await press(page, /on to the questions/);
		const toggle = page.getByRole('button', { name: 'Show the passage' });
		await expect(toggle).toHaveAttribute('aria-expanded', 'false');
		await expect(page.locator('#passage-pane')).toBeHidden();
		await toggle.press('Enter');
		await expect(page.locator('#passage-pane')).toBeVisible();
		await expect(page.locator('[id="p1"]')).toBeVisible();
		// Nothing scrolls sideways.
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
		await expectNoAxeViolations(page, `question at ${width} px`);
	});
}

/** From the start screen to the first question of the second section, every answer right. */
async function toSecondSectionQuestions(page: Page) {
	await page.goto(`/m/${SLUG}`);
	await press(page, 'Start the lesson');
	const [first] = module.sections;
	await press(page, /on to the questions/);
	await expect(page.getByText(/^Question 1 of/)).toBeInViewport();
	for (let qi = 0; qi < first!.questionIds.length; qi++) {
		const q = await currentQuestion(page, module);
		await answerRight(page, module, q);
		await checkAnswer(page);
		await expect(panel(page).getByRole('heading', { level: 3, name: /Right/ })).toBeFocused();
		await press(page, qi === first!.questionIds.length - 1 ? 'Finish this section' : 'Next question');
		if (qi < first!.questionIds.length - 1) await expect(page.getByText(`Question ${qi + 2} of`)).toBeInViewport();
	}
	await press(page, 'Next section');
	await expect(page.getByRole('heading', { level: 1, name: module.sections[1]!.title })).toBeFocused();
	await press(page, /on to the questions/);
	await expect(panel(page).getByRole('heading', { level: 2 })).toBeFocused();
}

test('the passage read before the questions is the one beside them: kept, not made again', async ({ page }) => {
	await page.goto(`/m/${SLUG}`);
	await press(page, 'Start the lesson');
	await expect(page.getByRole('heading', { level: 1, name: module.sections[0]!.title })).toBeFocused();
	// The reading's first paragraph is marked; the questions' passage has the mark, so it is the same.
	const first = module.sections[0]!.paragraphs[0]!;
	await page.locator(`[id="${first}"]`).evaluate((el) => el.setAttribute('data-read-before', ''));
	await press(page, /on to the questions/);
	await expect(panel(page)).toBeVisible();
	await expect(page.locator(`#passage-pane [id="${first}"][data-read-before]`)).toBeVisible();
	// Beside the questions it carries its sections' headings, which the reading left to its own heading.
	await expect(page.locator('#passage-pane').getByRole('heading', { level: 2 }).first()).toBeVisible();
});

test('each question opens at its top, and the passage beside it turns to the current section', async ({ page }) => {
	test.setTimeout(120_000);
	await toSecondSectionQuestions(page);
	// The lesson's bar, progress and the question's position line are on screen, not scrolled past.
	await expect(page.getByText('Question 1 of')).toBeInViewport();
	await expect(page.getByText(/^Section 2 of/)).toBeInViewport();
	// The passage pane scrolled itself (the page did not) to where section 2 begins.
	const second = module.sections[1]!;
	const pane = page.locator('#passage-pane');
	await expect(pane.locator(`[id="section-${second.id}-title"]`)).toBeInViewport();
	await expect(pane.locator(`[id="${second.paragraphs[0]}"]`)).toBeInViewport();
	await expect.poll(() => pane.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
	await expectNoAxeViolations(page, 'second section beside its passage');
});

test('on a phone (360 px) "Show the passage" brings the current section into view and focus', async ({ page }) => {
	test.setTimeout(120_000);
	await page.setViewportSize({ width: 360, height: 640 });
	await toSecondSectionQuestions(page);
	await expect(page.getByText('Question 1 of')).toBeInViewport();
	const toggle = page.getByRole('button', { name: 'Show the passage' });
	await toggle.press('Enter');
	const heading = page.locator(`#passage-pane [id="section-${module.sections[1]!.id}-title"]`);
	await expect(heading).toBeFocused();
	await expect(heading).toBeInViewport();
	await expectNoAxeViolations(page, 'passage open on a phone');
	// Closing, from the passage itself, gives focus back to the toggle.
	const hide = page.locator('#passage-pane').getByRole('button', { name: 'Hide the passage' });
	await expect(hide).toBeInViewport();
	await hide.press('Enter');
	await expect(page.getByRole('button', { name: 'Show the passage' })).toBeFocused();
	await expect(page.locator('#passage-pane')).toBeHidden();
});
