/**
 * A student who loses the connection mid-lesson: the answer waits on the device with a visible
 * status, goes out by itself when the connection returns, and the teacher then sees it.
 */
import { expect, test } from '@playwright/test';
import { SLUG } from './helpers';
import { createAssignment, joinAsStudent } from './assignment-steps';
import { loadKey } from './module-key';
import { answerRight, currentQuestion, panel, press } from './lesson-answers';

const module = loadKey(SLUG);

test('answers given offline wait on the device and are sent when the connection returns', async ({ browser }) => {
	test.setTimeout(90_000);
	const teacherContext = await browser.newContext();
	const teacher = await teacherContext.newPage();
	const { studentUrl, resultsUrl } = await createAssignment(teacher, 'Offline check', 'After they submit');
	const { context: studentContext, page: student } = await joinAsStudent(browser, studentUrl, 'Offline check', 'Ada');
	const q = await currentQuestion(student, module);
	await answerRight(student, module, q);

	await studentContext.setOffline(true);
	await press(student, 'Check answer');
	await expect(student.getByRole('status').filter({ hasText: '1 answer waiting to be sent' })).toBeVisible();
	// The lesson goes on while offline.
	await expect(panel(student).getByText(/saved/i).first()).toBeVisible();
	await press(student, 'Next question');
	await currentQuestion(student, module);

	// Nothing has reached the server yet.
	await teacher.goto(resultsUrl);
	const row = teacher.locator('table.class-table').getByRole('row', { name: /Ada/ });
	await expect(row).toContainText(`0 / ${module.questions.length}`);

	const sent = student.waitForResponse((r) => r.url().includes('/answers') && r.status() === 200);
	await studentContext.setOffline(false);
	await sent;
	await expect(student.getByText(/waiting to be sent/)).toHaveCount(0);

	// The results page refreshes by itself.
	await expect(row).toContainText(`1 / ${module.questions.length}`);
	await studentContext.close();
	await teacherContext.close();
});

test('with feedback at once, an answer checked offline gets its verdict by itself once back online', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const teacherContext = await browser.newContext();
	const teacher = await teacherContext.newPage();
	const title = 'Offline, feedback at once';
	const { studentUrl, resultsUrl } = await createAssignment(teacher, title, /At once/);
	const { context: studentContext, page: student } = await joinAsStudent(browser, studentUrl, title, 'Grace');
	const q = await currentQuestion(student, module);
	await answerRight(student, module, q);

	await studentContext.setOffline(true);
	await press(student, 'Check answer');
	await expect(student.getByRole('alert')).toContainText('This device is offline');
	await expect(student.getByRole('status').filter({ hasText: '1 answer waiting to be sent' })).toBeVisible();

	await studentContext.setOffline(false);
	await expect(panel(student).getByRole('heading', { level: 3, name: /Right/ })).toBeVisible();
	await expect(student.getByText(/waiting to be sent/)).toHaveCount(0);

	// Stored once, however many times it went out.
	await teacher.goto(resultsUrl);
	const row = teacher.locator('table.class-table').getByRole('row', { name: /Grace/ });
	await expect(row).toContainText(`1 / ${module.questions.length}`);
	await studentContext.close();
	await teacherContext.close();
});
