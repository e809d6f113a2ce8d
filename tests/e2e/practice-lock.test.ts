/**
 * Practice cannot undo an assignment: while an open assignment on the lesson holds feedback back,
 * the practice page says the lesson is in use by a class, saves answers without verdicts, and has
 * no way to show the answer; once the teacher closes the assignment, practice is whole again, and
 * a device that practised under the lock starts a new whole practice instead of resuming that one.
 */
import { expect, test } from '@playwright/test';
import { SLUG } from './helpers';
import { createAssignment } from './assignment-steps';
import { answerRight, currentQuestion, panel, press } from './lesson-answers';
import { loadKey } from './module-key';

const module = loadKey(SLUG);

test('a class assignment that holds feedback back locks practice until it closes', async ({ browser, page }) => {
	const { resultsUrl } = await createAssignment(page, 'Locked practice', 'After they submit', { lockPractice: true });
	const student = await (await browser.newContext()).newPage();
	try {
		await student.goto(`/m/${SLUG}`);
		await expect(student.getByText('This lesson is in use by a class.')).toBeVisible();
		await press(student, /^Start/);
		await press(student, /on to the questions/);
		const q = await currentQuestion(student, module);
		await answerRight(student, module, q);
		await press(student, 'Check answer');
		const saved = panel(student).getByRole('heading', { level: 3, name: /Answer saved/ });
		await expect(saved).toBeVisible();
		// Nothing about right or wrong, no answer, no explanation, no way to ask for it.
		await expect(panel(student).getByText(/Right|Not yet|Partly right/)).toHaveCount(0);
		await expect(student.getByRole('button', { name: /Show the answer/ })).toHaveCount(0);
		await expect(panel(student).getByText(q.explanation.text)).toHaveCount(0);
	} finally {
		await page.goto(resultsUrl);
		await page.getByRole('button', { name: 'Close the assignment' }).click();
		await expect(page.getByRole('button', { name: 'Reopen the assignment' })).toBeVisible();
	}
	// The same device comes back: its half-unmarked practice is not resumed; a whole new one starts.
	await student.goto(`/m/${SLUG}`);
	await expect(student.getByRole('status').filter({ hasText: 'this is a new practice' })).toBeVisible();
	await expect(student.getByText('This lesson is in use by a class.')).toHaveCount(0);
	await press(student, /^Start/);
	await press(student, /on to the questions/);
	const again = await currentQuestion(student, module);
	await answerRight(student, module, again);
	await press(student, 'Check answer');
	await expect(panel(student).getByRole('heading', { level: 3, name: /Right/ })).toBeVisible();
	await student.context().close();
	// A new practice, on a device with no practice attempt yet, is whole again.
	const later = await (await browser.newContext()).newPage();
	await later.goto(`/m/${SLUG}`);
	await expect(later.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(later.getByText('This lesson is in use by a class.')).toHaveCount(0);
	await press(later, /^Start/);
	await press(later, /on to the questions/);
	const q = await currentQuestion(later, module);
	await answerRight(later, module, q);
	await press(later, 'Check answer');
	await expect(panel(later).getByRole('heading', { level: 3, name: /Right/ })).toBeVisible();
	await later.context().close();
});
