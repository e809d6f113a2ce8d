import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { expectNoAxeViolations, SLUG } from './helpers';
import { loadKey } from './module-key';
import { answerRight, answerWrong, currentQuestion, panel, press } from './lesson-answers';
import { createAssignment } from './assignment-steps';
import { STORAGE_KEY } from '../../src/lib/settings/display.ts';

const module = loadKey(SLUG);
type State = Awaited<ReturnType<BrowserContext['storageState']>>;

/**
 * Walk the lesson once with the standard look, keeping the device's saved state at three screens
 * (feedback after a wrong try, a section's recap, the results), so that each look can open them again.
 */
async function walk(browser: Browser) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(`/m/${SLUG}`);
	await press(page, 'Start the lesson');
	await press(page, /on to the questions/);
	const states: Record<'feedback' | 'recap' | 'results', State | null> = { feedback: null, recap: null, results: null };
	for (const [si, section] of module.sections.entries()) {
		for (let qi = 0; qi < section.questionIds.length; qi++) {
			const q = await currentQuestion(page, module);
			if (!states.feedback && q.type === 'single-choice' && q.hints.length > 0) {
				await answerWrong(page, q);
				await press(page, 'Check answer');
				await press(page, /^Show a hint/);
				await expect(panel(page).getByRole('complementary', { name: 'Hints' })).toBeVisible();
				states.feedback = await context.storageState();
				await press(page, 'Try again');
			}
			await answerRight(page, module, q);
			await press(page, 'Check answer');
			await press(page, /^(Next question|Finish this section)$/);
		}
		await expect(page.getByRole('heading', { level: 1, name: `Recap: ${section.title}` })).toBeVisible();
		states.recap ??= await context.storageState();
		if (si < module.sections.length - 1) {
			await press(page, 'Next section');
			await press(page, /on to the questions/);
		}
	}
	await press(page, 'See my results');
	await expect(page.getByRole('heading', { level: 1, name: 'Your results' })).toBeVisible();
	states.results = await context.storageState();
	const { studentUrl, resultsUrl } = await createAssignment(page, 'Large print check');
	await context.close();
	return { states: states as Record<keyof typeof states, State>, studentUrl, resultsUrl };
}

test('axe finds nothing on the later screens at the largest size, in each font, light and dark', async ({
	browser
}) => {
	test.setTimeout(600_000);
	const { states, studentUrl, resultsUrl } = await walk(browser);
	for (const colorScheme of ['light', 'dark'] as const)
		for (const font of ['default', 'atkinson', 'opendyslexic']) {
			const look = JSON.stringify({ textSize: '175', font, lineSpacing: 'wide', letterSpacing: 'wide' });
			const label = `${font}, ${colorScheme}`;
			const open = async (state: State | undefined, path: string) => {
				const context = await browser.newContext({ storageState: state, colorScheme });
				await context.addInitScript(([key, value]) => localStorage.setItem(key!, value!), [STORAGE_KEY, look]);
				const page = await context.newPage();
				await page.goto(path);
				await expect(page.locator('html')).toHaveAttribute('data-font', font);
				return { context, page };
			};

			let { context, page } = await open(states.feedback, `/m/${SLUG}`);
			await expect(panel(page).getByRole('heading', { level: 3, name: /Not yet/ })).toBeVisible();
			await expectNoAxeViolations(page, `feedback with a hint (${label})`);
			await context.close();

			({ context, page } = await open(states.recap, `/m/${SLUG}`));
			await expect(page.getByRole('heading', { level: 1, name: /^Recap:/ })).toBeVisible();
			await expectNoAxeViolations(page, `a recap (${label})`);
			await context.close();

			({ context, page } = await open(states.results, `/m/${SLUG}`));
			await expect(page.getByRole('heading', { level: 1, name: 'Your results' })).toBeVisible();
			await expectNoAxeViolations(page, `the results (${label})`);
			await context.close();

			({ context, page } = await open(undefined, studentUrl));
			await expect(page.getByLabel(/Your name/)).toBeVisible();
			await expectNoAxeViolations(page, `an assignment's name step (${label})`);
			await page.goto(resultsUrl);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await expectNoAxeViolations(page, `the teacher's results (${label})`);
			await context.close();
		}
});
