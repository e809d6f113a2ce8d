/**
 * The steps of an assignment that most browser tests share: a teacher creates one, and a student
 * joins it by name and arrives at the first section's questions.
 */
import { expect, type Browser, type Page } from '@playwright/test';
import { expectAssignmentOpened, SLUG } from './helpers';
import { loadKey } from './module-key';
import { press } from './lesson-answers';

const module = loadKey(SLUG);

/** When feedback appears, as the teacher's form labels it. */
export type FeedbackChoice = RegExp | string;

/** On /teach: create an assignment of the Seoul module; its student and private results links. */
export async function createAssignment(page: Page, title: string, feedback?: FeedbackChoice) {
	await page.goto('/teach');
	await expect(page.getByRole('heading', { level: 1, name: /Assign a lesson/ })).toBeVisible();
	// The catalogue holds more than one module, and the form preselects the first alphabetically.
	await page.getByLabel('Lesson').selectOption(SLUG);
	await page.getByLabel('Title students see').fill(title);
	if (feedback) await page.getByRole('radio', { name: feedback }).check();
	await page.getByRole('button', { name: 'Create the assignment' }).click();
	await expect(page.getByRole('heading', { name: `“${title}” is ready` })).toBeVisible();
	const studentUrl = await page.getByLabel(/Student link/).inputValue();
	const resultsUrl = await page.getByLabel(/private results link/).inputValue();
	return { studentUrl, resultsUrl };
}

/** A student in a browser of their own gives a name, lands in the lesson and goes on to the questions. */
export async function joinAsStudent(browser: Browser, studentUrl: string, title: string, name: string) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(studentUrl);
	await page.getByLabel(/Your name/).fill(name);
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await expectAssignmentOpened(page, title, name, module.sections[0]!.title);
	await press(page, /on to the questions/);
	return { context, page };
}
