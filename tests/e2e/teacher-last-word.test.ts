/**
 * The teacher has the last word: on a student's answers page the teacher marks a wrong answer
 * right and sees the new total with both grades, the CSV carries the teacher's points, and an
 * answer accepted for everyone (here without JavaScript, confirming first) changes another
 * student's answer, until the teacher stops accepting it. Axe checks the changed pages in light and dark.
 */
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { expect, test, type Page } from '@playwright/test';
import type { ResolvedQuestion } from '../../src/lib/content/module.ts';
import { expectNoAxeViolations, SLUG } from './helpers';
import { loadKey } from './module-key';
import { createAssignment, joinAsStudent } from './assignment-steps';
import { answerRight, answerWrong, currentQuestion, panel, press } from './lesson-answers';
import { formatScore, points } from '../../src/lib/format/points';
import { questionLabel } from '../../src/lib/content/label';

const module = loadKey(SLUG);
const MAX = module.questions.reduce((n, q) => n + q.points, 0);
/** A blank answer the key does not take, though a teacher may. */
const OWN_WORDS = 'aid and supplies';

/** Fill a cloze: the drop-down blanks right, the typed blanks with `typed`. */
async function answerCloze(page: Page, q: Extract<ResolvedQuestion, { type: 'cloze' }>, typed: string) {
	const ids = [...q.text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]!);
	for (const [i, id] of ids.entries()) {
		const blank = q.blanks.find((b) => b.id === id)!;
		const name = `Blank ${i + 1} of ${ids.length}`;
		if (blank.choices) {
			const label = blank.choices.find((c) => c.toLowerCase() === blank.answer.toLowerCase())!;
			await panel(page).getByRole('combobox', { name, exact: true }).selectOption({ label });
		} else {
			await panel(page).getByRole('textbox', { name, exact: true }).pressSequentially(typed);
		}
	}
}

async function check(page: Page) {
	const saved = page.waitForResponse((r) => r.url().includes('/answers') && r.request().method() === 'POST');
	await press(page, 'Check answer');
	expect((await saved).status()).toBe(200);
}

/** Answer the first section right up to its cloze, and give the cloze in the student's own words. */
async function answerUpToCloze(page: Page) {
	for (;;) {
		const q = await currentQuestion(page, module);
		if (q.type === 'cloze') {
			await answerCloze(page, q, OWN_WORDS);
			await check(page);
			return q;
		}
		await answerRight(page, module, q);
		await check(page);
		await press(page, /Next question|Finish this section/);
	}
}

const row = (page: Page, prompt: string) =>
	page
		.getByRole('region', { name: 'Answers' })
		.getByRole('row')
		.filter({ has: page.getByRole('rowheader', { name: prompt }) });

test("the teacher marks a student's wrong answer right: new total, both grades, the CSV has the teacher's points", async ({
	browser
}) => {
	test.setTimeout(120_000);
	const teacherContext = await browser.newContext({ acceptDownloads: true });
	const teacher = await teacherContext.newPage();
	const title = 'Marked by the teacher';
	const { studentUrl, resultsUrl } = await createAssignment(teacher, title, 'After they submit');
	const student = await joinAsStudent(browser, studentUrl, title, 'Ada');
	const q = await currentQuestion(student.page, module);
	if (q.type === 'cloze') await answerCloze(student.page, q, 'zzz');
	else await answerWrong(student.page, q);
	await check(student.page);

	const response = await teacher.goto(resultsUrl);
	expect(response?.headers()['cache-control']).toBe('no-store');
	const classRow = teacher.locator('table.class-table').getByRole('row', { name: /Ada/ });
	await expect(classRow).toContainText(`0 / ${points(MAX)}`);
	await classRow.getByRole('link', { name: 'Ada' }).click();
	await expect(teacher.getByRole('heading', { level: 1, name: 'Ada' })).toBeVisible();
	await expect(teacher.getByText(`Total 0 / ${points(MAX)}`)).toBeVisible();

	const answer = row(teacher, questionLabel(q));
	await answer.getByText('Mark this answer').click();
	await answer.getByRole('radio', { name: 'Right', exact: true }).check();
	await answer.getByRole('button', { name: 'Save mark' }).click();
	await expect(teacher.getByText(`Total ${formatScore(q.points)} / ${points(MAX)}`)).toBeVisible();
	await expect(answer.getByRole('status')).toHaveText('Marked right.');
	// Both grades: the teacher's, and the machine's struck through beside it.
	await expect(answer).toContainText('right (your mark)');
	await expect(answer.locator('s').first()).toHaveText('incorrect');
	await expect(answer.locator('s').nth(1)).toHaveText('0');
	await expect(answer).toContainText('incorrect (machine)');
	await expect(answer.getByRole('button', { name: 'Remove your mark' })).toBeVisible();
	await expectNoAxeViolations(teacher, "a student's answers with a teacher's mark, light");
	await teacher.emulateMedia({ colorScheme: 'dark' });
	await answer.getByText('Change your mark').click();
	await expectNoAxeViolations(teacher, "a student's answers with a teacher's mark, dark");
	await teacher.emulateMedia({ colorScheme: 'light' });

	await teacher.getByRole('link', { name: /Back to the class/ }).click();
	await expect(classRow).toContainText(`${formatScore(q.points)} / ${points(MAX)}`);
	const downloading = teacher.waitForEvent('download');
	await teacher.getByRole('link', { name: 'Download CSV' }).click();
	const text = (await readFile((await (await downloading).path())!, 'utf8')).replace(/^\uFEFF/, '');
	const [csv] = Papa.parse<Record<string, string>>(text.trim(), { header: true }).data;
	expect(csv).toMatchObject({
		name: 'Ada',
		score: String(q.points),
		questions_marked_by_teacher: '1',
		[`q:${q.id} (max ${q.points}): ${questionLabel(q)}`]: String(q.points)
	});

	// Bad forms get a 4xx, from this site or not; a form from elsewhere is refused before it is read.
	const origin = new URL(teacher.url()).origin;
	const href = await teacher.locator('table.class-table').getByRole('link', { name: 'Ada' }).getAttribute('href');
	const studentPage = new URL(href!, teacher.url()).toString();
	// As a browser posts a form without JavaScript: it asks for a page.
	const posted = (action: string, data: Record<string, string>, headers: Record<string, string> = { origin }) =>
		teacher.request.post(`${studentPage}?/${action}`, {
			form: data,
			headers: { accept: 'text/html', ...headers },
			maxRedirects: 0
		});
	expect((await posted('mark', { answerId: 'nope', mark: 'right' })).status()).toBe(400);
	expect((await posted('mark', { answerId: crypto.randomUUID(), mark: 'right' })).status()).toBe(404);
	expect((await posted('unmark', { answerId: crypto.randomUUID() })).status()).toBe(404);
	expect((await posted('accept', { answerId: crypto.randomUUID() })).status()).toBe(404);
	expect((await posted('accept', { answerId: crypto.randomUUID(), confirm: 'maybe' })).status()).toBe(400);
	const forged = await posted(
		'mark',
		{ answerId: crypto.randomUUID(), mark: 'wrong' },
		{ origin: 'null', 'sec-fetch-site': 'cross-site' }
	);
	expect(forged.status()).toBe(403);
	expect(forged.headers()['cache-control']).toBe('no-store');

	await student.context.close();
	await teacherContext.close();
});

test("accepting one student's answer for everyone changes another student's, with confirmation and without JavaScript", async ({
	browser
}) => {
	test.setTimeout(300_000);
	const setup = await browser.newContext();
	const title = 'Accepted for everyone';
	const { studentUrl, resultsUrl } = await createAssignment(await setup.newPage(), title, 'After they submit');
	await setup.close();
	const ada = await joinAsStudent(browser, studentUrl, title, 'Ada');
	const cloze = await answerUpToCloze(ada.page);
	const bo = await joinAsStudent(browser, studentUrl, title, 'Bo');
	await answerUpToCloze(bo.page);

	// With JavaScript, the teacher is asked first too (axe checks this state; it is not confirmed here).
	const scripted = await browser.newContext();
	const look = await scripted.newPage();
	await look.goto(resultsUrl);
	await look.locator('table.class-table').getByRole('link', { name: 'Ada' }).click();
	await row(look, questionLabel(cloze)).getByRole('button', { name: 'Accept this answer for everyone…' }).click();
	await expect(row(look, questionLabel(cloze)).getByRole('alert')).toContainText(
		'This regrades 2 answers of 2 students'
	);
	await expectNoAxeViolations(look, 'accept for everyone, asking first, light');
	await look.emulateMedia({ colorScheme: 'dark' });
	await expectNoAxeViolations(look, 'accept for everyone, asking first, dark');

	// Without JavaScript: the same two steps as plain form posts.
	const teacherContext = await browser.newContext({ javaScriptEnabled: false });
	const teacher = await teacherContext.newPage();
	await teacher.goto(resultsUrl);
	const boRow = teacher.locator('table.class-table').getByRole('row', { name: /Bo/ });
	const before = (await boRow.getByRole('cell').nth(1).textContent())!;
	await teacher.locator('table.class-table').getByRole('link', { name: 'Ada' }).click();
	const answer = row(teacher, questionLabel(cloze));
	await expect(answer).toContainText(OWN_WORDS);
	await answer.getByRole('button', { name: 'Accept this answer for everyone…' }).click();
	// Asked first, with how many it changes; nothing changed yet.
	const asked = row(teacher, questionLabel(cloze));
	await expect(asked.getByRole('alert')).toContainText(
		`Accept “${cloze.blanks.find((b) => !b.choices)!.id}: ${OWN_WORDS}” for everyone? This regrades 2 answers of 2 students`
	);
	await asked.getByRole('button', { name: 'Yes, accept for everyone' }).click();
	await expect(row(teacher, questionLabel(cloze)).getByRole('status')).toContainText(
		'2 answers of 2 students changed.'
	);
	await expect(row(teacher, questionLabel(cloze))).toContainText('right (accepted for everyone)');

	await teacher.getByRole('link', { name: /Back to the class/ }).click();
	await expect(boRow.getByRole('cell').nth(1)).not.toHaveText(before);
	const typed = teacher.getByRole('region', { name: 'Typed answers the key did not take' });
	await expect(typed.getByRole('listitem').filter({ hasText: OWN_WORDS })).toHaveCount(1);
	await expect(typed.getByRole('listitem').filter({ hasText: OWN_WORDS })).toContainText('b2: aid and supplies');
	await boRow.getByRole('link', { name: 'Bo' }).click();
	const boAnswer = row(teacher, questionLabel(cloze));
	await expect(boAnswer).toContainText('right (accepted for everyone)');
	await expect(boAnswer.locator('s').first()).toHaveText('partial');
	// Axe needs scripts: the same page in the scripted browser, light and dark.
	await look.goto(teacher.url());
	await expect(row(look, questionLabel(cloze))).toContainText('right (accepted for everyone)');
	await expectNoAxeViolations(look, "another student's answers after accepting, dark");
	await look.emulateMedia({ colorScheme: 'light' });
	await expectNoAxeViolations(look, "another student's answers after accepting, light");
	await look.goto(resultsUrl);
	await expect(look.getByRole('heading', { level: 3, name: 'Accepted for everyone' })).toBeVisible();
	await expectNoAxeViolations(look, 'class results with typed and accepted answers, light');
	await look.emulateMedia({ colorScheme: 'dark' });
	await expectNoAxeViolations(look, 'class results with typed and accepted answers, dark');

	// The teacher changes their mind: Stop accepting, asked first, then every grade it changed goes back.
	const region = look.getByRole('region', { name: 'Typed answers the key did not take' });
	const acceptedItem = region.getByRole('listitem').filter({ hasText: `b2: ${OWN_WORDS}` });
	await acceptedItem.getByRole('button', { name: 'Stop accepting…' }).click();
	await expect(acceptedItem.getByRole('alert')).toContainText(
		`Stop accepting “b2: ${OWN_WORDS}”? This regrades 2 answers of 2 students by the key again now`
	);
	await expectNoAxeViolations(look, 'stop accepting, asking first, dark');
	await acceptedItem.getByRole('button', { name: 'Yes, stop accepting' }).click();
	await expect(region.getByRole('status').filter({ hasText: 'Stopped accepting' })).toContainText(
		'2 answers of 2 students graded by the key again'
	);
	await expect(look.getByRole('heading', { level: 3, name: 'Accepted for everyone' })).toHaveCount(0);
	await expect(
		region.getByRole('listitem').filter({ hasText: OWN_WORDS }).getByRole('button', { name: 'Accept for everyone…' })
	).toHaveCount(1);
	const boAgain = look.locator('table.class-table').getByRole('row', { name: /Bo/ });
	await expect(boAgain.getByRole('cell').nth(1)).toHaveText(before);
	await scripted.close();

	await ada.context.close();
	await bo.context.close();
	await teacherContext.close();
});
