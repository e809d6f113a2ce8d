/**
 * The student's side of an assignment: the due time in the student's own time zone and language
 * (never UTC) on the name step and in the lesson, a notice as it nears (said once to screen
 * readers) and a clear state once past, with the page's clock under the test's control; submitting
 * from any question after a confirmation listing what is unanswered; and a results page that fits
 * a 360 px phone with the total and Submit near the top. Axe in light and dark on each screen.
 */
import Database from 'better-sqlite3';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAssignmentOpened, expectFirstPaintAlone, expectNoAxeViolations, holdPageScripts, SLUG } from './helpers';
import { loadKey } from './module-key';
import { createAssignment, joinAsStudent } from './assignment-steps';
import { answerRight, currentQuestion, panel, press } from './lesson-answers';

const module = loadKey(SLUG);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A due time well ahead of the server's clock (which the tests do not control): ten days on, at
 * 23:30 UTC, which is already the next day in Seoul and still the afternoon in Los Angeles.
 */
function futureDue(): Date {
	const due = new Date(Date.now() + 10 * DAY);
	due.setUTCHours(23, 30, 0, 0);
	return due;
}

/** The due field's value for a teacher whose browser runs on UTC. */
const utcInput = (d: Date) => d.toISOString().slice(0, 16) as `${string}T${string}`;

/** Create an assignment due at `due` from a teacher's browser on UTC. */
async function assignmentDue(browser: import('@playwright/test').Browser, title: string, due: Date) {
	const context = await browser.newContext({ timezoneId: 'UTC' });
	const links = await createAssignment(await context.newPage(), title, undefined, { dueAt: utcInput(due) });
	await context.close();
	return links;
}

/**
 * What a reader in that zone and language expects to see, piece by piece: the weekday, the day, the
 * month and the time on their own clock (24-hour in en-GB, with AM or PM in en-US).
 */
function expectedParts(due: Date, timeZone: string, locale: string) {
	const part = (options: Intl.DateTimeFormatOptions, type: Intl.DateTimeFormatPartTypes) =>
		new Intl.DateTimeFormat(locale, { ...options, timeZone }).formatToParts(due).find((p) => p.type === type)!.value;
	const hour = part({ hour: 'numeric', hourCycle: locale === 'en-US' ? 'h12' : 'h23' }, 'hour');
	const minute = String(due.getUTCMinutes()).padStart(2, '0');
	const time =
		locale === 'en-US'
			? new RegExp(`\\b${Number(hour)}:${minute}\\s?${part({ hour: 'numeric', hour12: true }, 'dayPeriod')}`)
			: new RegExp(`\\b${hour.padStart(2, '0')}:${minute}\\b`);
	return {
		weekday: part({ weekday: 'long' }, 'weekday'),
		month: part({ month: 'long' }, 'month'),
		day: new RegExp(`\\b${part({ day: 'numeric' }, 'day')}\\b`),
		time
	};
}

async function expectDueShown(line: Locator, parts: ReturnType<typeof expectedParts>) {
	await expect(line).toContainText(/^Due /);
	await expect(line).toContainText(parts.weekday);
	await expect(line).toContainText(parts.month);
	await expect(line).toContainText(parts.day);
	await expect(line).toContainText(parts.time);
	await expect(line).not.toContainText(/UTC|GMT/);
}

/** Axe in light and then dark mode on the screen as it is. */
async function expectNoAxeViolationsLightAndDark(page: Page, label: string) {
	for (const colorScheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme });
		await expectNoAxeViolations(page, `${label} (${colorScheme})`);
	}
	await page.emulateMedia({ colorScheme: null });
}

/** Nothing on the page scrolls sideways. */
async function expectNoSidewaysScroll(page: Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
}

test('the due time is in the student’s own time zone and language, on the name step and in the lesson', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const due = futureDue();
	const title = 'Due where you are';
	const { studentUrl } = await assignmentDue(browser, title, due);

	for (const [timezoneId, locale] of [
		['America/Los_Angeles', 'en-US'],
		['Asia/Seoul', 'en-GB']
	] as const) {
		const parts = expectedParts(due, timezoneId, locale);
		const context = await browser.newContext({ timezoneId, locale });
		const page = await context.newPage();
		await page.goto(studentUrl);
		await expect(page.getByLabel(/Your name/)).toBeVisible();
		await expectDueShown(page.locator('p.due'), parts);
		// Nothing on the name step gives the time in UTC, the rules of scoring included.
		await expect(page.locator('main')).not.toContainText(/UTC|GMT/);
		await page.getByLabel(/Your name/).fill(`Student in ${timezoneId}`);
		await page.getByRole('button', { name: 'Start', exact: true }).click();
		await expect(page.getByRole('heading', { level: 1, name: module.sections[0]!.title })).toBeVisible();
		await expectDueShown(page.locator('.banner-due p.due'), parts);
		await press(page, /on to the questions/);
		await expectDueShown(page.locator('.banner-due p.due'), parts);
		await context.close();
	}
	// The two students see two different days: it is already tomorrow in Seoul.
	expect(expectedParts(due, 'Asia/Seoul', 'en-GB').weekday).not.toBe(
		expectedParts(due, 'America/Los_Angeles', 'en-US').weekday
	);
});

test('the due time comes nearer: the time left within a day, a call to submit within minutes, said once each, then past due', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const due = futureDue().getTime();
	const title = 'Due soon';
	const { studentUrl } = await assignmentDue(browser, title, new Date(due));

	// The browser's clock (not the server's) starts a day and an hour before the due time.
	const { context, page } = await joinAsStudent(browser, studentUrl, title, 'Noor', {
		timezoneId: 'Asia/Seoul',
		locale: 'en-GB',
		viewport: { width: 360, height: 740 },
		before: (p) => p.clock.install({ time: due - DAY - HOUR })
	});
	const line = page.locator('.banner-due p.due');
	const said = page.locator('.banner-due').getByRole('status');
	await page.clock.pauseAt(due - DAY - MINUTE);
	await expect(line).toHaveAttribute('data-level', 'later');
	await expect(line).not.toContainText(/\bin \d/);
	await expect(said).toHaveText('');
	// Every change of what screen readers are told, from here on.
	await said.evaluate((el) => {
		const w = window as unknown as { said: string[] };
		w.said = [];
		new MutationObserver(() => w.said.push(el.textContent ?? '')).observe(el, {
			childList: true,
			characterData: true,
			subtree: true
		});
	});
	const announcements = () => page.evaluate(() => (window as unknown as { said: string[] }).said.filter(Boolean));

	// Within a day: the time left, said once. (Axe needs the clock running, so it runs after the checks.)
	await page.clock.fastForward('02:00');
	await expect(line).toHaveAttribute('data-level', 'near');
	await expect(line).toContainText(/^Due .*, in 23 hours\.$/);
	await expect(said).toHaveText(/^Due in 23 hours, /);
	await page.clock.resume();
	await expectNoAxeViolationsLightAndDark(page, 'a question with the due time a day away, at 360 px');

	// Within fifteen minutes: a call to submit, said once; the count moves on without being said again.
	await page.clock.pauseAt(due - 16 * MINUTE);
	await page.clock.fastForward('02:00');
	await expect(line).toHaveAttribute('data-level', 'soon');
	await expect(line).toContainText(/^Due in 14 minutes \(.*\)\. Submit your answers before then\.$/);
	await expect(said).toHaveText(/^Due in 14 minutes, .*\. Submit your answers before then\.$/);
	await page.clock.fastForward('05:00');
	await expect(line).toContainText(/^Due in 9 minutes/);
	await expect(said).toHaveText(/^Due in 14 minutes/);
	await page.clock.resume();
	await expectNoAxeViolationsLightAndDark(page, 'a question minutes before the due time, at 360 px');

	// Past: said so plainly, with the time it was due; Submit stays (the server decides).
	await page.clock.pauseAt(due - 2 * MINUTE);
	await page.clock.fastForward('03:00');
	await expect(line).toHaveAttribute('data-level', 'past');
	await expect(line).toHaveText(/^Past due: it was due \w+day \d+ \w+ at \d\d:30\.$/);
	await expect(said).toHaveText(/^The due time has passed\. It was due /);
	await expect(page.getByRole('button', { name: 'Submit my answers…' })).toBeVisible();
	await page.clock.resume();
	await expectNoAxeViolationsLightAndDark(page, 'a question after the due time, at 360 px');
	expect(await announcements()).toHaveLength(3);
	await context.close();
});

/**
 * Move an assignment's due time on the server, as a teacher does from the results page: written
 * where the server keeps it, so the page learns of it only from the server.
 */
function moveDueTime(studentUrl: string, due: Date) {
	const code = new URL(studentUrl).pathname.split('/').pop()!;
	const db = new Database(process.env.E2E_DATABASE_PATH ?? 'test-results/e2e.db', { fileMustExist: true });
	try {
		db.pragma('busy_timeout = 5000');
		const changed = db
			.prepare("update assignments set settings = json_set(settings, '$.dueAt', ?) where student_code = ?")
			.run(due.toISOString(), code).changes;
		expect(changed).toBe(1);
	} finally {
		db.close();
	}
}

/**
 * A few minutes on by the page's clock, the student answers the question on screen; the answer's
 * reply is followed by the page's light re-read of the assignment, which this waits for.
 */
async function answerMinutesLater(page: Page) {
	await page.clock.fastForward('03:00');
	const q = await currentQuestion(page, module);
	await answerRight(page, module, q);
	const reread = page.waitForResponse((r) => r.url().includes('__data.json'));
	await press(page, 'Check answer');
	await reread;
}

test('a due time moved while the lesson is open reaches the student with the next answer and is announced', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const due = futureDue();
	const title = 'Due time moved';
	const { studentUrl } = await assignmentDue(browser, title, due);
	const { context, page } = await joinAsStudent(browser, studentUrl, title, 'Omar', {
		timezoneId: 'Asia/Seoul',
		locale: 'en-GB',
		before: (p) => p.clock.install()
	});
	const line = page.locator('.banner-due p.due');
	const said = page.locator('.banner-due').getByRole('status');
	await expectDueShown(line, expectedParts(due, 'Asia/Seoul', 'en-GB'));

	const later = new Date(due.getTime() + 2 * DAY);
	moveDueTime(studentUrl, later);
	await answerMinutesLater(page);
	await expectDueShown(line, expectedParts(later, 'Asia/Seoul', 'en-GB'));
	await expect(said).toHaveText(/^The due time has changed\. Due \w+day /);
	await expect(said).toContainText(expectedParts(later, 'Asia/Seoul', 'en-GB').weekday);
	await context.close();
});

test('the name step says how near the due time is', async ({ browser }) => {
	const due = futureDue().getTime();
	const { studentUrl } = await assignmentDue(browser, 'Due tonight', new Date(due));
	const context = await browser.newContext({
		timezoneId: 'America/Los_Angeles',
		viewport: { width: 360, height: 740 }
	});
	const page = await context.newPage();
	await page.clock.install({ time: due - 3 * HOUR - 30 * MINUTE });
	await page.goto(studentUrl);
	await page.clock.pauseAt(due - 3 * HOUR - 20 * MINUTE);
	const line = page.locator('p.due');
	await expect(line).toHaveAttribute('data-level', 'near');
	await expect(line).toContainText(/, in 3 hours\.$/);
	// Read as part of the page, not announced: nothing has changed since it opened.
	await expect(page.getByRole('status').filter({ hasText: /Due/ })).toHaveCount(0);
	await page.clock.resume();
	await expectNoAxeViolationsLightAndDark(page, 'the name step with the due time near, at 360 px');
	await context.close();
});

test('Submit is there from the first question, after a confirmation listing what is unanswered', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const title = 'Submit early';
	const teacherContext = await browser.newContext();
	const { studentUrl } = await createAssignment(await teacherContext.newPage(), title);
	await teacherContext.close();
	const { context, page } = await joinAsStudent(browser, studentUrl, title, 'Ines', {
		viewport: { width: 360, height: 740 }
	});
	await currentQuestion(page, module);

	const open = page.getByRole('button', { name: 'Submit my answers…' });
	await expect(open).toBeVisible();
	await open.press('Enter');
	const dialog = page.getByRole('dialog', { name: 'Submit your answers now?' });
	await expect(dialog).toBeVisible();
	await expect(dialog).toContainText(`You have not answered these ${module.questions.length} questions.`);
	await expect(dialog.getByRole('listitem')).toHaveCount(module.questions.length);
	await expectNoAxeViolationsLightAndDark(page, 'the submit confirmation at 360 px');
	await press(page, 'Keep working');
	await expect(dialog).toBeHidden();
	await expect(open).toBeFocused();

	// One answer later, one fewer is listed; then submit from the question.
	const q = await currentQuestion(page, module);
	await answerRight(page, module, q);
	await press(page, 'Check answer');
	await expect(panel(page).getByRole('heading', { level: 3, name: /Right/ })).toBeVisible();
	await open.press('Enter');
	await expect(dialog.getByRole('listitem')).toHaveCount(module.questions.length - 1);
	await expect(dialog.getByRole('listitem').filter({ hasText: q.prompt })).toHaveCount(0);
	await press(page, 'Submit now');
	await expect(page.getByRole('heading', { name: 'Submitted' })).toBeVisible();
	await context.close();
});

test('on a 360 px phone the results show every question’s points without sideways scrolling, the total and Submit near the top', async ({
	browser
}, testInfo) => {
	test.setTimeout(240_000);
	const title = 'Results on a phone';
	const teacherContext = await browser.newContext();
	const { studentUrl } = await createAssignment(await teacherContext.newPage(), title);
	await teacherContext.close();
	const { context, page } = await joinAsStudent(browser, studentUrl, title, 'Lee', {
		viewport: { width: 360, height: 740 }
	});
	await press(page, 'I have noted it');

	// Submit is offered on every question; the lesson is answered to the end.
	for (const [si, section] of module.sections.entries()) {
		if (si > 0) await press(page, /on to the questions|Continue/);
		for (let qi = 0; qi < section.questionIds.length; qi++) {
			const q = await currentQuestion(page, module);
			await expect(page.getByRole('button', { name: 'Submit my answers…' })).toBeVisible();
			await answerRight(page, module, q);
			await press(page, 'Check answer');
			await press(page, qi === section.questionIds.length - 1 ? 'Finish this section' : 'Next question');
		}
		await press(page, si + 1 < module.sections.length ? 'Next section' : 'See my results');
	}
	const heading = page.getByRole('heading', { level: 1, name: 'Your results' });
	await expect(heading).toBeFocused();
	const max = module.questions.reduce((sum, q) => sum + q.points, 0);

	const table = page.getByRole('table');
	const rows = table.getByRole('row');
	await expect(rows).toHaveCount(module.questions.length + 1);
	const pointsOf = (row: Locator) => row.getByRole('cell').last();
	async function expectFits(width: number) {
		await expectNoSidewaysScroll(page);
		const region = page.getByRole('region', { name: 'Question by question' });
		expect(await region.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
		await expect(table.getByRole('columnheader', { name: 'Points' })).toBeVisible();
		// Every question's points are on screen beside it: inside the page's width, not cut off.
		for (const [i, q] of module.questions.entries()) {
			const cell = pointsOf(rows.nth(i + 1));
			await expect(cell).toHaveText(`${q.points} / ${q.points}`);
			const box = (await cell.boundingBox())!;
			expect(box.x).toBeGreaterThanOrEqual(0);
			expect(box.x + box.width).toBeLessThanOrEqual(width);
		}
	}
	await expectFits(360);
	// First try, tries and hints are still given for each question, under its prompt.
	await expect(rows.nth(1).getByRole('rowheader')).toContainText('✓ right at the first try · 1 try · 0 hints');

	// The total and Submit are on the first screens, above the details.
	await page.evaluate(() => window.scrollTo(0, 0));
	const total = page.getByText(`Your score: ${max} out of ${max} points`);
	await expect(total).toHaveCount(1);
	const submit = page.getByRole('button', { name: 'Submit my answers', exact: true });
	await expect(page.getByText('100% of the points in this lesson')).toBeInViewport();
	const objectives = page.getByRole('heading', { level: 2, name: 'By learning objective' });
	const submitBox = (await submit.boundingBox())!;
	expect(submitBox.y + submitBox.height).toBeLessThan(2 * 740);
	expect(submitBox.y).toBeLessThan((await objectives.boundingBox())!.y);
	// One Submit on the results: the banner's own gives way to the one under the total.
	await expect(page.getByRole('button', { name: /^Submit my answers/ })).toHaveCount(1);
	await page.screenshot({ path: testInfo.outputPath('results-360.png'), fullPage: true });
	await expectNoAxeViolationsLightAndDark(page, 'the results at 360 px');

	await page.setViewportSize({ width: 1280, height: 900 });
	await expectFits(1280);
	await page.screenshot({ path: testInfo.outputPath('results-1280.png'), fullPage: true });
	await expectNoAxeViolationsLightAndDark(page, 'the results at 1280 px');

	await page.setViewportSize({ width: 360, height: 740 });
	await submit.press('Enter');
	await expect(page.getByRole('heading', { name: 'Submitted' })).toBeVisible();
	await expectNoSidewaysScroll(page);
	await context.close();
});

test('by keyboard alone at 360 px, focus follows the student from the name step to the submitted page', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const title = 'Keyboard only';
	const teacherContext = await browser.newContext();
	const { studentUrl } = await createAssignment(await teacherContext.newPage(), title);
	await teacherContext.close();
	const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	await page.goto(studentUrl);
	const nameField = page.getByLabel(/Your name/);
	await expect(nameField).toBeVisible();
	// The name field is reached with Tab from the top of the page.
	for (let i = 0; i < 12 && !(await nameField.evaluate((el) => el === document.activeElement)); i++)
		await page.keyboard.press('Tab');
	await expect(nameField).toBeFocused();
	await page.keyboard.type('Kai');
	await page.keyboard.press('Enter');
	const sectionHeading = page.getByRole('heading', { level: 1, name: module.sections[0]!.title });
	await expect(sectionHeading).toBeFocused();

	// The resume code notice, just above: dismissed, it leaves focus on the banner line that keeps the code.
	await page.keyboard.press('Shift+Tab');
	await expect(page.getByRole('button', { name: 'I have noted it' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('button', { name: 'I have noted it' })).toHaveCount(0);
	const bannerLine = page.locator('.banner p');
	await expect(bannerLine).toBeFocused();
	await expect(bannerLine).toContainText('Resume code');

	// Submit: the next stop; its confirmation starts on the safe choice and is described by what is unanswered.
	await page.keyboard.press('Tab');
	const open = page.getByRole('button', { name: 'Submit my answers…' });
	await expect(open).toBeFocused();
	await page.keyboard.press('Enter');
	const dialog = page.getByRole('dialog', { name: 'Submit your answers now?' });
	await expect(dialog).toHaveAccessibleDescription(
		`You have not answered these ${module.questions.length} questions. After you submit, you cannot answer them.`
	);
	await expect(dialog.getByRole('button', { name: 'Keep working' })).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expect(open).toBeFocused();

	await page.keyboard.press('Enter');
	await expect(dialog.getByRole('button', { name: 'Keep working' })).toBeFocused();
	await page.keyboard.press('Shift+Tab');
	await expect(dialog.getByRole('button', { name: 'Submit now' })).toBeFocused();
	await page.keyboard.press('Enter');
	// Handed in: focus is on the news, not lost with the lesson.
	await expect(page.getByRole('heading', { level: 2, name: 'Submitted' })).toBeFocused();
	await expectNoAxeViolationsLightAndDark(page, 'the submitted page at 360 px');
	await context.close();
});

test('a title the teacher changes while the lesson is open reaches the student with the next answer', async ({
	browser
}) => {
	const teacherContext = await browser.newContext();
	const teacher = await teacherContext.newPage();
	const { studentUrl, resultsUrl } = await createAssignment(teacher, 'Period 2 reading');
	const { context, page } = await joinAsStudent(browser, studentUrl, 'Period 2 reading', 'Ines', {
		before: (p) => p.clock.install()
	});
	await expect(page).toHaveTitle(/^Period 2 reading/);

	await teacher.goto(resultsUrl);
	const change = teacher.getByRole('region', { name: 'Change the assignment' });
	await change.getByLabel('Title students see').fill('Period 2: North Korea in the news');
	await change.getByRole('button', { name: 'Rename' }).click();
	await expect(change.getByRole('status').filter({ hasText: 'Renamed to' })).toBeVisible();

	// No reload.
	await answerMinutesLater(page);
	// The banner above the lesson names the assignment by its new title.
	await expect(page.locator('.banner > p > strong')).toHaveText('Period 2: North Korea in the news');
	await expect(page).toHaveTitle(/^Period 2: North Korea in the news/);
	await context.close();
	await teacherContext.close();
});

test("the name step is in the page as sent: a name typed and Start pressed before the page's script has loaded open the lesson once it has", async ({
	browser
}) => {
	const title = 'Before the script';
	const teacherContext = await browser.newContext();
	const { studentUrl } = await createAssignment(await teacherContext.newPage(), title);
	await teacherContext.close();
	const context = await browser.newContext();
	const page = await context.newPage();
	const attemptPosts: string[] = [];
	page.on('request', (request) => {
		if (request.method() === 'POST' && request.url().endsWith('/attempt'))
			attemptPosts.push((request.postDataJSON() as { action: string }).action);
	});
	// The page's scripts are held back until the student has pressed Start.
	const { release, violations } = await holdPageScripts(page);
	await page.goto(studentUrl, { waitUntil: 'domcontentloaded' });
	// The other button needs the page's script, and says so by being disabled until it runs.
	await expect(page.getByRole('button', { name: /started on another device/ })).toBeDisabled();
	await page.getByLabel(/Your name/).fill('Noor');
	const start = page.getByRole('button', { name: 'Start', exact: true });
	await expect(start).toBeEnabled();
	await start.click();
	// The press is kept: the browser does not send the form away, and the student is told.
	await expect(page.getByRole('status').filter({ hasText: 'Starting…' })).toBeVisible();
	await expect(start).toHaveAttribute('aria-busy', 'true');
	expect(new URL(page.url()).search).toBe('');
	release();
	await expectAssignmentOpened(page, title, 'Noor', module.sections[0]!.title);
	// A new device has nothing to resume: the one request is the start.
	expect(attemptPosts).toEqual(['start']);
	expect(violations).toEqual([]);

	// Back on the link later, this device goes straight back into its lesson: the name step is never
	// shown, not even before the page's script has run.
	const again = await context.newPage();
	const held = await holdPageScripts(again);
	await again.goto(studentUrl, { waitUntil: 'domcontentloaded' });
	await expect(again.getByRole('status').filter({ hasText: 'Loading…' })).toBeVisible();
	await expect(again.getByLabel(/Your name/)).toBeHidden();
	held.release();
	await expect(again.getByRole('heading', { level: 1, name: module.sections[0]!.title })).toBeVisible();
	await expect(again.getByText('Noor', { exact: true })).toBeVisible();
	await expect(again.getByLabel(/Your name/)).toHaveCount(0);
	expect(held.violations).toEqual([]);
	await context.close();
});

test('the name step is drawn before anything else is fetched, and waits for no part of the lesson player, which comes while the name is typed', async ({
	browser
}) => {
	const teacherContext = await browser.newContext();
	const { studentUrl } = await createAssignment(await teacherContext.newPage(), 'Light name step');
	await teacherContext.close();
	const context = await browser.newContext();
	const page = await context.newPage();
	const playerStyles = page.waitForRequest(/\/lesson-player\.[\w-]+\.css$/);
	const hrefs = await expectFirstPaintAlone(page, studentUrl);
	// The player's stylesheet is named in the page only when its scripts are among the page's own.
	expect(await (await page.request.get(studentUrl)).text()).not.toContain('lesson-player');
	expect(hrefs.length).toBeGreaterThan(0);
	// Once the page is live, the player comes without the student doing anything.
	await playerStyles;
	await expect(page.getByLabel(/Your name/)).toBeEditable();
	await context.close();
});
