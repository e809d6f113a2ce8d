/**
 * A student is their name and resume code, not their browser: a second browser under the same
 * name is asked for the code and continues with it where the student was, and the teacher sees the start without it
 * flagged. Inside an assignment there is no restart; a student can hand in early after seeing what
 * is unanswered, and a hand-in after the teacher closes the assignment is refused with a message.
 */
import { expect, test, type Page } from '@playwright/test';
import { SLUG } from './helpers';
import { loadKey } from './module-key';
import { createAssignment, joinAsStudent } from './assignment-steps';
import { answerRight, currentQuestion, panel, press } from './lesson-answers';
import { formatScore, points } from '../../src/lib/format/points.ts';

const module = loadKey(SLUG);
const CODE = /^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{3}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{3}$/;

/** Answer the question on screen right and wait for the server to have it. */
async function answerOne(page: Page) {
	const q = await currentQuestion(page, module);
	await answerRight(page, module, q);
	const saved = page.waitForResponse((r) => r.url().includes('/answers') && r.request().method() === 'POST');
	await press(page, 'Check answer');
	expect((await saved).status()).toBe(200);
	await expect(panel(page).getByRole('heading', { level: 3, name: /Right/ })).toBeVisible();
	return q;
}

test('the same name in a second browser is asked for the resume code, continues with it, and is flagged without it', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const teacherContext = await browser.newContext();
	const teacher = await teacherContext.newPage();
	const title = 'Two devices';
	const { studentUrl, resultsUrl } = await createAssignment(teacher, title);

	const { context: phoneContext, page: phone } = await joinAsStudent(browser, studentUrl, title, 'Amira Haddad');
	// The code is shown at the start, and stays in the banner once noted.
	const notice = phone.getByRole('status').filter({ hasText: 'Your resume code is' });
	await expect(notice).toBeVisible();
	const code = (await notice.locator('strong').textContent())!.trim();
	expect(code).toMatch(CODE);
	await press(phone, 'I have noted it');
	await expect(notice).toHaveCount(0);
	await expect(phone.getByText('Resume code')).toBeVisible();
	await expect(phone.locator('.banner').getByText(code)).toBeVisible();
	const answered = await answerOne(phone);

	// A second browser types the name another way and has no code: asked for it, no second row.
	const laptopContext = await browser.newContext();
	const laptop = await laptopContext.newPage();
	await laptop.goto(studentUrl);
	await laptop.getByLabel(/Your name/).fill('  amira   HADDAD ');
	await laptop.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(laptop.getByRole('alert')).toContainText('Someone has already started under this name');
	const codeBox = laptop.getByLabel('Resume code');
	await expect(codeBox).toBeVisible();

	await teacher.goto(resultsUrl);
	await expect(teacher.getByText('1 student, 0 submitted.')).toBeVisible();
	const students = teacher.getByRole('region', { name: 'Each student' });
	await expect(students).toContainText('Flagged: 1 start from another device without the code');
	await expect(teacher.getByRole('rowheader', { name: 'Amira Haddad flagged' })).toBeVisible();

	// With the code (lower case, no dash) it continues the same attempt.
	await codeBox.fill(code.replace('-', '').toLowerCase());
	await laptop.getByRole('button', { name: 'Continue', exact: true }).click();
	// It lands where the student was: the next question of the first section, the phone's answer counted.
	await expect(laptop.getByText(/^Question 2 of \d+ in this section/)).toBeVisible();
	const next = await currentQuestion(laptop, module);
	expect(next.section).toBe(module.sections[0]!.id);
	expect(next.id).not.toBe(answered.id);
	const total = module.questions.reduce((sum, q) => sum + q.points, 0);
	await expect(
		laptop.getByText(`Score so far: ${formatScore(answered.points)} out of ${points(total)}`)
	).toBeAttached();
	await expect(laptop.locator('.banner').getByText('Amira Haddad')).toBeVisible();
	await expect(laptop.locator('.banner').getByText(code)).toBeVisible();
	// What was answered on the phone is not listed as unanswered when handing in from the laptop.
	await press(laptop, 'Submit my answers…');
	const dialog = laptop.getByRole('dialog', { name: 'Submit your answers now?' });
	await expect(dialog).toBeVisible();
	await expect(dialog.getByRole('listitem')).toHaveCount(module.questions.length - 1);
	await expect(dialog.getByRole('listitem').filter({ hasText: answered.prompt })).toHaveCount(0);
	await press(laptop, 'Keep working');

	await teacher.reload();
	await expect(teacher.getByText('1 student, 0 submitted.')).toBeVisible();
	await phoneContext.close();
	await laptopContext.close();
	await teacherContext.close();
});

test('a student hands in early after a list of the unanswered questions; a hand-in after closing is refused', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const teacherContext = await browser.newContext();
	const teacher = await teacherContext.newPage();
	const title = 'Early hand-in';
	const { studentUrl, resultsUrl } = await createAssignment(teacher, title);

	const { context: earlyContext, page: early } = await joinAsStudent(browser, studentUrl, title, 'Bea');
	const answered = await answerOne(early);
	await press(early, 'Submit my answers…');
	const dialog = early.getByRole('dialog', { name: 'Submit your answers now?' });
	await expect(dialog).toContainText(`You have not answered these ${module.questions.length - 1} questions`);
	await expect(dialog.getByRole('listitem').first()).toContainText('Section 1:');
	await expect(dialog.getByRole('listitem').filter({ hasText: answered.prompt })).toHaveCount(0);
	await press(early, 'Submit now');
	await expect(early.getByRole('heading', { name: 'Submitted' })).toBeVisible();

	const { context: lateContext, page: late } = await joinAsStudent(browser, studentUrl, title, 'Cato');
	await answerOne(late);
	await teacher.goto(resultsUrl);
	await teacher.getByRole('button', { name: 'Close the assignment' }).click();
	await expect(teacher.getByRole('button', { name: 'Reopen the assignment' })).toBeVisible();

	await press(late, 'Submit my answers…');
	await press(late, 'Submit now');
	await expect(late.getByRole('dialog').getByRole('alert')).toHaveText(
		'Your teacher has closed this assignment, so it no longer takes hand-ins. Your saved answers stay with your teacher.'
	);

	await teacher.reload();
	await expect(teacher.getByText('2 students, 1 submitted.')).toBeVisible();
	await earlyContext.close();
	await lateContext.close();
	await teacherContext.close();
});

test('an assignment offers no restart, even on its results; the teacher resets a student who then starts afresh', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const teacherContext = await browser.newContext();
	const teacher = await teacherContext.newPage();
	const title = 'No restart';
	const { studentUrl, resultsUrl } = await createAssignment(teacher, title);
	const { context, page } = await joinAsStudent(browser, studentUrl, title, 'Dara');

	await expect(page.getByRole('button', { name: 'Restart' })).toHaveCount(0);
	for (const [si, section] of module.sections.entries()) {
		if (si > 0) await press(page, /on to the questions|Continue/);
		for (let qi = 0; qi < section.questionIds.length; qi++) {
			await answerOne(page);
			await press(page, qi === section.questionIds.length - 1 ? 'Finish this section' : 'Next question');
		}
		await press(page, si + 1 < module.sections.length ? 'Next section' : 'See my results');
	}
	await expect(page.getByRole('heading', { level: 1, name: 'Your results' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Start the lesson again' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Restart' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Submit my answers' })).toBeVisible();

	// The teacher resets Dara: asked to confirm, then the row is gone and Dara starts afresh.
	await teacher.goto(resultsUrl);
	await teacher.getByText('Reset…').click();
	const reset = teacher.getByRole('button', { name: 'Reset Dara' });
	await reset.click();
	// Not confirmed: the browser keeps the form until the box is ticked.
	await expect(teacher.getByText('1 student, 0 submitted.')).toBeVisible();
	await teacher.getByLabel(/Archive Dara's attempts/).check();
	await reset.click();
	await expect(teacher.getByText('Dara was reset and starts afresh with a new resume code.')).toBeVisible();
	await expect(teacher.getByRole('link', { name: 'Dara', exact: true })).toHaveCount(0);

	await page.reload();
	await expect(page.getByLabel(/Your name/)).toBeVisible();
	await page.getByLabel(/Your name/).fill('Dara');
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: module.sections[0]!.title })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Your resume code is' })).toBeVisible();
	await context.close();
	await teacherContext.close();
});

test('a teacher without JavaScript allows a student one more attempt, which the student can then start', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const setupContext = await browser.newContext();
	const { studentUrl, resultsUrl } = await createAssignment(await setupContext.newPage(), 'One more');
	await setupContext.close();

	const { context, page } = await joinAsStudent(browser, studentUrl, 'One more', 'Eli');
	await answerOne(page);
	await press(page, 'Submit my answers…');
	await press(page, 'Submit now');
	await expect(page.getByRole('heading', { name: 'Submitted' })).toBeVisible();
	await expect(page.getByRole('button', { name: /Start another attempt/ })).toHaveCount(0);

	const teacherContext = await browser.newContext({ javaScriptEnabled: false });
	const teacher = await teacherContext.newPage();
	await teacher.goto(resultsUrl);
	await expect(teacher.getByText('attempt 1 of 1, submitted')).toBeVisible();
	await teacher.getByRole('button', { name: 'Allow one more attempt' }).click();
	await expect(teacher.getByText('Eli may start one more attempt.')).toBeVisible();
	await expect(teacher.getByText('attempt 1 of 2, submitted')).toBeVisible();

	await page.reload();
	await page.getByRole('button', { name: 'Start another attempt (1 left)' }).click();
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: module.sections[0]!.title })).toBeVisible();
	await teacher.goto(resultsUrl);
	await expect(teacher.getByText('attempt 2 of 2, in progress')).toBeVisible();
	await context.close();
	await teacherContext.close();
});

test('an answer given offline before the teacher closes the assignment is kept when it arrives after', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const teacherContext = await browser.newContext();
	const teacher = await teacherContext.newPage();
	const { studentUrl, resultsUrl } = await createAssignment(teacher, 'Held up', 'After they submit');
	const { context, page } = await joinAsStudent(browser, studentUrl, 'Held up', 'Fia');
	const q = await currentQuestion(page, module);
	await answerRight(page, module, q);
	await context.setOffline(true);
	await press(page, 'Check answer');
	await expect(page.getByRole('status').filter({ hasText: '1 answer waiting to be sent' })).toBeVisible();

	await teacher.goto(resultsUrl);
	await teacher.getByRole('button', { name: 'Close the assignment' }).click();
	await expect(teacher.getByRole('button', { name: 'Reopen the assignment' })).toBeVisible();

	const sent = page.waitForResponse((r) => r.url().includes('/answers') && r.request().method() === 'POST');
	await context.setOffline(false);
	expect((await sent).status()).toBe(200);
	await expect(page.getByText(/waiting to be sent/)).toHaveCount(0);
	// Within the grace period: stored, and not marked late.
	const row = teacher.locator('table.class-table').getByRole('row', { name: /Fia/ });
	await expect(row).toContainText(`1 / ${module.questions.length}`);
	await expect(row).not.toContainText('late');
	await context.close();
	await teacherContext.close();
});
