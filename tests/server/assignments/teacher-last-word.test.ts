/**
 * The teacher has the last word, on both databases: a mark on one student's answer changes that
 * student's total, the class statistics, the CSV and the student's report, and removing it restores
 * them; an answer accepted for everyone regrades the answers already given and grades later ones;
 * bad forms get a 4xx.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AssignmentSettings } from '../../../src/lib/server/db/schema.ts';
import type { ResolvedQuestion } from '../../../src/lib/content/module.ts';
import { labelling } from '../../../src/lib/content/public.ts';
import type { Response } from '../../../src/lib/scoring/response.ts';
import type { GradeResult } from '../../../src/lib/scoring/types.ts';
import { questionPoints } from '../../../src/lib/scoring/score.ts';
import { effectiveModule, questionSeed } from '../../../src/lib/server/assignments/policy.ts';
import { csvRows, classResults, questionColumn } from '../../../src/lib/server/assignments/stats.ts';
import {
	classData,
	gradeAction,
	resultsView,
	resultsCsv,
	studentView,
	type GradeAction
} from '../../../src/lib/server/assignments/teacher.ts';
import { stopAccepting } from '../../../src/lib/server/assignments/stop-accepting.ts';
import { postgresTarget, sqliteTarget } from '../db/targets.ts';
import { firstSingleChoice, openWithPublicIds, settingsFrom, shippedModule } from '../db/suite-database.ts';

const now = new Date('2026-03-01T09:00:00Z');
const module = shippedModule();

type Of<T extends ResolvedQuestion['type']> = Extract<ResolvedQuestion, { type: T }>;
const question = <T extends ResolvedQuestion['type']>(id: string) => module.questions.find((q) => q.id === id) as Of<T>;
const singleChoice = () => firstSingleChoice(module);

const settings = settingsFrom({ feedback: 'after-submit', shuffle: true });

function form(fields: Record<string, string>): FormData {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.set(k, v);
	return data;
}

describe.each([sqliteTarget(), postgresTarget()])("the teacher's last word on $name", (target) => {
	const db = openWithPublicIds(module, now, target);

	const assignment = (over: Partial<AssignmentSettings> = {}) => db.newAssignment(settings(over));
	type A = Awaited<ReturnType<typeof assignment>>;

	async function student(a: A, name: string) {
		const { attempt, hand, report, ...s } = await db.startStudent(a, name);
		// The server numbers tries itself: a second call is the second try.
		const answer = (questionId: string, response: Response) =>
			s.answer(
				module.questions.find((x) => x.id === questionId)!,
				response
			) as Promise<GradeResult>;
		return { attempt, answer, hand, report };
	}

	/** The public label this attempt sees for the right (or a wrong) option. */
	function choice(a: A, seed: string, right: boolean): Response {
		const q = singleChoice();
		const options = labelling(q, questionSeed(a.settings, seed, q)).options;
		const id = q.options.find((o) => o.correct === right)!.id;
		return { type: 'single-choice', optionId: Object.entries(options).find(([, v]) => v === id)![0] };
	}

	const act = (action: GradeAction, a: A, fields: Record<string, string> | null) =>
		gradeAction(action, db.repo, module, a, fields ? form(fields) : null, now);

	async function classNow(a: A) {
		const data = await classData(db.repo, module, a);
		const results = classResults(module, a, data.attempts, data.answers, data.outcomes);
		return { ...data, results, csv: csvRows(module, results, data.outcomes) };
	}

	const answerOf = async (attemptId: string, questionId: string, tryNumber = 1) =>
		(await db.repo.listAnswers(attemptId)).find((x) => x.questionId === questionId && x.tryNumber === tryNumber)!;

	it('a mark changes the total, the statistics, the CSV and the report; removing it restores them', async () => {
		const a = await assignment();
		const q = singleChoice();
		const ana = await student(a, 'Ana');
		const ben = await student(a, 'Ben');
		await ana.answer(q.id, choice(a, ana.attempt.seed, false));
		await ben.answer(q.id, choice(a, ben.attempt.seed, true));
		await ana.hand();
		await ben.hand();
		const before = await classNow(a);
		const row = (c: typeof before, id: string) => c.results.rows.find((r) => r.attemptId === id)!;
		const cell = (c: typeof before, id: string, column: string) =>
			c.csv.rows[c.results.rows.findIndex((r) => r.attemptId === id)]![c.csv.header.indexOf(column)];
		expect(row(before, ana.attempt.id).score).toBe(0);
		expect(before.results.questions.find((x) => x.id === q.id)!.facility).toBe(0.5);

		const wrong = await answerOf(ana.attempt.id, q.id);
		expect(await act('mark', a, { answerId: wrong.id, mark: 'right' })).toMatchObject({
			ok: true,
			message: 'Marked right.'
		});
		const marked = await classNow(a);
		expect(row(marked, ana.attempt.id)).toMatchObject({ score: q.points, marked: 1 });
		expect(marked.results.questions.find((x) => x.id === q.id)!.facility).toBe(1);
		expect(row(marked, ana.attempt.id).percent).toBe(Math.round((q.points / marked.results.maxScore) * 100));
		expect(cell(marked, ana.attempt.id, questionColumn(q))).toBe(q.points);
		expect(cell(marked, ana.attempt.id, 'score')).toBe(q.points);
		expect(cell(marked, ana.attempt.id, 'questions_marked_by_teacher')).toBe(1);
		expect(await resultsCsv(db.repo, module, a)).toContain(`Ana,submitted,${q.points},`);
		const report = await ana.report();
		expect(report?.score).toBe(q.points);
		expect(report?.questions.find((x) => x.id === db.pid(q))).toMatchObject({
			decidedBy: 'teacher',
			result: { verdict: 'correct', points: q.points }
		});

		// Partly right, by a fraction of the question's points: both grades are on the student's page.
		expect(await act('mark', a, { answerId: wrong.id, mark: 'partly', points: '1/2' })).toMatchObject({ ok: true });
		const page = await studentView(db.repo, module, a, ana.attempt);
		expect(page.score).toBe(q.points / 2);
		expect(page.rows.find((r) => r.id === wrong.id)!.outcome).toMatchObject({
			machine: { verdict: 'incorrect', points: 0 },
			teacher: { verdict: 'partial', points: q.points / 2 },
			history: [{ mark: { verdict: 'correct', points: q.points } }]
		});

		expect(await act('unmark', a, { answerId: wrong.id })).toMatchObject({ ok: true });
		const restored = await classNow(a);
		expect(row(restored, ana.attempt.id)).toMatchObject({ score: 0, marked: 0 });
		expect(restored.results.questions.find((x) => x.id === q.id)!.facility).toBe(0.5);
		expect(cell(restored, ana.attempt.id, questionColumn(q))).toBe(0);
		expect((await ana.report())?.score).toBe(0);
		// Every step is kept; the machine's grade was never written over.
		expect((await db.repo.listOverrides(a.id)).map((o) => o.mark?.verdict ?? null)).toEqual([
			'correct',
			'partial',
			null
		]);
		expect(await answerOf(ana.attempt.id, q.id)).toEqual(wrong);
	});

	it('an answer accepted for everyone regrades the answers given, counts what changed, and grades later ones', async () => {
		const a = await assignment({ feedback: 'immediate', shuffle: false });
		const q = question<'short-answer'>('summit-city');
		const policy = effectiveModule(module, a.settings).scoring;
		const ana = await student(a, 'Ana');
		const ben = await student(a, 'Ben');
		const cy = await student(a, 'Cy');
		// Ana: wrong, then wrong again (out of tries). Ben: the same words otherwise written, one try left.
		expect((await ana.answer(q.id, { type: 'short-answer', text: 'the US capital' })).verdict).toBe('incorrect');
		expect(await ana.answer(q.id, { type: 'short-answer', text: 'Seoul' })).toMatchObject({
			final: true,
			points: 0
		});
		await ben.answer(q.id, { type: 'short-answer', text: 'US   Capital' });
		await cy.answer(q.id, { type: 'short-answer', text: 'Brussels' });
		const first = await answerOf(ana.attempt.id, q.id, 1);
		// The class page lists each student's deciding typed answer the key did not take.
		const typed = (await resultsView(db.repo, module, a, now)).typed.filter((t) => t.questionId === q.id);
		expect(typed.map((t) => [t.text, t.students]).sort()).toEqual([
			['Brussels', 1],
			['Seoul', 1],
			['US   Capital', 1]
		]);

		// Asked first: how many it changes, nothing stored yet.
		const asked = await act('accept', a, { answerId: first.id });
		expect(asked).toMatchObject({ ok: true, accept: { answers: 2, students: 2, done: false } });
		expect(asked.message).toContain('Accept “the US capital” for everyone?');
		expect(await db.repo.listAcceptedAnswers(a.id)).toEqual([]);

		const done = await act('accept', a, { answerId: first.id, confirm: 'yes' });
		expect(done).toMatchObject({ ok: true, accept: { answers: 2, students: 2, done: true } });
		expect(done.message).toBe('Accepted “the US capital” for everyone: 2 answers of 2 students changed.');
		const full = questionPoints({ points: q.points, credit: 1, tryNumber: 1, hintsUsed: 0, revealed: false }, policy);
		const after = await classNow(a);
		const score = (id: string) => after.results.rows.find((r) => r.attemptId === id)!.score;
		// Ana's first try now ends the question, with first-try points; her second try no longer counts.
		expect(score(ana.attempt.id)).toBe(full);
		expect(score(ben.attempt.id)).toBe(full);
		expect(score(cy.attempt.id)).toBe(0);
		expect(after.results.questions.find((x) => x.id === q.id)!.facility).toBe(0.67);
		expect(after.outcomes.get(ana.attempt.id)!.get(q.id)).toMatchObject({
			answerId: first.id,
			machine: { verdict: 'incorrect', points: 0 },
			accepted: { verdict: 'correct', points: full, tryNumber: 1 }
		});
		// Nothing stored was written over.
		expect(await answerOf(ana.attempt.id, q.id, 1)).toEqual(first);

		const view = await resultsView(db.repo, module, a, now);
		expect(view.typed.map((t) => t.text).sort()).toEqual(['Brussels']);
		expect(view.accepted).toEqual([expect.objectContaining({ questionId: q.id, shown: 'the US capital' })]);

		// A later answer in the same words is right at once, and final.
		const dee = await student(a, 'Dee');
		expect(await dee.answer(q.id, { type: 'short-answer', text: 'The us capital.' })).toMatchObject({
			verdict: 'correct',
			final: true,
			points: full,
			feedback: ['Your teacher accepts this answer.']
		});
		// Accepting it again has nothing to add.
		expect(await act('accept', a, { answerId: first.id, confirm: 'yes' })).toMatchObject({ ok: false, status: 409 });
		// Another assignment on the same lesson keeps its own key.
		const other = await assignment({ feedback: 'immediate', shuffle: false });
		const eve = await student(other, 'Eve');
		expect((await eve.answer(q.id, { type: 'short-answer', text: 'the US capital' })).verdict).toBe('incorrect');
	});

	it('a cloze blank is accepted blank by blank, for the answers given and the later ones', async () => {
		const a = await assignment({ feedback: 'after-submit' });
		const q = question<'cloze'>('marriage-of-convenience');
		const ana = await student(a, 'Ana');
		await ana.answer(q.id, { type: 'cloze', blanks: { b1: 'benefit', b2: 'aid and supplies' } });
		await ana.hand();
		const given = await answerOf(ana.attempt.id, q.id);
		expect(given.credit).toBe(0.5);
		// Only a blank of the answer can be asked for; the drop-down blank is right already.
		expect(await act('accept', a, { answerId: given.id, part: 'b1', confirm: 'yes' })).toMatchObject({
			ok: false,
			status: 409
		});
		expect((await resultsView(db.repo, module, a, now)).typed).toEqual([
			expect.objectContaining({ questionId: q.id, part: 'b2', text: 'aid and supplies', answerId: given.id })
		]);
		const done = await act('accept', a, { answerId: given.id, part: 'b2', confirm: 'yes' });
		expect(done).toMatchObject({ ok: true, accept: { shown: 'b2: aid and supplies', answers: 1, students: 1 } });
		expect((await db.repo.listAcceptedAnswers(a.id)).map((x) => [x.part, x.key])).toEqual([['b2', 'aid and supplies']]);
		expect((await ana.report())?.questions.find((x) => x.id === db.pid(q))).toMatchObject({
			decidedBy: 'accepted',
			result: { verdict: 'correct', points: q.points, marks: { k1: true, k2: true } }
		});
		// Later: the accepted blank is right, the other blank still graded by the key.
		const ben = await student(a, 'Ben');
		await ben.answer(q.id, { type: 'cloze', blanks: { b1: 'hide', b2: 'Aid and supplies!' } });
		// The stored row keeps the key's own grade; the accepted blank counts as a layer above it.
		expect((await answerOf(ben.attempt.id, q.id)).credit).toBe(0);
		await ben.hand();
		expect((await ben.report())?.questions.find((x) => x.id === db.pid(q))?.result).toMatchObject({
			verdict: 'partial',
			marks: { k1: false, k2: true }
		});
	});

	it('an accepted answer covers trivially different wordings; stopping accepting regrades them all back', async () => {
		const a = await assignment({ feedback: 'immediate', shuffle: false, triesPerQuestion: 1 });
		const q = question<'short-answer'>('summit-city');
		const ana = await student(a, 'Ana');
		expect((await ana.answer(q.id, { type: 'short-answer', text: 'the US capital city' })).points).toBe(0);
		const given = await answerOf(ana.attempt.id, q.id);
		expect(await act('accept', a, { answerId: given.id, confirm: 'yes' })).toMatchObject({ ok: true });
		const later = async (name: string, text: string) => {
			const s = await student(a, name);
			return { s, result: await s.answer(q.id, { type: 'short-answer', text }) };
		};
		// A typo, a plural, case, punctuation and a missing article are the same answer…
		const trivial: [string, string][] = [
			['Ben', 'US capitol city'],
			['Cy', 'The U.S. Capital Cities!']
		];
		for (const [name, text] of trivial) {
			expect((await later(name, text)).result, text).toMatchObject({
				verdict: 'correct',
				feedback: ['Your teacher accepts this answer.']
			});
		}
		// …but sharing words, or adding some, is not.
		expect((await later('Dee', 'the capital city')).result.verdict).toBe('incorrect');
		expect((await later('Eve', 'the US capital city of Korea')).result.verdict).toBe('incorrect');
		const scores = async () => Object.fromEntries((await classNow(a)).results.rows.map((r) => [r.name, r.score]));
		const before = await scores();
		expect(Object.values(before).filter((x) => x > 0)).toHaveLength(3);

		// Stop accepting: asked first, nothing changed; then every one of the three goes back to the key's grade.
		const [entry] = await db.repo.listAcceptedAnswers(a.id);
		const stop = (fields: Record<string, string> | null) =>
			stopAccepting(db.repo, module, a, fields ? form(fields) : null);
		const asked = await stop({ acceptedId: entry!.id });
		expect(asked).toMatchObject({ ok: true, done: false, answers: 3, students: 3 });
		expect(asked.ok && asked.message).toBe(
			'Stop accepting “the US capital city”? This regrades 3 answers of 3 students by the key again now, and later answers are graded without it.'
		);
		expect(await db.repo.listAcceptedAnswers(a.id)).toHaveLength(1);
		const done = await stop({ acceptedId: entry!.id, confirm: 'yes' });
		expect(done).toMatchObject({ ok: true, done: true, answers: 3, students: 3 });
		expect(Object.values(await scores()).every((x) => x === 0)).toBe(true);
		expect((await resultsView(db.repo, module, a, now)).accepted).toEqual([]);
		expect((await later('Fay', 'the US capital city')).result.verdict).toBe('incorrect');
		// Gone already, or not a form of ours: a 4xx, nothing changes.
		expect(await stop({ acceptedId: entry!.id, confirm: 'yes' })).toMatchObject({ ok: false, status: 404 });
		expect(await stop({ acceptedId: 'x' })).toMatchObject({ ok: false, status: 400 });
		expect(await stop(null)).toMatchObject({ ok: false, status: 400 });
	});

	it('bad forms get a 4xx and change nothing', async () => {
		const a = await assignment({ feedback: 'immediate', shuffle: false });
		const q = question<'short-answer'>('summit-city');
		const ana = await student(a, 'Ana');
		await ana.answer(q.id, { type: 'short-answer', text: 'Brussels' });
		await ana.answer(q.id, { type: 'short-answer', text: 'Washington' });
		const first = await answerOf(ana.attempt.id, q.id, 1);
		const last = await answerOf(ana.attempt.id, q.id, 2);
		const elsewhere = await assignment();
		const cases: [GradeAction, Record<string, string> | null, number][] = [
			['mark', null, 400],
			['mark', { answerId: last.id, mark: 'maybe' }, 400],
			['mark', { answerId: 'not-an-id', mark: 'right' }, 400],
			['mark', { answerId: last.id, mark: 'partly' }, 400],
			['mark', { answerId: last.id, mark: 'partly', points: 'lots' }, 400],
			['mark', { answerId: last.id, mark: 'partly', points: String(q.points) }, 422],
			['mark', { answerId: last.id, mark: 'partly', points: '0%' }, 422],
			['mark', { answerId: last.id, mark: 'right', extra: 'x' }, 400],
			['mark', { answerId: randomUUID(), mark: 'right' }, 404],
			// Only the answer that decides the question is marked.
			['mark', { answerId: first.id, mark: 'right' }, 409],
			['unmark', { answerId: last.id }, 409],
			['accept', { answerId: last.id, confirm: 'yes' }, 409],
			['accept', { answerId: first.id, confirm: 'sure' }, 400]
		];
		for (const [action, fields, status] of cases) {
			expect(await act(action, a, fields), `${action} ${JSON.stringify(fields)}`).toMatchObject({ ok: false, status });
		}
		expect(
			await gradeAction('mark', db.repo, module, elsewhere, form({ answerId: last.id, mark: 'right' }), now)
		).toMatchObject({ ok: false, status: 404 });
		// On another student's page, this student's answers are not found.
		const ben = await student(a, 'Ben');
		expect(
			await gradeAction('mark', db.repo, module, a, form({ answerId: last.id, mark: 'right' }), now, ben.attempt.id)
		).toMatchObject({ ok: false, status: 404 });
		expect(await db.repo.listOverrides(a.id)).toEqual([]);
		expect(await db.repo.listAcceptedAnswers(a.id)).toEqual([]);
	});
});
