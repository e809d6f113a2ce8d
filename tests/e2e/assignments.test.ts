/**
 * Teacher assignments end to end, each person in their own browser context: a teacher creates an
 * assignment, two students take it, the teacher watches them appear live and exports the CSV.
 * Then the HTTP edges: malformed and oversized bodies, duplicate posts, and wrong results links
 * (404, then 429 once guesses pile up: that test runs late, as it blocks this address's wrong guesses).
 */
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAssignmentOpened, expectNoAxeViolations, SLUG } from './helpers';
import { loadKey } from './module-key';
import { createAssignment, joinAsStudent } from './assignment-steps';
import type { AttemptView } from '../../src/lib/server/assignments/student';
import { answerRight, answerWrong, currentQuestion, panel, press } from './lesson-answers';

const module = loadKey(SLUG);
const XSS_NAME = '<img src=x onerror=alert(1)>';
const HANGUL_NAME = '김민준';
const TITLE = 'Year 9 close reading';

async function studentAnswersFirstQuestion(
	browser: Browser,
	studentUrl: string,
	title: string,
	name: string,
	axe: boolean
) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(studentUrl);
	const nameBox = page.getByLabel(/Your name/);
	await expect(nameBox).toBeVisible();
	if (axe) await expectNoAxeViolations(page, 'student name form');
	await nameBox.fill(`  ${name}  `);
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await expectAssignmentOpened(page, title, name, module.sections[0]!.title);
	if (axe) await expectNoAxeViolations(page, 'student lesson, first section');
	await press(page, /on to the questions/);
	const q = await currentQuestion(page, module);
	await answerRight(page, module, q);
	const saved = page.waitForResponse((r) => r.url().includes('/answers') && r.request().method() === 'POST');
	await press(page, 'Check answer');
	expect((await saved).status()).toBe(200);
	await expect(panel(page).getByRole('heading', { level: 3, name: /Right/ })).toBeVisible();
	await expect(page.getByText(name, { exact: true })).toBeVisible();
	if (axe) await expectNoAxeViolations(page, 'student question with feedback');
	return { context, page };
}

test('a teacher assigns a lesson, two students take it, the teacher sees them live and exports the CSV', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const teacherContext = await browser.newContext({ acceptDownloads: true });
	const teacher = await teacherContext.newPage();
	const { studentUrl, resultsUrl } = await createAssignment(teacher, TITLE);
	expect(studentUrl).toMatch(/\/a\/[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/);
	expect(resultsUrl).toMatch(/\/r\/[A-Za-z0-9_-]{32}$/);
	await expect(teacher.getByRole('img', { name: 'QR code of the student link' })).toBeVisible();
	await expectNoAxeViolations(teacher, 'teacher create page with links');

	// The results page is open before anyone starts; it must update by itself.
	const response = await teacher.goto(resultsUrl);
	expect(response?.headers()['cache-control']).toBe('no-store');
	expect(response?.headers()['referrer-policy']).toBe('no-referrer');
	// Before anyone starts: a short note with the link, no empty chart and no table of zeros.
	await expect(teacher.getByText('No students yet.')).toBeVisible();
	await expect(teacher.getByLabel('Student link')).toHaveValue(studentUrl);
	await expect(teacher.getByRole('heading', { name: 'Question by question' })).toHaveCount(0);
	await expect(teacher.getByRole('img', { name: /Score distribution/ })).toHaveCount(0);
	// The class comes first, managing the assignment after it.
	const headings = await teacher.getByRole('heading', { level: 2 }).allTextContents();
	expect(headings.indexOf('Class')).toBeLessThan(headings.indexOf('Manage'));
	await expectNoAxeViolations(teacher, 'results page before anyone starts');

	const first = await studentAnswersFirstQuestion(browser, studentUrl, TITLE, XSS_NAME, true);
	const second = await studentAnswersFirstQuestion(browser, studentUrl, TITLE, HANGUL_NAME, false);

	const table = teacher.locator('table.class-table');
	await expect(table.getByRole('link', { name: XSS_NAME, exact: true })).toBeVisible();
	await expect(table.getByRole('link', { name: HANGUL_NAME, exact: true })).toBeVisible();
	await expect(teacher.getByText('2 students, 0 submitted.')).toBeVisible();
	// Students still working are not scores yet; the columns speak plainly.
	await expect(teacher.getByText('Nobody has submitted yet.')).toBeVisible();
	await expect(teacher.getByRole('img', { name: /Score distribution/ })).toHaveCount(0);
	await expect(teacher.getByRole('columnheader', { name: 'Right at first try' })).toBeVisible();
	await expect(teacher.getByRole('columnheader', { name: 'Separates stronger from weaker readers' })).toBeVisible();
	await teacher.getByText('What the columns mean').click();
	const explanation = teacher.locator('details').filter({ hasText: 'What the columns mean' });
	await expect(explanation).toHaveAttribute('open', '');
	await expect(explanation).toContainText('top 27% of the class by total score');
	await expect(table).not.toContainText(/:\d\d:\d\d/);
	await expect(teacher.locator('img[src="x"]')).toHaveCount(0);
	await expectNoAxeViolations(teacher, 'results page');
	// Every region has a name of its own, so a screen reader's list of regions tells them apart.
	const regionNames = await teacher
		.getByRole('region')
		.evaluateAll((els) =>
			els.map(
				(el) =>
					el.getAttribute('aria-label') ??
					document.getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent?.trim()
			)
		);
	expect(regionNames.length).toBeGreaterThan(2);
	expect(new Set(regionNames).size, regionNames.join(' | ')).toBe(regionNames.length);
	// True/false/not-stated questions share one prompt: their rows are told apart by the statement.
	const statements = module.questions.flatMap((q) => (q.type === 'true-false-not-stated' ? [q.statement] : []));
	expect(statements.length).toBeGreaterThan(1);
	const items = teacher.getByRole('region', { name: 'Question by question' });
	for (const statement of statements) {
		const row = items.getByRole('row').filter({ has: teacher.getByRole('rowheader', { name: statement }) });
		await expect(row).toContainText('0 × Not stated');
	}

	// Drill-down into one student.
	await table.getByRole('link', { name: HANGUL_NAME, exact: true }).click();
	await expect(teacher.getByRole('heading', { level: 1, name: HANGUL_NAME })).toBeVisible();
	await expect(teacher.getByRole('cell', { name: 'correct', exact: true })).toHaveCount(1);
	await expectNoAxeViolations(teacher, "one student's answers");
	await teacher.goBack();

	// Paper: the worksheet has the questions without answers; the key has them.
	await teacher.getByRole('link', { name: 'Printable worksheet' }).click();
	const firstPrompt = module.questions[0]!.prompt;
	await expect(teacher.getByText(firstPrompt).first()).toBeVisible();
	await expect(teacher.getByText(module.questions[0]!.explanation.text)).toHaveCount(0);
	await expectNoAxeViolations(teacher, 'printable worksheet');
	await teacher.goBack();
	await teacher.getByRole('link', { name: 'Answer key' }).click();
	await expect(teacher.getByText(module.questions[0]!.explanation.text).first()).toBeVisible();
	await expectNoAxeViolations(teacher, 'answer key');
	await teacher.goBack();

	const downloading = teacher.waitForEvent('download');
	await teacher.getByRole('link', { name: 'Download CSV' }).click();
	const file = await (await downloading).path();
	const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
	const rows = Papa.parse<Record<string, string>>(text.trim(), { header: true }).data;
	expect(rows.map((r) => r.name).sort()).toEqual([XSS_NAME, HANGUL_NAME].sort());
	const firstQuestion = module.sections.find((s) => s.questionIds.length > 0)!.questionIds[0]!;
	for (const row of rows) {
		expect(row.status).toBe('in progress');
		expect(row.questions_finished).toBe('1');
		// A question's column names it with its maximum points and its text.
		const q = module.questions.find((x) => x.id === firstQuestion)!;
		expect(Number(row[`q:${q.id} (max ${q.points}): ${q.prompt}`])).toBe(q.points);
	}

	await first.context.close();
	await second.context.close();
	await teacherContext.close();
});

/** Nothing on the page scrolls sideways (a wide table may scroll inside its own wrapper). */
async function expectNoSidewaysScroll(page: Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
}

test('on a 320 px phone the create form, the new links and the class results fit the screen', async ({ browser }) => {
	test.setTimeout(90_000);
	const teacherContext = await browser.newContext({ viewport: { width: 320, height: 720 } });
	const teacher = await teacherContext.newPage();
	await teacher.goto('/teach');
	await expect(teacher.getByLabel('Lesson')).toBeVisible();
	await expectNoSidewaysScroll(teacher);
	await expectNoAxeViolations(teacher, 'teacher create page at 320 px');

	const { studentUrl, resultsUrl } = await createAssignment(teacher, 'Phone class');
	await expectNoSidewaysScroll(teacher);
	await expectNoAxeViolations(teacher, 'new assignment links at 320 px');

	const student = await studentAnswersFirstQuestion(browser, studentUrl, 'Phone class', 'Ana', false);
	await teacher.goto(resultsUrl);
	await expect(teacher.locator('table.class-table').getByRole('link', { name: 'Ana', exact: true })).toBeVisible();
	await expectNoSidewaysScroll(teacher);
	await expectNoAxeViolations(teacher, 'class results at 320 px');
	await teacher.setViewportSize({ width: 360, height: 720 });
	await expectNoSidewaysScroll(teacher);

	await teacher.locator('table.class-table').getByRole('link', { name: 'Ana', exact: true }).click();
	await expect(teacher.getByRole('heading', { level: 1, name: 'Ana' })).toBeVisible();
	await teacher.setViewportSize({ width: 320, height: 720 });
	await expectNoSidewaysScroll(teacher);
	await expectNoAxeViolations(teacher, "one student's answers at 320 px");

	await teacher.goto(`${resultsUrl}/worksheet`);
	await expect(teacher.getByRole('heading', { level: 2, name: 'Questions' })).toBeVisible();
	await expectNoSidewaysScroll(teacher);
	await expectNoAxeViolations(teacher, 'printable worksheet at 320 px');

	await student.context.close();
	await teacherContext.close();
});

test('releasing results asks first, and is not the main button while nobody has submitted', async ({ page }) => {
	await page.goto('/teach');
	await page.getByLabel('Title students see').fill('Held back');
	await page.getByLabel('When I release the results').check();
	await page.getByRole('button', { name: 'Create the assignment' }).click();
	await page.getByRole('link', { name: 'Open the results' }).click();
	const release = page.getByRole('button', { name: 'Release results to students' });
	await expect(release).toBeVisible();
	await expect(release).not.toHaveClass(/btn-primary/);

	let asked = '';
	page.once('dialog', (dialog) => {
		asked = dialog.message();
		void dialog.dismiss();
	});
	await release.click();
	await expect.poll(() => asked).toContain('Nobody has submitted yet');
	await expect(release).toBeVisible();

	page.once('dialog', (dialog) => void dialog.accept());
	await release.click();
	await expect(page.getByRole('button', { name: 'Hide results from students' })).toBeVisible();
	await expectNoAxeViolations(page, 'results page after release');
});

test('with feedback at once, "Show the answer" after a wrong try shows the answer, and the teacher sees it scored 0', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const teacherContext = await browser.newContext();
	const teacher = await teacherContext.newPage();
	const { studentUrl, resultsUrl } = await createAssignment(teacher, 'Show the answer');

	const { context: studentContext, page: student } = await joinAsStudent(
		browser,
		studentUrl,
		'Show the answer',
		'Noor'
	);
	const q = await currentQuestion(student, module);
	await answerWrong(student, q);
	await press(student, 'Check answer');
	await expect(panel(student).getByRole('heading', { level: 3, name: /Not yet/ })).toBeVisible();

	const revealed = student.waitForResponse((r) => r.url().includes('/answers') && r.request().method() === 'POST');
	await press(student, 'Show the answer (scores 0)');
	expect((await revealed).status()).toBe(200);
	const feedback = panel(student).getByRole('heading', { level: 3, name: /Here is the answer/ });
	await expect(feedback).toBeVisible();
	await expect(feedback).toContainText(`0 / ${q.points}`);
	await expect(panel(student).getByText(q.explanation.text)).toBeVisible();
	await expect(panel(student).getByRole('button', { name: /Next question|Finish this section/ })).toBeVisible();
	await expectNoAxeViolations(student, 'student question with the answer shown');

	await teacher.goto(resultsUrl);
	await expect(teacher.getByText('1 student, 0 submitted.')).toBeVisible();
	await teacher.getByRole('link', { name: 'Noor', exact: true }).click();
	await expect(teacher.getByRole('heading', { level: 1, name: 'Noor' })).toBeVisible();
	const rows = teacher.getByRole('row').filter({ has: teacher.getByRole('rowheader', { name: q.prompt }) });
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(0).getByRole('cell', { name: 'incorrect', exact: true })).toBeVisible();
	await expect(rows.nth(1).getByRole('cell', { name: 'answer shown', exact: true })).toBeVisible();
	await expect(rows.nth(1).getByRole('cell', { name: '(asked to see the answer)' })).toBeVisible();
	// Cells: try, answer, verdict, hints, points, the teacher's mark.
	await expect(rows.nth(1).getByRole('cell').nth(4)).toHaveText('0');

	await studentContext.close();
	await teacherContext.close();
});

test('a student types the class code read aloud, in lower case with its dash, on the home page', async ({
	browser,
	request
}) => {
	const teacherContext = await browser.newContext();
	const teacher = await teacherContext.newPage();
	const { studentUrl, resultsUrl } = await createAssignment(teacher, 'Code from the board');
	const code = studentUrl.split('/a/')[1]!;
	const spoken = `${code.slice(0, 4)}-${code.slice(4)}`;
	await expect(teacher.getByText(`Code to read aloud: ${spoken}`)).toBeVisible();
	await teacher.goto(resultsUrl);
	// The header and the empty class's note both give the code, always with its dash.
	await expect(teacher.getByText(spoken, { exact: true }).first()).toBeVisible();
	await expect(teacher.getByText(code, { exact: true })).toHaveCount(0);
	await teacherContext.close();

	const studentContext = await browser.newContext();
	const student = await studentContext.newPage();
	await student.goto('/');
	const box = student.getByLabel('Have a class code?');
	await expect(box).toBeVisible();
	await expectNoAxeViolations(student, 'home page with the class code form');
	await box.press('Enter');
	await expect(student.getByRole('alert')).toHaveText('Type the code your teacher gave you.');
	await box.pressSequentially(spoken.toLowerCase());
	await box.press('Enter');
	await expect(student).toHaveURL(new RegExp(`/a/${code}$`));
	await expect(student.getByRole('heading', { level: 1, name: 'Code from the board' })).toBeVisible();
	await expect(student.getByLabel(/Your name/)).toBeVisible();

	await student.goto('/');
	await student.getByLabel('Have a class code?').fill('zzzz-zzzz');
	await student.getByRole('button', { name: 'Open the assignment' }).press('Enter');
	await expect(
		student.getByText('There is no assignment with this code. Check the link with your teacher.')
	).toBeVisible();
	await studentContext.close();

	// Without JavaScript the form asks the server, which sends the browser to the same page.
	const plain = await request.get(`/a?code=${encodeURIComponent(` ${spoken.toLowerCase()} `)}`, { maxRedirects: 0 });
	expect(plain.status()).toBe(303);
	expect(plain.headers()['location']).toBe(`/a/${code}`);
});

test('the create form explains what is wrong without losing what was typed', async ({ page }) => {
	await page.goto('/teach');
	await page.getByLabel('Attempts allowed').fill('0');
	await page.getByRole('button', { name: 'Create the assignment' }).click();
	await expect(page.getByText('Give the assignment a title.')).toBeVisible();
	await expect(page.getByText('Attempts allowed: at least 1.')).toBeVisible();
	await expectNoAxeViolations(page, 'teacher create page with errors');
});

test('answer posts: bad bodies get clear 4xx, and a duplicate post is stored once', async ({ page, request }) => {
	const { studentUrl, resultsUrl } = await createAssignment(page, 'Edge cases');
	const code = studentUrl.split('/a/')[1]!;
	const api = `/api/a/${code}`;
	expect(
		(await request.post(`${api}/answers`, { headers: { 'content-type': 'application/xml' }, data: '<a/>' })).status()
	).toBe(415);
	expect(
		(
			await request.post(`${api}/answers`, {
				headers: { 'content-type': 'application/json' },
				data: Buffer.from('{"nope')
			})
		).status()
	).toBe(400);
	expect(
		(
			await request.post(`${api}/answers`, {
				headers: { 'content-type': 'application/json' },
				data: JSON.stringify({ pad: 'x'.repeat(40_000) })
			})
		).status()
	).toBe(413);
	expect((await request.post(`${api}/answers`, { data: { answerId: 'not-a-uuid' } })).status()).toBe(422);
	expect((await request.post(`/api/a/ZZZZZZZZ/answers`, { data: {} })).status()).toBe(422);

	const attemptId = crypto.randomUUID();
	const deviceToken = 'device-token-for-the-duplicate-test';
	const started = await request.post(`${api}/attempt`, {
		data: { action: 'start', attemptId, deviceToken, name: 'Dup' }
	});
	expect(started.status()).toBe(200);
	const view = (await started.json()) as AttemptView;
	// Public question ids are opaque: none is an author's id.
	const authorIds = new Set(module.questions.map((x) => x.id));
	expect(view.module.questions.some((x) => authorIds.has(x.id))).toBe(false);
	const index = view.module.questions.findIndex((x) => x.type === 'single-choice');
	const pub = view.module.questions[index]!;
	// The old request that handed out the answer with no try at all: malformed now.
	const old = { attemptId, deviceToken, questionId: pub.id, answerId: crypto.randomUUID() };
	expect(
		(
			await request.post(`${api}/answers`, {
				data: { ...old, tryNumber: 1, hintsUsed: 0, reveal: true, response: null }
			})
		).status()
	).toBe(422);
	// Asking for the answer before a first try: refused.
	expect((await request.post(`${api}/answers`, { data: { ...old, action: 'reveal' } })).status()).toBe(409);

	const body = {
		action: 'answer',
		answerId: crypto.randomUUID(),
		attemptId,
		deviceToken,
		questionId: pub.id,
		response: { type: 'single-choice', optionId: 'o1' }
	};
	const replies = await Promise.all([1, 2, 3].map(() => request.post(`${api}/answers`, { data: body })));
	expect(replies.map((r) => r.status())).toEqual([200, 200, 200]);
	const graded = await Promise.all(replies.map((r) => r.json()));
	expect(graded.map((g) => [g.questionId, g.tryNumber])).toEqual([
		[pub.id, 1],
		[pub.id, 1],
		[pub.id, 1]
	]);
	const results = await (await request.get(resultsUrl.replace('/r/', '/api/r/'))).json();
	expect(results.results.questions[index].answered).toBe(1);
});

test("the teacher removes one student's row from the results page; the rest of the class stays", async ({
	page,
	request
}) => {
	const { studentUrl, resultsUrl } = await createAssignment(page, 'Remove one');
	const code = studentUrl.split('/a/')[1]!;
	for (const name of ['Real Student', 'Fake Name']) {
		const res = await request.post(`/api/a/${code}/attempt`, {
			data: { action: 'start', attemptId: crypto.randomUUID(), deviceToken: `remove-${crypto.randomUUID()}`, name }
		});
		expect(res.status()).toBe(200);
	}
	await page.goto(resultsUrl);
	const table = page.getByRole('table').first();
	await expect(table.getByRole('rowheader', { name: 'Fake Name' })).toBeVisible();
	// Beside the student's other actions, by keyboard, asking first: not ticked, nothing goes.
	const students = page.getByRole('region', { name: 'Each student' });
	await students.locator('summary', { hasText: 'Remove… Fake Name' }).press('Enter');
	const remove = students.getByRole('button', { name: 'Remove Fake Name' });
	await remove.press('Enter');
	await expect(table.getByRole('rowheader', { name: 'Fake Name' })).toBeVisible();
	await students.getByLabel('Delete Fake Name and all their answers; this cannot be undone').press('Space');
	await remove.press('Enter');
	await expect(page.getByRole('status').filter({ hasText: 'Removed Fake Name and their 0 answers.' })).toBeVisible();
	await expect(table.getByRole('rowheader', { name: 'Fake Name' })).toHaveCount(0);
	await expect(table.getByRole('rowheader', { name: 'Real Student' })).toBeVisible();
	await expectNoAxeViolations(page, 'results page after removing a student');
	const results = await (await request.get(resultsUrl.replace('/r/', '/api/r/'))).json();
	expect(results.results.rows.map((r: { name: string }) => r.name)).toEqual(['Real Student']);
});

test('wrong results links get 404, then 429 with Retry-After; the right link keeps working for the same address', async ({
	page,
	request
}) => {
	const { resultsUrl } = await createAssignment(page, 'Guessing');
	const wrong = (i: number) => `/r/${'A'.repeat(31)}${String.fromCharCode(66 + (i % 20))}`;
	const first = await request.get(wrong(0));
	expect(first.status()).toBe(404);
	let last = first;
	for (let i = 1; i < 30 && last.status() === 404; i++) last = await request.get(wrong(i));
	expect(last.status()).toBe(429);
	const wait = Number(last.headers()['retry-after']);
	expect(wait).toBeGreaterThan(0);
	expect(wait).toBeLessThanOrEqual(15 * 60);
	expect(await last.text()).toMatch(/Try again in \d+ minutes?/);
	const api = await request.get(`/api/r/${'B'.repeat(32)}`);
	expect(api.status()).toBe(429);
	expect(api.headers()['retry-after']).toBeTruthy();
	// The teacher, on the same address (a school's shared one), still gets in with the right link.
	expect((await request.get(resultsUrl)).status()).toBe(200);
	expect((await request.get(resultsUrl.replace('/r/', '/api/r/'))).status()).toBe(200);
	await page.goto(resultsUrl);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Guessing');
});

test('the reply without JavaScript that shows a new results link is never cached', async ({ request }) => {
	const port = process.env.E2E_PORT ?? 4173;
	const res = await request.post('/teach', {
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: `http://127.0.0.1:${port}` },
		data: new URLSearchParams({
			module: SLUG,
			title: 'No script',
			feedback: 'immediate',
			attemptsAllowed: '1',
			triesPerQuestion: '3'
		}).toString()
	});
	expect(res.status()).toBe(200);
	expect(await res.text()).toMatch(/\/r\/[A-Za-z0-9_-]{20,}/);
	expect(res.headers()['cache-control']).toBe('no-store');
});
