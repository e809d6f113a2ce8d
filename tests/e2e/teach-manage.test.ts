/**
 * The teacher's workspace: "My assignments" on this device (across a reload, exported and imported
 * into another browser, cleared only after a warning), the one-time links after creating (focused,
 * kept past an error on the next form, with and without script), and changing an assignment after
 * creating it, each change seen on the student's page; a duplicate for another class; axe on the
 * new screens in light and dark and at 360 px; what is typed before the page's script runs is kept.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { createAssignment, joinAsStudent } from './assignment-steps';
import { expectNoAxeViolations, holdPageScripts, scriptsRunning, SLUG } from './helpers';
import { loadKey } from './module-key';

const module = loadKey(SLUG);

const myList = (page: Page) => page.getByRole('region', { name: 'My assignments on this device' });
const entry = (page: Page, title: string) =>
	myList(page)
		.getByRole('listitem')
		.filter({ has: page.getByRole('heading', { level: 3, name: title, exact: true }) });
/** The value shown beside a label in an entry of the list. */
const field = (page: Page, title: string, label: string) =>
	entry(page, title)
		.locator('div')
		.filter({ has: page.getByText(label, { exact: true }) })
		.locator('dd');

async function expectNoSidewaysScroll(page: Page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);
}

test('My assignments lists two assignments across a reload, with their students counted by the server', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const context = await browser.newContext();
	const teacher = await context.newPage();
	const first = await createAssignment(teacher, 'Period 4 list');
	const second = await createAssignment(teacher, 'Period 5 list', 'After they submit');
	const student = await joinAsStudent(browser, first.studentUrl, 'Period 4 list', 'Lin');

	await teacher.reload();
	for (const [title, links] of [
		['Period 4 list', first],
		['Period 5 list', second]
	] as const) {
		await expect(entry(teacher, title)).toBeVisible();
		await expect(field(teacher, title, 'Lesson')).toHaveText(module.meta.title);
		const code = links.studentUrl.split('/a/')[1]!;
		await expect(field(teacher, title, 'Student code')).toHaveText(`${code.slice(0, 4)}-${code.slice(4)}`);
		await expect(field(teacher, title, 'Due')).toHaveText('no due time');
		await expect(field(teacher, title, 'Status')).toHaveText('open');
		await expect(entry(teacher, title).getByRole('link', { name: title, exact: true })).toHaveAttribute(
			'href',
			new URL(links.resultsUrl).pathname
		);
	}
	await expect(field(teacher, 'Period 4 list', 'Started')).toHaveText('1');
	await expect(field(teacher, 'Period 4 list', 'Submitted')).toHaveText('0');
	await expect(field(teacher, 'Period 5 list', 'Started')).toHaveText('0');
	// Newest first.
	await expect(myList(teacher).getByRole('heading', { level: 3 })).toHaveText(['Period 5 list', 'Period 4 list']);

	await entry(teacher, 'Period 4 list')
		.getByRole('link', { name: /See the results/ })
		.click();
	await expect(teacher.getByRole('heading', { level: 1, name: 'Period 4 list' })).toBeVisible();
	// This browser already holds it, so its results page does not offer to keep it.
	await expect(teacher.getByRole('button', { name: 'Keep it in My assignments' })).toHaveCount(0);

	// Another browser opening the results link may keep it in its own list.
	const otherContext = await browser.newContext();
	const other = await otherContext.newPage();
	await other.goto(first.resultsUrl);
	await other.getByRole('button', { name: 'Keep it in My assignments' }).click();
	await expect(other.getByRole('status').filter({ hasText: 'Kept in' })).toBeVisible();
	await other.goto('/teach');
	await expect(myList(other).getByRole('heading', { level: 3 })).toHaveText(['Period 4 list']);
	await expect(field(other, 'Period 4 list', 'Started')).toHaveText('1');

	await otherContext.close();
	await student.context.close();
	await context.close();
});

test('the list is exported to a file and imported in another browser, merged without duplicates', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const laptop = await browser.newContext();
	const page = await laptop.newPage();
	await createAssignment(page, 'Exported one');
	const { resultsUrl } = await createAssignment(page, 'Exported two');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		myList(page).getByRole('button', { name: 'Export the list' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^closeread-assignments-\d{4}-\d{2}-\d{2}\.json$/);
	const file = (await download.path())!;
	const text = await readFile(file, 'utf8');
	expect(JSON.parse(text)).toMatchObject({ format: 'closeread-assignments', version: 1 });

	const other = await browser.newContext();
	const desk = await other.newPage();
	await createAssignment(desk, 'Made on the desk');
	const importer = myList(desk).getByLabel('Import a list');

	// A damaged file is refused whole, and says so.
	await importer.setInputFiles({ name: 'list.json', mimeType: 'application/json', buffer: Buffer.from('{"format"') });
	await expect(myList(desk).getByRole('alert')).toHaveText(/not a Closeread list of assignments/);
	const damaged = JSON.parse(text) as { assignments: { secret: string }[] };
	damaged.assignments[0]!.secret = 'not a secret';
	await importer.setInputFiles({
		name: 'list.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(damaged))
	});
	await expect(myList(desk).getByRole('alert')).toHaveText(/damaged.*Nothing was imported/);
	await expect(myList(desk).getByRole('heading', { level: 3 })).toHaveText(['Made on the desk']);

	await importer.setInputFiles(file);
	await expect(myList(desk).getByRole('status').filter({ hasText: 'Imported' })).toHaveText('Imported 2 assignments.');
	await importer.setInputFiles(file);
	await expect(myList(desk).getByRole('status').filter({ hasText: 'Imported' })).toHaveText(
		'Imported 0 assignments; 2 already in the list.'
	);
	await desk.reload();
	await expect(myList(desk).getByRole('heading', { level: 3 })).toHaveText([
		'Made on the desk',
		'Exported two',
		'Exported one'
	]);
	await expect(entry(desk, 'Exported two').getByRole('link', { name: 'Exported two', exact: true })).toHaveAttribute(
		'href',
		new URL(resultsUrl).pathname
	);
	await expect(field(desk, 'Exported two', 'Started')).toHaveText('0');

	// Removing and clearing warn first; dismissing keeps the list.
	let warning = '';
	desk.once('dialog', (dialog) => {
		warning = dialog.message();
		void dialog.dismiss();
	});
	await entry(desk, 'Exported one')
		.getByRole('button', { name: /Remove/ })
		.click();
	await expect.poll(() => warning).toMatch(/Remove “Exported one”.*not kept anywhere else/);
	await expect(myList(desk).getByRole('heading', { level: 3 })).toHaveCount(3);
	desk.once('dialog', (dialog) => void dialog.accept());
	await entry(desk, 'Exported one')
		.getByRole('button', { name: /Remove/ })
		.click();
	await expect(myList(desk).getByRole('heading', { level: 3 })).toHaveCount(2);

	desk.once('dialog', (dialog) => {
		warning = dialog.message();
		void dialog.accept();
	});
	await myList(desk).getByRole('button', { name: 'Clear the list on this device' }).click();
	await expect.poll(() => warning).toMatch(/Clear all 2 assignments.*export the list first/);
	await expect(myList(desk).getByText('None yet.')).toBeVisible();
	await desk.reload();
	await expect(myList(desk).getByText('None yet.')).toBeVisible();
	await laptop.close();
	await other.close();
});

test('after creating, the panel has focus; the next form starts from the defaults; an error keeps the links', async ({
	page
}) => {
	await page.goto('/teach');
	await page.getByLabel('Lesson').selectOption(SLUG);
	await page.getByLabel('Title students see').fill('Period 4 focus');
	await page.getByRole('radio', { name: 'After they submit' }).check();
	// Other tests practise the same module on this server: leave practice open.
	await page.getByRole('checkbox', { name: /Keep practice from showing answers/ }).uncheck();
	await page.getByLabel('Attempts allowed').fill('3');
	await page.getByLabel(/^Due/).fill('2031-06-15T10:00');
	await page.getByRole('button', { name: 'Create the assignment' }).click();
	const heading = page.getByRole('heading', { level: 2, name: '“Period 4 focus” is ready' });
	await expect(heading).toBeFocused();
	await expect(heading).toBeInViewport();
	const resultsUrl = await page.getByLabel(/private results link/).inputValue();
	const studentUrl = await page.getByLabel(/Student link/).inputValue();

	// "Create another" starts from the defaults, and says so.
	await expect(page.getByText('This form starts again from the defaults')).toBeVisible();
	await expect(page.getByLabel('Title students see')).toHaveValue('');
	await expect(page.getByRole('radio', { name: /At once/ })).toBeChecked();
	await expect(page.getByLabel('Attempts allowed')).toHaveValue('1');
	await expect(page.getByLabel(/^Due/)).toHaveValue('');

	// An error on the next form keeps the one-time links.
	await page.getByRole('button', { name: 'Create the assignment' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'Please fix the fields' })).toBeVisible();
	await expect(page.getByLabel(/private results link/)).toHaveValue(resultsUrl);
	await expect(page.getByLabel(/Student link/)).toHaveValue(studentUrl);
	await expect(heading).not.toBeFocused();

	// The next one made replaces the panel, and takes the focus.
	await page.getByLabel('Title students see').fill('Period 5 focus');
	await page.getByRole('button', { name: 'Create the assignment' }).click();
	await expect(page.getByRole('heading', { level: 2, name: '“Period 5 focus” is ready' })).toBeFocused();
	await expect(page.getByLabel(/private results link/)).not.toHaveValue(resultsUrl);
	await expect(myList(page).getByRole('heading', { level: 3 }).first()).toHaveText('Period 5 focus');
});

test('without JavaScript, creating still works and an error on the next form keeps the links', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/teach');
	await page.getByLabel('Lesson').selectOption(SLUG);
	await page.getByLabel('Title students see').fill('No script');
	await page.getByRole('button', { name: 'Create the assignment' }).click();
	await expect(page.getByRole('heading', { name: '“No script” is ready' })).toBeVisible();
	const resultsUrl = await page.getByLabel(/private results link/).inputValue();
	await expect(page.getByLabel('Title students see')).toHaveValue('');

	await page.getByRole('button', { name: 'Create the assignment' }).click();
	await expect(page.getByText('Please fix the fields marked below.')).toBeVisible();
	await expect(page.getByRole('heading', { name: '“No script” is ready' })).toBeVisible();
	await expect(page.getByLabel(/private results link/)).toHaveValue(resultsUrl);

	// The results page's changes work without script too.
	await page.goto(resultsUrl);
	await page.getByLabel('Title students see').fill('No script, renamed');
	await page.getByRole('button', { name: 'Rename' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'No script, renamed' })).toBeVisible();
	await context.close();
});

test('every change on the results page reaches the student page', async ({ browser }) => {
	test.setTimeout(120_000);
	const teacherContext = await browser.newContext();
	const teacher = await teacherContext.newPage();
	const { studentUrl, resultsUrl } = await createAssignment(teacher, 'Period 4 edits', 'When I release the results');
	await teacher.goto(resultsUrl);
	const change = teacher.getByRole('region', { name: 'Change the assignment' });
	const said = (text: string | RegExp) => change.getByRole('status').filter({ hasText: text });

	const newcomerContext = await browser.newContext();
	const newcomer = await newcomerContext.newPage();
	await newcomer.goto(studentUrl);
	await expect(newcomer.getByRole('heading', { level: 1, name: 'Period 4 edits' })).toBeVisible();

	// Title: refused when empty, with the reason at the field; then renamed.
	await change.getByLabel('Title students see').fill('   ');
	await change.getByRole('button', { name: 'Rename' }).click();
	await expect(change.getByRole('alert')).toHaveText('Give the assignment a title.');
	await expect(change.getByLabel('Title students see')).toHaveAttribute('aria-invalid', 'true');
	await change.getByLabel('Title students see').fill('Period 5 edits');
	await change.getByRole('button', { name: 'Rename' }).click();
	await expect(said('Renamed to “Period 5 edits”')).toBeVisible();
	await expect(teacher.getByRole('heading', { level: 1, name: 'Period 5 edits' })).toBeVisible();
	await newcomer.reload();
	await expect(newcomer.getByRole('heading', { level: 1, name: 'Period 5 edits' })).toBeVisible();

	// Due time: set, then shortened into the past (closes at once), then reopened.
	await change.getByLabel(/^Due time/).fill('2031-06-15T10:00');
	await change.getByRole('button', { name: 'Save the due time' }).click();
	await expect(said('The due time is changed')).toBeVisible();
	await newcomer.reload();
	await expect(newcomer.getByText(/2031/).first()).toBeVisible();

	await change.getByLabel(/^Due time/).fill('2020-01-01T09:00');
	await change.getByRole('button', { name: 'Save the due time' }).click();
	await expect(said(/already passed, so the assignment is closed now/)).toBeVisible();
	await newcomer.reload();
	await expect(newcomer.getByRole('heading', { name: 'This assignment is closed' })).toBeVisible();
	await expect(newcomer.getByText('Your teacher has closed it')).toBeVisible();

	await change.getByRole('button', { name: 'Reopen the assignment' }).click();
	await expect(said('Reopened')).toBeVisible();
	await newcomer.reload();
	await expect(newcomer.getByLabel(/Your name/)).toBeVisible();

	// A student hands in; results are held until released, then shown, then hidden again.
	const student = await joinAsStudent(browser, studentUrl, 'Period 5 edits', 'Mo');
	await student.page.getByRole('button', { name: 'Submit my answers…' }).click();
	await student.page.getByRole('button', { name: 'Submit now' }).click();
	await expect(student.page.getByText('Your results appear here when your teacher releases them')).toBeVisible();

	teacher.once('dialog', (dialog) => void dialog.accept());
	await change.getByRole('button', { name: 'Release results to students' }).click();
	await expect(said('Results released')).toBeVisible();
	await student.page.getByRole('button', { name: 'Check again' }).click();
	await expect(student.page.getByRole('heading', { name: 'Your results' })).toBeVisible();

	await change.getByRole('button', { name: 'Hide results from students' }).click();
	await expect(said('Results hidden')).toBeVisible();
	await student.page.reload();
	await expect(student.page.getByText('Your results appear here when your teacher releases them')).toBeVisible();

	// Closing reaches the student too; a second close from a tab opened before is refused in words.
	const stale = await teacherContext.newPage();
	await stale.goto(resultsUrl);
	await change.getByRole('button', { name: 'Close the assignment' }).click();
	await expect(said('Closed')).toBeVisible();
	await newcomer.reload();
	await expect(newcomer.getByRole('heading', { name: 'This assignment is closed' })).toBeVisible();
	await stale.getByRole('button', { name: 'Close the assignment' }).click();
	await expect(stale.getByRole('alert')).toHaveText('The assignment is already closed.');
	await expect(stale.getByRole('button', { name: 'Reopen the assignment' })).toBeVisible();

	await student.context.close();
	await newcomerContext.close();
	await teacherContext.close();
});

test('when students see feedback is changed on the results page: freely until a student starts, then only between the held-back kinds', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const teacherContext = await browser.newContext();
	const teacher = await teacherContext.newPage();
	const { studentUrl, resultsUrl } = await createAssignment(teacher, 'Period 7 feedback');
	await teacher.goto(resultsUrl);
	const change = teacher.getByRole('region', { name: 'Change the assignment' });
	const choices = change.getByRole('group', { name: 'When students see feedback' });
	const save = change.getByRole('button', { name: 'Save when feedback comes' });
	const said = (text: string) => change.getByRole('status').filter({ hasText: text });
	await expect(choices.getByRole('radio', { name: /^At once/ })).toBeChecked();

	// Nobody has started: feedback is held back from now on, and a student who joins is told so.
	await choices.getByRole('radio', { name: 'After they submit' }).check();
	await save.click();
	await expect(said('Students now see their results when they submit')).toBeVisible();
	await expect(choices.getByRole('radio', { name: /^After they submit/ })).toBeChecked();
	await expect(teacher.getByText('feedback after submitting')).toBeVisible();
	const student = await joinAsStudent(browser, studentUrl, 'Period 7 feedback', 'Ana');

	// A student has started: feedback at once is out of reach, said beside the choices, and a form
	// posted for it anyway (the radio is disabled) is refused by the server.
	await teacher.reload();
	await expect(choices.getByRole('radio', { name: /^At once/ })).toBeDisabled();
	await expect(
		change.getByText('Students have started, so only the two held-back choices can be swapped')
	).toBeVisible();
	const refused = await teacher.request.post(`${resultsUrl}?/feedback`, {
		form: { feedback: 'immediate' },
		headers: { origin: new URL(resultsUrl).origin, accept: 'application/json' }
	});
	expect(await refused.text()).toContain('Students have started with feedback held back');
	await expect(teacher.getByText('feedback after submitting')).toBeVisible();

	// Between the held-back kinds: allowed. Results now wait for the teacher's release.
	await choices.getByRole('radio', { name: 'When I release the results' }).check();
	await save.click();
	await expect(said('Students now see their results when you release them')).toBeVisible();
	await expect(change.getByRole('button', { name: 'Release results to students' })).toBeVisible();
	await student.page.getByRole('button', { name: 'Submit my answers…' }).click();
	await student.page.getByRole('button', { name: 'Submit now' }).click();
	await expect(student.page.getByText('Your results appear here when your teacher releases them')).toBeVisible();

	await student.context.close();
	await teacherContext.close();
});

test('"Duplicate for another class" makes new links with the same settings, kept in My assignments', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const context = await browser.newContext();
	const teacher = await context.newPage();
	const original = await createAssignment(teacher, 'Period 4 original', 'After they submit');
	await teacher.goto(original.resultsUrl);
	await teacher.getByText('Duplicate for another class').click();
	const title = teacher.getByLabel('Title for the other class');
	await expect(title).toHaveValue('Period 4 original');
	await title.fill('');
	await teacher.getByRole('button', { name: 'Make links for another class' }).click();
	await expect(teacher.getByText('Give the assignment a title.')).toBeVisible();
	await title.fill('Period 6 copy');
	await teacher.getByRole('button', { name: 'Make links for another class' }).click();
	const heading = teacher.getByRole('heading', { level: 2, name: '“Period 6 copy” is ready' });
	await expect(heading).toBeFocused();
	const studentUrl = await teacher.getByLabel(/Student link \(share/).inputValue();
	const resultsUrl = await teacher.getByLabel(/private results link/).inputValue();
	expect(studentUrl).not.toBe(original.studentUrl);
	expect(resultsUrl).not.toBe(original.resultsUrl);

	// The copy's students see its title and the original's rules (feedback after submitting).
	const student = await (await browser.newContext()).newPage();
	await student.goto(studentUrl);
	await expect(student.getByRole('heading', { level: 1, name: 'Period 6 copy' })).toBeVisible();
	await expect(student.getByText('You see whether your answers are right after you submit.')).toBeVisible();
	await student.context().close();

	await teacher.goto(resultsUrl);
	await expect(teacher.getByRole('heading', { level: 1, name: 'Period 6 copy' })).toBeVisible();
	await expect(teacher.getByText('feedback after submitting')).toBeVisible();

	await teacher.goto('/teach');
	await expect(myList(teacher).getByRole('heading', { level: 3 })).toHaveText(['Period 6 copy', 'Period 4 original']);
	await context.close();
});

test('axe finds nothing on the new screens in light and dark, and nothing scrolls sideways at 360 px', async ({
	browser
}) => {
	test.setTimeout(480_000);
	const context = await browser.newContext();
	const page = await context.newPage();
	await createAssignment(page, 'Axe one');
	const { resultsUrl } = await createAssignment(
		page,
		'Axe two with a rather long title that has to wrap on a phone',
		'When I release the results'
	);
	await expect(page.getByRole('heading', { level: 2, name: /Axe two/ })).toBeFocused();
	await expectNoAxeViolations(page, "the new assignment's panel");

	for (const colorScheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme });
		for (const width of [1280, 360]) {
			await page.setViewportSize({ width, height: 800 });
			const label = `${colorScheme}, ${width} px`;
			await page.goto('/teach');
			await expect(field(page, 'Axe one', 'Started')).toHaveText('0');
			await expectNoAxeViolations(page, `My assignments, ${label}`);
			await expectNoSidewaysScroll(page);

			await page.goto(resultsUrl);
			const change = page.getByRole('region', { name: 'Change the assignment' });
			await change.getByLabel(/^Due time/).fill('2020-01-01T09:00');
			await change.getByRole('button', { name: 'Save the due time' }).click();
			await expect(change.getByText(/closed now|already closed/)).toBeVisible();
			await page.getByText('Duplicate for another class').click();
			await expect(page.getByLabel('Title for the other class')).toBeVisible();
			await expectNoAxeViolations(page, `changing the assignment, ${label}`);
			await expectNoSidewaysScroll(page);

			await page.getByLabel('Title for the other class').fill(`Copy ${label}`);
			await page.getByRole('button', { name: 'Make links for another class' }).click();
			await expect(page.getByRole('heading', { name: `“Copy ${label}” is ready` })).toBeFocused();
			await expectNoAxeViolations(page, `the duplicate's panel, ${label}`);
			await expectNoSidewaysScroll(page);
		}
	}
	await context.close();
});

test('the counts of My assignments answer only for the links given, and a bad request is a 4xx', async ({
	page,
	request
}) => {
	const { resultsUrl } = await createAssignment(page, 'Counted by the server');
	const secret = new URL(resultsUrl).pathname.split('/r/')[1]!;
	const ok = await request.post('/api/teach/assignments', { data: { secrets: [secret] } });
	expect(ok.status()).toBe(200);
	const body = (await ok.json()) as { assignments: Record<string, unknown>[] };
	expect(body.assignments).toEqual([
		expect.objectContaining({ found: true, title: 'Counted by the server', started: 0, submitted: 0 })
	]);
	expect(Object.keys(body.assignments[0]!).sort()).toEqual(
		['code', 'createdAt', 'dueAt', 'found', 'lesson', 'started', 'state', 'submitted', 'title'].sort()
	);

	for (const data of [{ secrets: ['not a secret'] }, { secrets: secret }, { other: [] }, 'not json']) {
		const res = await request.post('/api/teach/assignments', {
			headers: { 'content-type': 'application/json' },
			data: typeof data === 'string' ? data : JSON.stringify(data)
		});
		expect(res.status(), JSON.stringify(data)).toBeGreaterThanOrEqual(400);
		expect(res.status(), JSON.stringify(data)).toBeLessThan(500);
	}
	const tooMany = await request.post('/api/teach/assignments', {
		data: { secrets: Array.from({ length: 501 }, () => secret) }
	});
	expect(tooMany.status()).toBeGreaterThanOrEqual(400);
	expect(tooMany.status()).toBeLessThan(500);
});

test("what the teacher fills in before the page's script has run is kept when the script takes the form over", async ({
	page
}) => {
	// On a slow laptop the form shows, and takes typing, well before the page's script runs.
	const { release, violations } = await holdPageScripts(page);
	await page.goto('/teach', { waitUntil: 'domcontentloaded' });
	const title = page.getByLabel('Title students see');
	const attempts = page.getByLabel('Attempts allowed');
	const hints = page.getByRole('checkbox', { name: 'Hints available' });
	const shuffle = page.getByRole('checkbox', { name: /Shuffle the order of questions/ });
	const held = page.getByRole('radio', { name: 'After they submit' });
	await title.fill('Typed while loading');
	await attempts.fill('3');
	await hints.uncheck();
	await shuffle.check();
	await held.check();
	await page.getByLabel('Lesson').selectOption(SLUG);
	release();
	await scriptsRunning(page);
	await expect(title).toHaveValue('Typed while loading');
	await expect(attempts).toHaveValue('3');
	await expect(hints).not.toBeChecked();
	await expect(shuffle).toBeChecked();
	await expect(held).toBeChecked();
	await expect(page.getByLabel('Lesson')).toHaveValue(SLUG);
	// The script now knows feedback is held back, and offers the practice lock that goes with it.
	await expect(page.getByRole('checkbox', { name: /Keep practice from showing answers/ })).toBeChecked();
	await page.getByRole('button', { name: 'Create the assignment' }).click();
	await expect(page.getByRole('heading', { name: '“Typed while loading” is ready' })).toBeFocused();
	expect(violations).toEqual([]);
	// The assignment has what was typed: its students see feedback only after they submit.
	const studentUrl = await page.getByLabel(/Student link \(share/).inputValue();
	await page.goto(studentUrl);
	await expect(page.getByRole('heading', { level: 1, name: 'Typed while loading' })).toBeVisible();
	await expect(page.getByText('You see whether your answers are right after you submit.')).toBeVisible();
});

test('without JavaScript, a comment the server refuses comes back as typed, to be mended', async ({ browser }) => {
	const teacher = await browser.newPage();
	const { studentUrl, resultsUrl } = await createAssignment(teacher, 'Period 7 comments');
	await teacher.close();
	const student = await joinAsStudent(browser, studentUrl, 'Period 7 comments', 'Ines');
	await student.context.close();

	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(resultsUrl);
	const students = page.getByRole('region', { name: 'Each student' });
	const ines = students.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Ines' }) });
	await ines.locator('summary', { hasText: 'Comment to Ines' }).click();
	const box = ines.getByLabel('Comment to Ines, shown with their results');
	// Pasted from elsewhere with a hidden text-direction character, which the server refuses.
	const pasted = 'Good use of the map.\u202E See me about paragraph 2.';
	await box.fill(pasted);
	await ines.getByRole('button', { name: 'Save comment' }).click();
	await expect(ines.getByRole('alert')).toHaveText(/hidden text-direction character/);
	await expect(box).toBeVisible();
	await expect(box).toHaveValue(pasted);
	await box.fill(pasted.replace('\u202E', ''));
	await ines.getByRole('button', { name: 'Save comment' }).click();
	await expect(students.getByRole('status')).toHaveText(
		'Your comment to Ines is saved. They see it with their results.'
	);
	await expect(ines).toContainText('Good use of the map. See me about paragraph 2.');
	await context.close();
});

test("a comment being written stays open, with its text, when the class's results refresh", async ({ browser }) => {
	const page = await browser.newPage();
	const { studentUrl, resultsUrl } = await createAssignment(page, 'Period 8 comments');
	const student = await joinAsStudent(browser, studentUrl, 'Period 8 comments', 'Jo');
	await student.context.close();
	await page.clock.install();
	await page.goto(resultsUrl);
	await scriptsRunning(page);
	const students = page.getByRole('region', { name: 'Each student' });
	const jo = students.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Jo' }) });
	await jo.locator('summary', { hasText: 'Comment to Jo' }).click();
	const box = jo.getByLabel('Comment to Jo, shown with their results');
	await box.fill('Half written');
	// The page asks the server for the class's results every 3 s and shows them afresh.
	await page.clock.runFor(3000);
	await expect(page.getByRole('status').filter({ hasText: /Updated .+\./ })).toBeVisible();
	await expect(box).toBeVisible();
	await expect(box).toHaveValue('Half written');
	await page.context().close();
});

test("a comment written before the results page's script has run stays open and kept when the script takes over", async ({
	browser
}) => {
	const page = await browser.newPage();
	const { studentUrl, resultsUrl } = await createAssignment(page, 'Period 9 comments');
	const student = await joinAsStudent(browser, studentUrl, 'Period 9 comments', 'Kim');
	await student.context.close();
	// On a slow laptop the class's page shows, and takes typing, well before its script runs.
	const { release, violations } = await holdPageScripts(page);
	await page.goto(resultsUrl, { waitUntil: 'domcontentloaded' });
	const students = page.getByRole('region', { name: 'Each student' });
	const kim = students.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Kim' }) });
	const summary = kim.locator('summary', { hasText: 'Comment to Kim' });
	await summary.click();
	const box = kim.getByLabel('Comment to Kim, shown with their results');
	await box.fill('Typed while loading');
	release();
	await scriptsRunning(page);
	await expect(box).toBeVisible();
	await expect(box).toHaveValue('Typed while loading');
	await kim.getByRole('button', { name: 'Save comment' }).click();
	await expect(kim).toContainText('Typed while loading');
	// Removed, the comment is gone from the box too: the next one starts empty.
	await kim.getByRole('button', { name: /Remove comment/ }).click();
	await expect(kim.getByRole('button', { name: /Remove comment/ })).toHaveCount(0);
	await summary.click();
	await expect(box).toHaveValue('');
	expect(violations).toEqual([]);
	await page.context().close();
});
