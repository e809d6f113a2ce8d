/**
 * What the class needs next, on both databases: after a class answers every question type, the
 * item views count what students gave at the first try (choices, typed answers grouped, wrong
 * orders, matching pairs, evidence sentences, both parts of a paired question); objectives are
 * sorted by how many students have not mastered them; the results CSV names each question with
 * its maximum points; the gradebook has one row per student with the teacher's marks counted.
 * And the teacher's per-student actions: a comment reaches the student's report, is edited and
 * removed; removing a student takes all their attempts.
 */
import { randomUUID } from 'node:crypto';
import Papa from 'papaparse';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/lib/server/db/index.ts';
import { CodeMigrationProvider, migrations } from '../../../src/lib/server/db/migrations.ts';
import type { Assignment } from '../../../src/lib/server/db/repository.ts';
import type { ResolvedQuestion } from '../../../src/lib/content/module.ts';
import { labelling } from '../../../src/lib/content/public.ts';
import { QUESTION_TYPES } from '../../../src/lib/content/schema.ts';
import type { Response } from '../../../src/lib/scoring/response.ts';
import { startOrResume, submit } from '../../../src/lib/server/assignments/student.ts';
import { gradebookRows, questionColumn } from '../../../src/lib/server/assignments/stats.ts';
import type { ItemAnswers } from '../../../src/lib/server/assignments/item-answers.ts';
import {
	gradeAction,
	gradebookCsv,
	resultsCsv,
	resultsView,
	studentAction
} from '../../../src/lib/server/assignments/teacher.ts';
import { COMMENT_MAX } from '../../../src/lib/student-comment.ts';
import { postgresTarget, sqliteTarget } from '../db/targets.ts';
import { openWithPublicIds, settingsFrom, shippedModule } from '../db/suite-database.ts';

const now = new Date('2026-03-01T09:00:00Z');
const module = shippedModule();
/** One try per question, so the first try is each question's answer. */
const settings = settingsFrom({ feedback: 'after-submit', triesPerQuestion: 1, shuffle: true });

type Of<T extends ResolvedQuestion['type']> = Extract<ResolvedQuestion, { type: T }>;
const first = <T extends ResolvedQuestion['type']>(type: T) => module.questions.find((q) => q.type === type) as Of<T>;
const labelOf = (map: Record<string, string>, id: string) => Object.entries(map).find(([, v]) => v === id)![0];

function form(fields: Record<string, string>): FormData {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.set(k, v);
	return data;
}

/** How each of three students answers each type, in the author's terms. */
type Plan = 'right' | 'wrong' | 'other';

/** A response in the form the server stores, from a plan (see the tests for what each gives). */
function responseFor(q: ResolvedQuestion, seed: string, plan: Plan): Response {
	const l = labelling(q, seed);
	switch (q.type) {
		case 'single-choice': {
			const wrong = q.options.filter((o) => !o.correct);
			const id = plan === 'right' ? q.options.find((o) => o.correct)!.id : wrong[plan === 'wrong' ? 0 : 1]!.id;
			return { type: q.type, optionId: labelOf(l.options, id) };
		}
		case 'multi-select': {
			const ids = q.options.filter((o) => o.correct).map((o) => o.id);
			if (plan !== 'right') ids.push(q.options.find((o) => !o.correct)!.id);
			return { type: q.type, optionIds: ids.map((id) => labelOf(l.options, id)) };
		}
		case 'true-false-not-stated':
			return { type: q.type, choice: plan === 'right' ? q.answer : q.answer === 'true' ? 'false' : 'true' };
		case 'short-answer':
			return { type: q.type, text: plan === 'right' ? q.answer : plan === 'wrong' ? 'zzz' : 'ZZZ.' };
		case 'ordering': {
			const order = q.items.map((it) => it.id);
			return { type: q.type, order: plan === 'right' ? order : [...order].reverse() };
		}
		case 'matching': {
			const rights = q.pairs.map((p) => p.id);
			if (plan !== 'right') [rights[0], rights[1]] = [rights[1]!, rights[0]!];
			return {
				type: q.type,
				pairs: Object.fromEntries(rights.map((id, i) => [`l${i + 1}`, labelOf(l.right, id)]))
			};
		}
		case 'cloze':
			return {
				type: q.type,
				blanks: Object.fromEntries(
					q.blanks.map((b) => [
						b.id,
						plan === 'right' ? b.answer : b.choices ? b.choices.find((c) => c !== b.answer)! : 'Money!'
					])
				)
			};
		case 'evidence': {
			const key = q.resolved.expectedSentences!;
			const other = q.resolved.selectableSentences!.find((s) => !key.includes(s))!;
			return { type: q.type, sentences: plan === 'right' ? [...key] : [key[0]!, other] };
		}
		case 'evidence-paired': {
			const a = plan === 'right' ? q.options.find((o) => o.correct)! : q.options.find((o) => !o.correct)!;
			return {
				type: q.type,
				partA: labelOf(l.options, a.id),
				partB: labelOf(l.partB, q.partB.options.find((o) => o.correct)!.id)
			};
		}
	}
}

describe.each([sqliteTarget(), postgresTarget()])('what the class needs next, on $name', (target) => {
	const db = openWithPublicIds(module, now, target);
	const assignment = () => db.newAssignment(settings());
	type A = Assignment;

	async function student(a: A, name: string) {
		const s = await db.startStudent(a, name);
		const answer = (q: ResolvedQuestion, plan: Plan) => s.answer(q, (seed) => responseFor(q, seed, plan));
		return { ...s, answer };
	}

	/** Ana answers every question right, Ben and Cy get one of each type wrong in their own ways. */
	async function classOfThree() {
		const a = await assignment();
		const ana = await student(a, 'Ana');
		const ben = await student(a, 'Ben');
		const cy = await student(a, 'Cy');
		for (const q of module.questions) await ana.answer(q, 'right');
		for (const type of QUESTION_TYPES) {
			await ben.answer(first(type), 'wrong');
			await cy.answer(first(type), 'other');
		}
		await ana.hand();
		await ben.hand();
		return { a, ana, ben, cy };
	}

	const view = async (a: A) => (await resultsView(db.repo, module, a, now)).results;
	const answersOf = <K extends ItemAnswers['kind']>(
		results: Awaited<ReturnType<typeof view>>,
		q: ResolvedQuestion,
		kind: K
	) => {
		const found = results.questions.find((x) => x.id === q.id)!.answers;
		expect(found.kind).toBe(kind);
		return found as Extract<ItemAnswers, { kind: K }>;
	};
	const count = (list: { text: string; count: number }[], text: string) => list.find((x) => x.text === text)?.count;

	it('shows what the class answered at the first try for all nine question types', async () => {
		const { a } = await classOfThree();
		const results = await view(a);

		const sc = first('single-choice');
		const choices = answersOf(results, sc, 'choices').choices;
		const [wrong0, wrong1] = sc.options.filter((o) => !o.correct);
		expect(choices.map((c) => c.text)).toEqual(sc.options.map((o) => o.text));
		expect(count(choices, sc.options.find((o) => o.correct)!.text)).toBe(1);
		expect(count(choices, wrong0!.text)).toBe(1);
		expect(count(choices, wrong1!.text)).toBe(1);
		expect(choices.reduce((n, c) => n + c.count, 0)).toBe(3);
		const ms = first('multi-select');
		const msChoices = answersOf(results, ms, 'choices').choices;
		for (const o of ms.options.filter((x) => x.correct)) expect(count(msChoices, o.text)).toBe(3);
		expect(count(msChoices, ms.options.find((x) => !x.correct)!.text)).toBe(2);

		const tf = first('true-false-not-stated');
		const tfChoices = answersOf(results, tf, 'choices').choices;
		expect(tfChoices.find((c) => c.correct)!.count).toBe(1);
		expect(tfChoices.reduce((n, c) => n + c.count, 0)).toBe(3);

		// Typed answers grouped as grading compares them: "zzz" and "ZZZ." are one answer given twice.
		const sa = first('short-answer');
		const typed = answersOf(results, sa, 'typed');
		expect(typed.answers).toEqual([
			// Named by the spelling given most often; on a tie, the first in code point order.
			{ id: 'zzz', text: 'ZZZ.', correct: false, count: 2 },
			{ id: expect.any(String), text: sa.answer, correct: true, count: 1 }
		]);
		expect(typed.others).toBe(0);

		const cl = first('cloze');
		const blanks = answersOf(results, cl, 'cloze').blanks;
		expect(blanks.map((b) => b.label)).toEqual(cl.blanks.map((_, i) => `Blank ${i + 1}`));
		for (const b of cl.blanks) {
			const shown = blanks.find((x) => x.id === b.id)!;
			expect(shown.typed).toBe(!b.choices);
			if (b.choices) {
				expect(count(shown.answers, b.answer)).toBe(1);
				expect(
					count(
						shown.answers,
						b.choices.find((c) => c !== b.answer)!
					)
				).toBe(2);
			} else {
				expect(shown.answers).toContainEqual(expect.objectContaining({ text: 'Money!', correct: false, count: 2 }));
			}
		}

		const or = first('ordering');
		const orders = answersOf(results, or, 'ordering');
		expect(orders.inOrder).toBe(1);
		expect(orders.wrongOrders).toEqual([{ order: [...or.items].reverse().map((it) => it.text), count: 2 }]);

		const ma = first('matching');
		const pairs = answersOf(results, ma, 'matching').pairs;
		expect(pairs[0]!.left).toBe(ma.pairs[0]!.left);
		expect(pairs[0]!.answers).toEqual([
			{ id: ma.pairs[1]!.id, text: ma.pairs[1]!.right, correct: false, count: 2 },
			{ id: ma.pairs[0]!.id, text: ma.pairs[0]!.right, correct: true, count: 1 }
		]);
		expect(pairs[2]!.answers).toEqual([{ id: ma.pairs[2]!.id, text: ma.pairs[2]!.right, correct: true, count: 3 }]);

		const ev = first('evidence');
		const sentences = answersOf(results, ev, 'evidence').sentences;
		const key = ev.resolved.expectedSentences!;
		expect(sentences.find((s) => s.id === key[0])).toMatchObject({ correct: true, count: 3 });
		expect(sentences.filter((s) => !s.correct)).toEqual([expect.objectContaining({ count: 2, correct: false })]);
		expect(sentences.every((s) => module.passage.text.includes(s.text))).toBe(true);

		const ep = first('evidence-paired');
		const paired = answersOf(results, ep, 'paired');
		expect(paired.partA.find((c) => c.correct)!.count).toBe(1);
		expect(paired.partB.find((c) => c.correct)!.count).toBe(3);
		expect(results.questions.find((x) => x.id === ep.id)!.distractors).toEqual(paired.partA);
	});

	it('sorts the objectives by how many students have not mastered them, with their questions worst first', async () => {
		const { a } = await classOfThree();
		const results = await view(a);
		// Cy has not submitted nor finished any objective's questions: only Ana (all right) and Ben
		// (submitted with one wrong answer of each type and nothing else) are judged.
		expect(results.objectives).toHaveLength(module.objectives.length);
		for (const o of results.objectives) expect(o).toMatchObject({ students: 2, notMastered: 1 });
		const shares = results.objectives.map((o) => o.share!);
		expect(shares).toEqual([...shares].sort((x, y) => x - y));
		const worst = results.objectives[0]!;
		expect(worst.questions.map((q) => q.share!)).toEqual(worst.questions.map((q) => q.share!).sort((x, y) => x - y));
		expect(worst.questions.length).toBe(module.questions.filter((q) => q.objective === worst.id).length);
		expect(results.masteryThreshold).toBe(module.scoring.masteryThreshold);
	});

	it('the results CSV names each question with its maximum points; the gradebook counts the teacher’s marks', async () => {
		const { a, ben } = await classOfThree();
		const parse = (text: string) => Papa.parse<string[]>(text.trim()).data;
		const csv = parse(await resultsCsv(db.repo, module, a));
		const sc = first('single-choice');
		expect(csv[0]).toContain(`q:${sc.id} (max ${sc.points}): ${sc.prompt}`);
		expect(csv[0]).toContain(questionColumn(first('true-false-not-stated')));

		const before = gradebookRows(await view(a));
		expect(before.header).toEqual(['name', 'points', 'max_points', 'percent', 'submitted_at']);
		const benBefore = before.rows.find((r) => r[0] === 'Ben')!;
		// Ben's wrong single choice, marked right by the teacher.
		const wrong = (await db.repo.listAnswers(ben.attempt.id)).find((x) => x.questionId === sc.id)!;
		expect(
			await gradeAction('mark', db.repo, module, a, form({ answerId: wrong.id, mark: 'right' }), now)
		).toMatchObject({
			ok: true
		});
		const book = parse(await gradebookCsv(db.repo, module, a));
		const max = module.questions.reduce((n, q) => n + q.points, 0);
		expect(book[0]).toEqual(['name', 'points', 'max_points', 'percent', 'submitted_at']);
		expect(book.slice(1).map((r) => r[0])).toEqual(['Ana', 'Ben', 'Cy']);
		expect(book[1]).toEqual(['Ana', String(max), String(max), '100', now.toISOString()]);
		const benPoints = Number(benBefore[1]) + sc.points;
		expect(book[2]).toEqual([
			'Ben',
			String(benPoints),
			String(max),
			String(Math.round((benPoints / max) * 1e4) / 100),
			now.toISOString()
		]);
		// Cy has not submitted: a row with no grade, so an import leaves it blank.
		expect(book[3]).toEqual(['Cy', '', String(max), '', '']);
	});

	it('gradebook names that look like formulas stay text', async () => {
		const a = await assignment();
		const s = await student(a, '=HYPERLINK("http://x","y")');
		await s.answer(first('single-choice'), 'right');
		await s.hand();
		const text = await gradebookCsv(db.repo, module, a);
		const [, row] = Papa.parse<string[]>(text.trim()).data;
		expect(row![0]).toBe(`'=HYPERLINK("http://x","y")`);
		expect(text.split('\r\n')).toHaveLength(2);
	});

	it("a teacher's comment reaches the student's report, is edited and removed; bad comments get a 400", async () => {
		const a = await assignment();
		const s = await student(a, 'Dee');
		await s.answer(first('single-choice'), 'right');
		await s.hand();
		const studentId = s.attempt.studentId;
		const comment = (text: string) => studentAction(db.repo, a, 'comment', form({ student: studentId, comment: text }));
		expect((await s.report())?.comment).toBeNull();

		expect(await comment('  Good work on the evidence.\r\n\r\n\r\nRead <b>paragraph 3</b> again.  ')).toEqual({
			ok: true,
			name: 'Dee'
		});
		expect((await s.report())?.comment).toEqual({
			text: 'Good work on the evidence.\n\nRead <b>paragraph 3</b> again.',
			updatedAt: now.toISOString()
		});
		expect((await resultsView(db.repo, module, a, now)).comments).toEqual([
			{ studentId, text: 'Good work on the evidence.\n\nRead <b>paragraph 3</b> again.', updatedAt: now.toISOString() }
		]);
		await comment('Better now.');
		expect((await s.report())?.comment?.text).toBe('Better now.');

		for (const bad of ['   ', 'x'.repeat(COMMENT_MAX + 1), 'a\u202Eb', '\u200B\u200B']) {
			expect(await comment(bad)).toMatchObject({ ok: false, status: 400 });
		}
		expect(await comment('x'.repeat(COMMENT_MAX))).toMatchObject({ ok: true });
		expect(await studentAction(db.repo, a, 'comment', form({ student: studentId }))).toMatchObject({ status: 400 });
		const other = await assignment();
		expect(await studentAction(db.repo, other, 'comment', form({ student: studentId, comment: 'Hi' }))).toMatchObject({
			ok: false,
			status: 404
		});

		expect(await studentAction(db.repo, a, 'uncomment', form({ student: studentId }))).toEqual({
			ok: true,
			name: 'Dee'
		});
		expect((await s.report())?.comment).toBeNull();
		expect(await db.repo.listStudentComments(a.id)).toEqual([]);
	});

	it('removing a student asks for confirmation, then takes every attempt, answer and comment of theirs', async () => {
		const a = await assignment();
		const eve = await student(a, 'Eve');
		const fay = await student(a, 'Fay');
		await eve.answer(first('single-choice'), 'right');
		await fay.answer(first('single-choice'), 'right');
		await studentAction(db.repo, a, 'comment', form({ student: eve.attempt.studentId, comment: 'Hi' }));
		const remove = (fields: Record<string, string>) => studentAction(db.repo, a, 'remove', form(fields));
		expect(await remove({ student: eve.attempt.studentId })).toMatchObject({ ok: false, status: 400 });
		expect(await remove({ student: 'nobody', confirm: 'yes' })).toMatchObject({ ok: false, status: 400 });
		expect(await remove({ student: eve.attempt.studentId, confirm: 'yes' })).toEqual({
			ok: true,
			name: 'Eve',
			removed: { attempts: 1, answers: 1 }
		});
		expect(await remove({ student: eve.attempt.studentId, confirm: 'yes' })).toMatchObject({ status: 404 });
		expect((await db.repo.listAttempts(a.id)).map((x) => x.displayName)).toEqual(['Fay']);
		expect(await db.repo.listStudentComments(a.id)).toEqual([]);
		expect(await db.repo.getStudent(eve.attempt.studentId)).toBeUndefined();
	});

	it('migration 0010 adds the table of comments, which goes with its student, and takes it away again', async () => {
		const opened = await openDatabase(await target.fresh());
		try {
			const tables = async () => (await opened.db.introspection.getTables()).map((t) => t.name);
			expect(await tables()).toContain('student_comments');
			const names = Object.keys(migrations).sort();
			const before = names[names.indexOf('0010_student_comments') - 1]!;
			const migrator = new Migrator({ db: opened.db, provider: new CodeMigrationProvider() });
			expect((await migrator.migrateTo(before)).error).toBeUndefined();
			expect(await tables()).not.toContain('student_comments');
			expect((await migrator.migrateToLatest()).error).toBeUndefined();
			expect(await tables()).toContain('student_comments');
		} finally {
			await opened.close();
		}
	});

	it('a comment stays through a reset and goes when all the class data is deleted', async () => {
		const a = await assignment();
		const gil = await student(a, 'Gil');
		const id = gil.attempt.studentId;
		await studentAction(db.repo, a, 'comment', form({ student: id, comment: 'Keep going.' }));
		expect(await studentAction(db.repo, a, 'reset', form({ student: id, confirm: 'yes' }))).toMatchObject({ ok: true });
		expect((await db.repo.listStudentComments(a.id)).map((c) => c.text)).toEqual(['Keep going.']);
		await db.repo.deleteAssignmentData(a.id);
		expect(await db.repo.listStudentComments(a.id)).toEqual([]);
	});

	it("the gradebook takes a student's latest submitted attempt, not one still in progress", async () => {
		const a = await assignment();
		const hal = await student(a, 'Hal');
		const sc = first('single-choice');
		await hal.answer(sc, 'right');
		await hal.hand();
		expect(await studentAction(db.repo, a, 'allow', form({ student: hal.attempt.studentId }))).toMatchObject({
			ok: true
		});
		// A second attempt from the same device, begun and not handed in: the first still counts.
		const second = await startOrResume(
			db.repo,
			module,
			a,
			{ action: 'start', attemptId: randomUUID(), deviceToken: hal.token, name: 'Hal' },
			now
		);
		expect(second.attempt.number).toBe(2);
		const gradebook = async () => gradebookRows(await view(a)).rows;
		expect(await gradebook()).toEqual([['Hal', sc.points, expect.any(Number), expect.any(Number), now.toISOString()]]);
		// Handed in with nothing right: now the second one counts.
		await submit(db.repo, module, a, { attemptId: second.attempt.id, deviceToken: hal.token }, now);
		expect(await gradebook()).toEqual([['Hal', 0, expect.any(Number), 0, now.toISOString()]]);
	});
});
