/**
 * The steps of an assignment that most browser tests share: a teacher creates one, and a student
 * joins it by name and arrives at the first section's questions.
 */
import { expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { expectAssignmentOpened, SLUG } from './helpers';
import { loadKey } from './module-key';
import { press } from './lesson-answers';

const module = loadKey(SLUG);

/** When feedback appears, as the teacher's form labels it. */
export type FeedbackChoice = RegExp | string;

/**
 * On /teach: create an assignment of the Seoul module; its student and private results links.
 * Practice on the module stays open unless `lockPractice` (the teacher's default when feedback is
 * held back): browser tests share one server, and other tests practise the same module. `dueAt` is
 * typed into the due field as the teacher's form takes it: local time of the teacher's browser.
 */
export async function createAssignment(
	page: Page,
	title: string,
	feedback?: FeedbackChoice,
	{ lockPractice = false, dueAt }: { lockPractice?: boolean; dueAt?: `${string}T${string}` } = {}
) {
	await page.goto('/teach');
	await expect(page.getByRole('heading', { level: 1, name: /Assign a lesson/ })).toBeVisible();
	// The catalogue holds more than one module, and the form preselects the first alphabetically.
	await page.getByLabel('Lesson').selectOption(SLUG);
	await page.getByLabel('Title students see').fill(title);
	if (feedback) {
		const radio = page.getByRole('radio', { name: feedback });
		await radio.check();
		// Held-back feedback offers the practice lock, ticked by default.
		if ((await radio.getAttribute('value')) !== 'immediate') {
			const lock = page.getByRole('checkbox', { name: /Keep practice from showing answers/ });
			await expect(lock).toBeChecked();
			if (!lockPractice) await lock.uncheck();
		}
	}
	if (dueAt) await page.getByLabel(/^Due/).fill(dueAt);
	await page.getByRole('button', { name: 'Create the assignment' }).click();
	await expect(page.getByRole('heading', { name: `“${title}” is ready` })).toBeVisible();
	const studentUrl = await page.getByLabel(/Student link/).inputValue();
	const resultsUrl = await page.getByLabel(/private results link/).inputValue();
	return { studentUrl, resultsUrl };
}

/**
 * A student in a browser of their own (with its own time zone, language, screen or clock when given)
 * gives a name, lands in the lesson and goes on to the questions.
 */
export async function joinAsStudent(
	browser: Browser,
	studentUrl: string,
	title: string,
	name: string,
	options: BrowserContextOptions & { before?: (page: Page) => Promise<void> } = {}
) {
	const { before, ...contextOptions } = options;
	const context = await browser.newContext(contextOptions);
	const page = await context.newPage();
	await before?.(page);
	await page.goto(studentUrl);
	await page.getByLabel(/Your name/).fill(name);
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await expectAssignmentOpened(page, title, name, module.sections[0]!.title);
	await press(page, /on to the questions/);
	return { context, page };
}
