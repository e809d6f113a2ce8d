/**
 * What the class needs next, in the browser: a class answers every question type through the
 * student API as their pages would (Ana everything right, Ben one wrong answer of each type), then the teacher
 * sees mastery by objective, the nine item views, the heat map's misses in words, downloads both
 * CSVs and reads them by column, and writes a comment that reaches Ana's report (escaped, edited,
 * removed), all by keyboard. Axe checks each new screen in light and dark and at 360 px.
 */
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { expect, test, type APIRequestContext, type Download, type Page } from '@playwright/test';
import type { ResolvedQuestion } from '../../src/lib/content/module.ts';
import type { PublicQuestion } from '../../src/lib/content/public.ts';
import type { Response } from '../../src/lib/scoring/response.ts';
import type { AttemptView } from '../../src/lib/server/assignments/student';
import { questionLabel } from '../../src/lib/content/label';
import { expectNoAxeViolations, SLUG } from './helpers';
import { loadKey } from './module-key';
import { QUESTION_TYPES } from '../../src/lib/content/schema';
import { createAssignment } from './assignment-steps';

const module = loadKey(SLUG);
const MAX = module.questions.reduce((n, q) => n + q.points, 0);
type Of<T extends ResolvedQuestion['type']> = Extract<ResolvedQuestion, { type: T }>;
const first = <T extends ResolvedQuestion['type']>(type: T) => module.questions.find((q) => q.type === type) as Of<T>;
const sentenceText = (id: string) => {
	const s = module.passage.paragraphs.flatMap((p) => p.sentences).find((x) => x.id === id)!;
	return module.passage.text.slice(s.start, s.end);
};
const idOf = (list: { id: string; text: string }[], text: string) => list.find((x) => x.text === text)!.id;

/** A right or a wrong answer to a question, as the student's page would send it, from its public form. */
function answerFor(q: ResolvedQuestion, pub: PublicQuestion, right: boolean): Response {
	if (q.type === 'single-choice' && pub.type === 'single-choice') {
		const chosen = right ? q.options.find((o) => o.correct)! : q.options.find((o) => !o.correct)!;
		return { type: q.type, optionId: idOf(pub.options, chosen.text) };
	}
	if (q.type === 'multi-select' && pub.type === 'multi-select') {
		const chosen = [...q.options.filter((o) => o.correct), ...(right ? [] : [q.options.find((o) => !o.correct)!])];
		return { type: q.type, optionIds: chosen.map((o) => idOf(pub.options, o.text)) };
	}
	if (q.type === 'true-false-not-stated')
		return { type: q.type, choice: right ? q.answer : q.answer === 'true' ? 'false' : 'true' };
	if (q.type === 'short-answer') return { type: q.type, text: right ? q.answer : 'zzz' };
	if (q.type === 'ordering' && pub.type === 'ordering') {
		const order = right ? q.items : [...q.items].reverse();
		return { type: q.type, order: order.map((it) => idOf(pub.items, it.text)) };
	}
	if (q.type === 'matching' && pub.type === 'matching') {
		const rights = q.pairs.map((p) => p.right);
		if (!right) [rights[0], rights[1]] = [rights[1]!, rights[0]!];
		return {
			type: q.type,
			pairs: Object.fromEntries(pub.left.map((l, i) => [l.id, idOf(pub.right, rights[i]!)]))
		};
	}
	if (q.type === 'cloze' && pub.type === 'cloze') {
		const order = [...q.text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]!);
		const blanks = pub.parts.flatMap((p) => (p.kind === 'blank' ? [p.id] : []));
		return {
			type: q.type,
			blanks: Object.fromEntries(
				blanks.map((id, i) => {
					const b = q.blanks.find((x) => x.id === order[i])!;
					return [id, right ? b.answer : b.choices ? b.choices.find((c) => c !== b.answer)! : 'Money!'];
				})
			)
		};
	}
	if (q.type === 'evidence') {
		const key = q.resolved.expectedSentences!;
		const other = q.resolved.selectableSentences!.find((s) => !key.includes(s))!;
		return { type: q.type, sentences: right ? [...key] : [key[0]!, other] };
	}
	if (q.type === 'evidence-paired' && pub.type === 'evidence-paired') {
		const r = q.resolved.partB![q.partB.options.find((o) => o.correct)!.id]!;
		return {
			type: q.type,
			partA: idOf(pub.options, q.options.find((o) => o.correct === right)!.text),
			partB: idOf(pub.partB.options, module.passage.text.slice(r.start, r.end))
		};
	}
	throw new Error(`no answer for ${q.type}`);
}

/**
 * A student through the student API, as their page would act: start under a name with a device
 * token, answer the given questions (right or wrong), hand in. The token lets a browser of theirs
 * open the same attempt.
 */
async function studentAnswers(
	request: APIRequestContext,
	studentUrl: string,
	name: string,
	answers: { q: ResolvedQuestion; right: boolean }[]
) {
	const api = `/api/a/${studentUrl.split('/a/')[1]!}`;
	const attemptId = crypto.randomUUID();
	const deviceToken = `${name}-${crypto.randomUUID()}`;
	const started = await request.post(`${api}/attempt`, { data: { action: 'start', attemptId, deviceToken, name } });
	expect(started.status()).toBe(200);
	const view = (await started.json()) as AttemptView;
	// Each question of the key to its public form: the same type, prompt and statement, in order.
	const used = new Set<string>();
	const publicOf = (q: ResolvedQuestion) => {
		const pub = view.module.questions.find(
			(p) =>
				!used.has(p.id) &&
				p.type === q.type &&
				p.prompt === q.prompt &&
				(p.type !== 'true-false-not-stated' || q.type !== 'true-false-not-stated' || p.statement === q.statement)
		)!;
		used.add(pub.id);
		return pub;
	};
	const pubs = new Map(module.questions.map((q) => [q.id, publicOf(q)]));
	for (const { q, right } of answers) {
		const pub = pubs.get(q.id)!;
		const res = await request.post(`${api}/answers`, {
			data: {
				action: 'answer',
				answerId: crypto.randomUUID(),
				attemptId,
				deviceToken,
				questionId: pub.id,
				response: answerFor(q, pub, right)
			}
		});
		expect(res.status(), `${name}'s answer to ${q.id}`).toBe(200);
	}
	expect((await request.post(`${api}/submit`, { data: { attemptId, deviceToken } })).status()).toBe(200);
	return { deviceToken };
}

async function csvOf(download: Promise<Download>) {
	const d = await download;
	const raw = await readFile((await d.path())!, 'utf8');
	// UTF-8 with a byte order mark, for Excel.
	expect(raw.startsWith('\uFEFF')).toBe(true);
	expect(raw).toContain('\r\n');
	return { name: d.suggestedFilename(), ...Papa.parse<Record<string, string>>(raw.slice(1).trim(), { header: true }) };
}

/** Nothing on the page scrolls sideways (a wide table may scroll inside its own wrapper). */
async function expectNoSidewaysScroll(page: Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
}

test('after a class answers every type: objectives, nine item views, both CSVs and a comment in the report', async ({
	browser,
	request
}) => {
	test.setTimeout(300_000);
	const teacherContext = await browser.newContext({ acceptDownloads: true });
	const teacher = await teacherContext.newPage();
	const title = 'What the class needs';
	const { studentUrl, resultsUrl } = await createAssignment(teacher, title, 'After they submit');
	// Ana answers every question right; Ben gives one wrong answer of each type and nothing else.
	const all = module.questions.map((q) => ({ q, right: true }));
	const { deviceToken } = await studentAnswers(request, studentUrl, 'Ana', all);
	await studentAnswers(
		request,
		studentUrl,
		'Ben',
		QUESTION_TYPES.map((t) => ({ q: first(t), right: false }))
	);
	// Ana's own browser, as the device she answered on.
	const anaContext = await browser.newContext();
	await anaContext.addInitScript(
		([key, token]) => {
			if (!localStorage.getItem(key!)) localStorage.setItem(key!, token!);
		},
		[`closeread.assign.${studentUrl.split('/a/')[1]!}.device`, deviceToken]
	);
	const ana = { context: anaContext, page: await anaContext.newPage() };
	await ana.page.goto(studentUrl);
	await expect(ana.page.getByRole('heading', { name: 'Submitted' })).toBeVisible();

	await teacher.goto(resultsUrl);
	await expect(teacher.getByText('2 students, 2 submitted.')).toBeVisible();

	// What the class needs next: every objective, each with one of the two students below mastery
	// (Ben), sorted by the share of points the class earned, lowest first.
	const needs = teacher.getByRole('region', { name: 'What the class needs next' });
	const objectives = needs.getByRole('list').first().locator(':scope > li');
	await expect(objectives).toHaveCount(module.objectives.length);
	for (const o of module.objectives) {
		const item = objectives.filter({ has: teacher.getByRole('heading', { level: 3, name: o.title, exact: true }) });
		await expect(item).toContainText('1 of 2 students below mastery');
		const questions = module.questions.filter((q) => q.objective === o.id);
		await expect(item.getByRole('list', { name: `Questions of ${o.title}` }).getByRole('listitem')).toHaveCount(
			questions.length
		);
	}
	const shares = (await objectives.allInnerTexts()).map((t) => Number(/earned (\d+)% of its points/.exec(t)![1]));
	expect(shares).toEqual([...shares].sort((x, y) => x - y));

	// The nine item views.
	const items = teacher.getByRole('region', { name: 'Question by question' });
	const row = (q: ResolvedQuestion) =>
		items.getByRole('row').filter({ has: teacher.getByRole('rowheader', { name: questionLabel(q), exact: true }) });
	const sc = first('single-choice');
	await expect(row(sc)).toContainText(`1 × ${sc.options.find((o) => o.correct)!.text} (key)`);
	await expect(row(sc)).toContainText(`1 × ${sc.options.find((o) => !o.correct)!.text}`);
	const ms = first('multi-select');
	await expect(row(ms)).toContainText(`2 × ${ms.options.find((o) => o.correct)!.text} (key)`);
	await expect(row(ms)).toContainText(`1 × ${ms.options.find((o) => !o.correct)!.text}`);
	const tf = first('true-false-not-stated');
	await expect(row(tf)).toContainText(/1 × (True|False|Not stated) \(key\)/);
	const sa = first('short-answer');
	await expect(row(sa)).toContainText('1 × zzz');
	await expect(row(sa)).toContainText(`1 × ${sa.answer} (right)`);
	const or = first('ordering');
	await expect(row(or)).toContainText('1 in the right order');
	await expect(row(or)).toContainText('1 × this order');
	await expect(row(or).getByRole('listitem').first()).toHaveText(or.items.at(-1)!.text);
	const ma = first('matching');
	await expect(row(ma)).toContainText(ma.pairs[0]!.left);
	await expect(row(ma)).toContainText(`1 × ${ma.pairs[1]!.right}`);
	await expect(row(ma)).toContainText(`2 × ${ma.pairs[2]!.right} (key)`);
	const cl = first('cloze');
	await expect(row(cl)).toContainText('Blank 1');
	await expect(row(cl)).toContainText('(typed)');
	await expect(row(cl)).toContainText('1 × Money!');
	const ev = first('evidence');
	const key = ev.resolved.expectedSentences!;
	await expect(row(ev)).toContainText(`2 × ${sentenceText(key[0]!)} (key)`);
	await expect(row(ev)).toContainText(
		`1 × ${sentenceText(ev.resolved.selectableSentences!.find((s) => !key.includes(s))!)}`
	);
	const ep = first('evidence-paired');
	await expect(row(ep)).toContainText('Part A');
	await expect(row(ep)).toContainText('Part B');
	await expect(row(ep)).toContainText(`1 × ${ep.options.find((o) => !o.correct)!.text}`);

	// The heat map says its misses in words, not only in colour.
	const heat = teacher.getByRole('region', { name: 'Where in the passage students struggled' });
	await expect(heat.getByText(/^\(\d+\/\d+ missed\)/).first()).toBeVisible();
	await expect(heat.getByRole('list', { name: 'Key to the shading' })).toContainText('60% or more missed');

	await expectNoAxeViolations(teacher, 'class results with objectives and item views, light');
	await teacher.emulateMedia({ colorScheme: 'dark' });
	await expectNoAxeViolations(teacher, 'class results with objectives and item views, dark');
	await teacher.emulateMedia({ colorScheme: 'light' });

	// Both CSVs, read by column.
	const results = await csvOf(
		Promise.all([teacher.waitForEvent('download'), teacher.getByRole('link', { name: 'Download CSV' }).click()]).then(
			([d]) => d
		)
	);
	expect(results.name).toMatch(/-results\.csv$/);
	const column = `q:${sc.id} (max ${sc.points}): ${sc.prompt}`;
	expect(results.meta.fields).toContain(column);
	expect(results.meta.fields).toContain(`q:${tf.id} (max ${tf.points}): ${questionLabel(tf)}`);
	const byName = new Map(results.data.map((r) => [r.name, r]));
	expect(byName.get('Ana')).toMatchObject({ status: 'submitted', score: String(MAX), [column]: String(sc.points) });
	expect(byName.get('Ben')).toMatchObject({ status: 'submitted', [column]: '0' });

	const book = await csvOf(
		Promise.all([
			teacher.waitForEvent('download'),
			teacher.getByRole('link', { name: 'Download gradebook CSV' }).click()
		]).then(([d]) => d)
	);
	expect(book.name).toMatch(/-gradebook\.csv$/);
	expect(book.meta.fields).toEqual(['name', 'points', 'max_points', 'percent', 'submitted_at']);
	expect(book.data.map((r) => r.name)).toEqual(['Ana', 'Ben']);
	expect(book.data[0]).toMatchObject({ points: String(MAX), max_points: String(MAX), percent: '100' });
	for (const r of book.data) expect(r.submitted_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
	expect(Number(book.data[1]!.points)).toBe(Number(byName.get('Ben')!.score));
	expect(Number(book.data[1]!.percent)).toBeCloseTo((Number(book.data[1]!.points) / MAX) * 100, 2);

	// A comment to Ana, by keyboard, with markup that must stay text.
	const students = teacher.getByRole('region', { name: 'Each student' });
	const anaBlock = students.getByRole('listitem').filter({ has: teacher.getByRole('heading', { name: 'Ana' }) });
	await expect(anaBlock.getByRole('link', { name: 'Answers and marks of Ana' })).toBeVisible();
	await expect(anaBlock.getByRole('button', { name: 'Allow one more attempt to Ana' })).toBeVisible();
	await anaBlock.locator('summary', { hasText: 'Comment to Ana' }).press('Enter');
	const box = anaBlock.getByLabel('Comment to Ana, shown with their results');
	await teacher.keyboard.press('Tab');
	await expect(box).toBeFocused();
	const words = 'Well argued. <b>Reread</b> paragraph 3 & check "alleged".';
	await box.pressSequentially(words);
	await box.press('Enter');
	await box.pressSequentially('See me Friday.');
	await anaBlock.getByRole('button', { name: 'Save comment' }).press('Enter');
	await expect(students.getByRole('status')).toHaveText(
		'Your comment to Ana is saved. They see it with their results.'
	);
	await expect(anaBlock).toContainText(words);
	await expectNoAxeViolations(teacher, 'each student with a comment, light');
	await teacher.emulateMedia({ colorScheme: 'dark' });
	await expectNoAxeViolations(teacher, 'each student with a comment, dark');
	await teacher.emulateMedia({ colorScheme: 'light' });

	await ana.page.reload();
	await expect(ana.page.getByRole('heading', { name: 'Submitted' })).toBeVisible();
	const comment = ana.page.getByRole('region', { name: "Your teacher's comment" });
	await expect(comment).toContainText(words);
	await expect(comment).toContainText('See me Friday.');
	await expect(comment.locator('b')).toHaveCount(0);
	await expectNoAxeViolations(ana.page, "a student's report with the teacher's comment, light");
	await ana.page.emulateMedia({ colorScheme: 'dark' });
	await expectNoAxeViolations(ana.page, "a student's report with the teacher's comment, dark");
	await ana.page.setViewportSize({ width: 360, height: 740 });
	await expectNoSidewaysScroll(ana.page);
	await expectNoAxeViolations(ana.page, "a student's report with the teacher's comment at 360 px");

	// Edited, then removed: the student sees each change.
	await anaBlock.locator('summary', { hasText: 'Edit comment to Ana' }).press('Enter');
	await box.fill('Shorter now.');
	await anaBlock.getByRole('button', { name: 'Save comment' }).press('Enter');
	await expect(anaBlock).toContainText('Shorter now.');
	await ana.page.reload();
	await expect(comment).toHaveText(/Shorter now\./);
	await anaBlock.getByRole('button', { name: 'Remove comment to Ana' }).press('Enter');
	await expect(students.getByRole('status')).toHaveText('Your comment to Ana is removed.');
	await ana.page.reload();
	await expect(ana.page.getByRole('heading', { name: 'Your results' })).toBeVisible();
	await expect(comment).toHaveCount(0);

	// The new screens at 360 px, light and dark.
	await teacher.setViewportSize({ width: 360, height: 740 });
	await expectNoSidewaysScroll(teacher);
	await expectNoAxeViolations(teacher, 'class results at 360 px, light');
	await teacher.emulateMedia({ colorScheme: 'dark' });
	await expectNoAxeViolations(teacher, 'class results at 360 px, dark');

	await ana.context.close();
	await teacherContext.close();
});
