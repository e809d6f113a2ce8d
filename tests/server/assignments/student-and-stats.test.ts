/**
 * The student service and class statistics over a real SQLite database (in memory) and the first
 * module: answers stored once, device checks, held-back feedback, hints off, submission, and the
 * teacher's facility, discrimination, distractors and heat map.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AssignmentSettings } from '../../../src/lib/server/db/schema.ts';
import type { ResolvedQuestion } from '../../../src/lib/content/module.ts';
import { labelling } from '../../../src/lib/content/public.ts';
import type { GradeResult } from '../../../src/lib/scoring/types.ts';
import { saveAnswer, startOrResume, submit, type AnswerBody } from '../../../src/lib/server/assignments/student.ts';
import { classResults, csvRows, questionColumn } from '../../../src/lib/server/assignments/stats.ts';
import { questionSeed } from '../../../src/lib/server/assignments/policy.ts';
import { outcomesFor } from '../../../src/lib/server/assignments/outcomes.ts';
import { classData } from '../../../src/lib/server/assignments/teacher.ts';
import { firstSingleChoice, openWithPublicIds, settingsFrom, shippedModule } from '../db/suite-database.ts';

const now = new Date('2026-03-01T09:00:00Z');
const module = shippedModule();
const db = openWithPublicIds(module, now);
const { pid } = db;

const settings = settingsFrom();

const assignment = (over: Partial<AssignmentSettings> = {}) => db.newAssignment(settings(over));

const singleChoice = () => firstSingleChoice(module);

/** The public label of an option for an attempt (through the same labelling the server uses). */
function labelOf(
	a: { settings: AssignmentSettings },
	seed: string,
	q: Extract<ResolvedQuestion, { type: 'single-choice' }>,
	correct: boolean
) {
	const options = labelling(q, questionSeed(a.settings, seed, q)).options;
	const id = q.options.find((o) => o.correct === correct)!.id;
	return Object.entries(options).find(([, v]) => v === id)![0];
}

const student = db.startStudent;

type AnswerAction = Extract<AnswerBody, { action: 'answer' }>;

function answer(attemptId: string, token: string, optionId: string, over: Partial<AnswerAction> = {}): AnswerAction {
	return {
		action: 'answer',
		answerId: randomUUID(),
		attemptId,
		deviceToken: token,
		questionId: pid(singleChoice()),
		response: { type: 'single-choice', optionId },
		...over
	};
}

/** Save an answer or a reveal and return the grade (the test never asks for hints here). */
const graded = (body: AnswerBody) => saveAnswer(db.repo, module, currentAssignment!, body, now) as Promise<GradeResult>;
let currentAssignment: Awaited<ReturnType<typeof assignment>> | null = null;

const statusOf = async (p: Promise<unknown>) =>
	p.then(
		() => 200,
		(e: { status?: number }) => e.status ?? 500
	);

describe('answers', () => {
	it('a repeated post is stored once and gets the stored result back', async () => {
		const a = (currentAssignment = await assignment());
		const s = await student(a, 'Ana');
		const body = answer(s.attempt.id, s.token, labelOf(a, s.attempt.seed, singleChoice(), true));
		const first = await graded(body);
		const again = await graded(body);
		// The same answer under a new id once the question is over: refused, nothing stored.
		expect(await statusOf(graded({ ...body, answerId: randomUUID() }))).toBe(409);
		expect(first.verdict).toBe('correct');
		expect(again).toEqual(first);
		expect(await db.repo.listAnswers(s.attempt.id)).toHaveLength(1);
	});

	it('"Show the answer" after a wrong try is stored as its own final answer worth 0, once', async () => {
		const a = (currentAssignment = await assignment({ triesPerQuestion: 3 }));
		const s = await student(a, 'Ines');
		const wrong = answer(s.attempt.id, s.token, labelOf(a, s.attempt.seed, singleChoice(), false));
		const tried = await graded(wrong);
		expect(tried).toMatchObject({ verdict: 'incorrect', final: false, triesLeft: 2, solution: null });

		// The reveal follows the try the server numbered; the browser sends no number.
		const reveal: AnswerBody = {
			action: 'reveal',
			answerId: randomUUID(),
			attemptId: s.attempt.id,
			deviceToken: s.token,
			questionId: pid(singleChoice())
		};
		const shown = await graded(reveal);
		expect(shown).toMatchObject({ tryNumber: 1, revealed: true, final: true, points: 0, triesLeft: 0 });
		expect(shown.solution).not.toBeNull();
		expect(shown.explanation).not.toBeNull();

		// Posted again, under its id or a new one: the same result, stored once.
		expect(await graded(reveal)).toEqual(shown);
		expect(await graded({ ...reveal, answerId: randomUUID() })).toEqual(shown);
		// The graded try still answers for itself under its id.
		expect(await graded(wrong)).toEqual(tried);

		const stored = await db.repo.listAnswers(s.attempt.id);
		expect(stored.map((x) => [x.tryNumber, x.revealed, x.final, x.points])).toEqual([
			[1, false, false, null],
			[1, true, true, 0]
		]);
		const [summary] = await db.repo.listAttempts(a.id);
		expect(summary).toMatchObject({ answerCount: 2, finishedCount: 1, points: 0 });
		const results = classResults(module, a, [summary!], stored);
		expect(results.rows[0]).toMatchObject({ finished: 1, score: 0 });
		// The first try, not the reveal, counts for the question's facility.
		expect(results.questions.find((q) => q.id === singleChoice().id)).toMatchObject({ answered: 1, facility: 0 });
		const { header, rows } = csvRows(module, results, outcomesFor(module, a, [summary!], stored, [], []));
		expect(rows[0]![header.indexOf(questionColumn(singleChoice()))]).toBe(0);
		expect(rows[0]![header.indexOf('questions_finished')]).toBe(1);
	});

	it('answers only for the device that started the attempt, while open and not submitted', async () => {
		const a = await assignment();
		const s = await student(a, 'Ben');
		const right = labelOf(a, s.attempt.seed, singleChoice(), true);
		expect(
			await statusOf(saveAnswer(db.repo, module, a, answer(s.attempt.id, 'another-device-token-xyz', right), now))
		).toBe(404);
		const other = await assignment();
		expect(await statusOf(saveAnswer(db.repo, module, other, answer(s.attempt.id, s.token, right), now))).toBe(404);
		await submit(db.repo, module, a, { attemptId: s.attempt.id, deviceToken: s.token }, now);
		expect(await statusOf(saveAnswer(db.repo, module, a, answer(s.attempt.id, s.token, right), now))).toBe(409);
	});

	it('held-back feedback says nothing about right or wrong but stores the grade', async () => {
		const a = await assignment({ feedback: 'after-submit' });
		const s = await student(a, 'Dara');
		const result = await saveAnswer(
			db.repo,
			module,
			a,
			answer(s.attempt.id, s.token, labelOf(a, s.attempt.seed, singleChoice(), true)),
			now
		);
		expect(result).toMatchObject({
			final: true,
			points: null,
			solution: null,
			explanation: null,
			feedback: [],
			marks: {}
		});
		const [stored] = await db.repo.listAnswers(s.attempt.id);
		expect(stored).toMatchObject({ verdict: 'correct', final: true, points: singleChoice().points });
		const view = await submit(db.repo, module, a, { attemptId: s.attempt.id, deviceToken: s.token }, now);
		expect(view.report?.score).toBe(singleChoice().points);
	});

	it('on-release results appear only after the teacher releases them', async () => {
		const a = await assignment({ feedback: 'on-release' });
		const s = await student(a, 'Eli');
		const view = await submit(db.repo, module, a, { attemptId: s.attempt.id, deviceToken: s.token }, now);
		expect(view.report).toBeNull();
		const released = (await db.repo.updateAssignment(a.id, { releasedAt: now.toISOString() }))!;
		const again = await startOrResume(db.repo, module, released, { action: 'resume', deviceToken: s.token }, now);
		expect(again.report?.score).toBe(0);
	});

	it('hints turned off: the public module has none and asking for one is refused', async () => {
		const a = await assignment({ hintsEnabled: false });
		const s = await student(a, 'Fin');
		expect(s.view.module.questions.every((q) => q.hintCount === 0)).toBe(true);
		const body: AnswerBody = {
			action: 'hint',
			hint: 1,
			attemptId: s.attempt.id,
			deviceToken: s.token,
			questionId: pid(singleChoice())
		};
		expect(await statusOf(saveAnswer(db.repo, module, a, body, now))).toBe(403);
	});

	it('the same device resumes its attempt instead of starting another', async () => {
		const a = await assignment();
		const s = await student(a, 'Gus');
		const again = await startOrResume(
			db.repo,
			module,
			a,
			{ action: 'start', attemptId: randomUUID(), deviceToken: s.token, name: ' GUS ' },
			now
		);
		expect(again.attempt.id).toBe(s.attempt.id);
		expect(await db.repo.listAttempts(a.id)).toHaveLength(1);
	});
});

describe('class statistics', () => {
	it('facility, discrimination, distractors, heat and CSV rows from five students', async () => {
		const a = await assignment({ shuffle: true });
		const q = singleChoice();
		// Three right at the first try, two wrong: facility 0.6.
		const plan = [true, true, true, false, false];
		for (const [i, right] of plan.entries()) {
			const s = await student(a, `=Student ${i}`);
			await saveAnswer(db.repo, module, a, answer(s.attempt.id, s.token, labelOf(a, s.attempt.seed, q, right)), now);
		}
		const results = classResults(
			module,
			a,
			await db.repo.listAttempts(a.id),
			await db.repo.listAnswersForAssignment(a.id)
		);
		const stat = results.questions.find((x) => x.id === q.id)!;
		expect(stat.answered).toBe(5);
		expect(stat.facility).toBe(0.6);
		// Scores follow the answer, so the top group is right and the bottom wrong.
		expect(stat.discrimination).toBe(1);
		const key = stat.distractors!.find((d) => d.correct)!;
		expect(key.count).toBe(3);
		expect(stat.distractors!.filter((d) => !d.correct).reduce((n, d) => n + d.count, 0)).toBe(2);
		const sentence = q.resolved.explanation[0]!.sentences[0]!;
		expect(results.heat.find((h) => h.id === sentence)).toMatchObject({ misses: 2, opportunities: 5 });
		// The chart counts submitted attempts only: nobody has submitted yet.
		expect(results.distribution.reduce((n, x) => n + x, 0)).toBe(0);
		const csv = csvRows(module, results, (await classData(db.repo, module, a)).outcomes);
		expect(csv.rows).toHaveLength(5);
		expect(csv.header).toContain(questionColumn(q));
		expect(questionColumn(q)).toBe(`q:${q.id} (max ${q.points}): ${q.prompt}`);
	});

	it('true/false/not-stated questions are named by their statement and count first-try choices', async () => {
		const a = await assignment();
		const q = module.questions.find((x) => x.type === 'true-false-not-stated') as Extract<
			ResolvedQuestion,
			{ type: 'true-false-not-stated' }
		>;
		const wrong = q.answer === 'true' ? 'false' : 'true';
		const choices = [q.answer, q.answer, wrong] as const;
		const students = [];
		for (const [i, choice] of choices.entries()) {
			const s = await student(a, `Reader ${i}`);
			students.push(s);
			await saveAnswer(
				db.repo,
				module,
				a,
				answer(s.attempt.id, s.token, '', {
					questionId: pid(q),
					response: { type: 'true-false-not-stated', choice }
				}),
				now
			);
		}
		await submit(db.repo, module, a, { attemptId: students[0]!.attempt.id, deviceToken: students[0]!.token }, now);
		const results = classResults(
			module,
			a,
			await db.repo.listAttempts(a.id),
			await db.repo.listAnswersForAssignment(a.id)
		);
		const stat = results.questions.find((x) => x.id === q.id)!;
		expect(stat.prompt).toContain(q.statement);
		expect(stat.distractors).toEqual([
			{ id: 'true', text: 'True', correct: q.answer === 'true', count: choices.filter((c) => c === 'true').length },
			{ id: 'false', text: 'False', correct: q.answer === 'false', count: choices.filter((c) => c === 'false').length },
			{ id: 'not-stated', text: 'Not stated', correct: q.answer === 'not-stated', count: 0 }
		]);
		// One submitted attempt in the chart; the two still working are not counted as low scores.
		expect(results.distribution.reduce((n, x) => n + x, 0)).toBe(1);
	});
});
