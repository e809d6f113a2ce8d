/**
 * Who a student is and when an assignment takes work, through the student and teacher services,
 * on SQLite and on PostgreSQL: a name with a resume code, another device with and without it,
 * 20 simultaneous starts, the teacher's extra attempt and reset, hand-ins after closing or the due
 * time, and answers held up by the network around the deadline's grace period.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Assignment } from '../../../src/lib/server/db/repository.ts';
import type { AssignmentSettings } from '../../../src/lib/server/db/schema.ts';
import { labelling } from '../../../src/lib/content/public.ts';
import type { GradeResult } from '../../../src/lib/scoring/types.ts';
import {
	CODE_REQUIRED,
	saveAnswer,
	startOrResume,
	submit,
	type AnswerBody
} from '../../../src/lib/server/assignments/student.ts';
import { GRACE_MINUTES, questionSeed } from '../../../src/lib/server/assignments/policy.ts';
import { resultsView, studentAction } from '../../../src/lib/server/assignments/teacher.ts';
import { postgresTarget, sqliteTarget } from '../db/targets.ts';
import {
	deviceToken,
	firstSingleChoice,
	openWithPublicIds,
	settingsFrom,
	shippedModule
} from '../db/suite-database.ts';

const now = new Date('2026-03-01T09:00:00Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
const module = shippedModule();

const settings = settingsFrom();

const singleChoice = () => firstSingleChoice(module);

/** What a refused call was refused with (status and body), or 200. */
async function refusal(p: Promise<unknown>): Promise<{ status: number; body?: { message: string; reason?: string } }> {
	return p.then(
		() => ({ status: 200 }),
		(e: { status?: number; body?: { message: string; reason?: string } }) => ({ status: e.status ?? 500, body: e.body })
	);
}

describe.each([sqliteTarget(), postgresTarget()])('students and deadlines on $name', (target) => {
	const db = openWithPublicIds(module, now, target);

	const assignment = (over: Partial<AssignmentSettings> = {}) => db.newAssignment(settings(over));

	const device = deviceToken;

	function start(a: Assignment, name: string, token: string, resumeCode?: string, at = now) {
		return startOrResume(
			db.repo,
			module,
			a,
			{ action: 'start', attemptId: randomUUID(), deviceToken: token, name, ...(resumeCode ? { resumeCode } : {}) },
			at
		);
	}

	function rightAnswer(a: Assignment, attemptId: string, seed: string, token: string): AnswerBody {
		const q = singleChoice();
		const options = labelling(q, questionSeed(a.settings, seed, q)).options;
		const id = q.options.find((o) => o.correct)!.id;
		const label = Object.entries(options).find(([, v]) => v === id)![0];
		return {
			action: 'answer',
			answerId: randomUUID(),
			attemptId,
			deviceToken: token,
			questionId: db.pid(q),
			response: { type: 'single-choice', optionId: label }
		};
	}

	/** The class row of a student's latest attempt. */
	const rowOf = async (a: Assignment, name: string) =>
		(await resultsView(db.repo, module, a, now)).results.rows
			.filter((r) => r.name === name)
			.sort((p, q) => q.attemptNumber - p.attemptNumber)[0];

	it('a student continues on another device with the resume code they were shown', async () => {
		const a = await assignment();
		const phone = device();
		const first = await start(a, 'Ana María', phone);
		expect(first.resumeCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{3}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{3}$/);
		const attempt = (await db.repo.getAttempt(first.attempt.id))!;
		await saveAnswer(db.repo, module, a, rightAnswer(a, attempt.id, attempt.seed, phone), now);

		// The laptop types the name another way and the code in lower case without its dash.
		const laptop = device();
		const typed = first.resumeCode!.replace('-', '').toLowerCase();
		const there = await start(a, '  ana   MARÍA ', laptop, typed);
		expect(there.attempt.id).toBe(first.attempt.id);
		expect(there.resumeCode).toBeNull();
		// The laptop gets the question answered on the phone as finished, with its grade and answer.
		const q = singleChoice();
		const sent = rightAnswer(a, attempt.id, attempt.seed, phone);
		const answered = sent.action === 'answer' ? sent.response : null;
		expect(Object.keys(there.progress)).toEqual([db.pid(q)]);
		expect(there.progress[db.pid(q)]).toMatchObject({
			tries: 1,
			verdict: 'correct',
			points: q.points,
			firstTryCorrect: true,
			response: answered,
			result: { questionId: db.pid(q), final: true }
		});
		expect(JSON.stringify(there.progress)).not.toContain(`"${q.id}"`);
		// Both devices now act for the student: answers and resuming from either.
		const resumed = await startOrResume(db.repo, module, a, { action: 'resume', deviceToken: laptop }, now);
		expect(resumed.attempt.id).toBe(first.attempt.id);
		const view = await submit(db.repo, module, a, { attemptId: first.attempt.id, deviceToken: laptop }, now);
		expect(view.report?.score).toBe(singleChoice().points);
		expect((await resultsView(db.repo, module, a, now)).results.rows).toHaveLength(1);
	});

	it('with feedback held back, another device learns which questions are finished and nothing of their grades', async () => {
		const a = await assignment({ feedback: 'after-submit' });
		const phone = device();
		const first = await start(a, 'Bea', phone);
		const attempt = (await db.repo.getAttempt(first.attempt.id))!;
		await saveAnswer(db.repo, module, a, rightAnswer(a, attempt.id, attempt.seed, phone), now);
		const there = await start(a, 'Bea', device(), first.resumeCode!);
		const outcome = there.progress[db.pid(singleChoice())];
		expect(outcome).toMatchObject({ verdict: 'incorrect', points: 0, credit: 0, firstTryCorrect: false });
		expect(outcome?.result).toMatchObject({ points: null, solution: null, explanation: null, feedback: [] });
	});

	it('the same name from a new device without the code is refused, and the teacher sees it flagged', async () => {
		const a = await assignment({ feedback: 'on-release' });
		const phone = device();
		const first = await start(a, 'Bo', phone);
		await submit(db.repo, module, a, { attemptId: first.attempt.id, deviceToken: phone }, now);
		await db.repo.updateAssignment(a.id, { releasedAt: now.toISOString() });
		const released = (await db.repo.getAssignment(a.id))!;

		const stranger = await refusal(start(released, 'bo\u200b', device()));
		expect(stranger).toEqual({ status: 409, body: { message: CODE_REQUIRED, reason: 'code-required' } });
		const guessed = await refusal(start(released, 'Bo', device(), 'ABC-DEF'));
		expect(guessed.status).toBe(409);
		expect(guessed.body?.message).toMatch(/does not match/);
		expect(await rowOf(released, 'Bo')).toMatchObject({ flaggedStarts: 2, lastFlaggedAt: now.toISOString() });
		// Still one row: no duplicate, and the released answers stay with the one student.
		expect((await resultsView(db.repo, module, released, now)).results.rows).toHaveLength(1);
	});

	it('20 simultaneous starts give exactly one attempt, from one device or from 20', async () => {
		const a = await assignment();
		const one = device();
		const sameDevice = await Promise.allSettled(Array.from({ length: 20 }, () => start(a, 'Cy', one)));
		expect(new Set(sameDevice.map((r) => r.status === 'fulfilled' && r.value.attempt.id)).size).toBe(1);
		const manyDevices = await Promise.allSettled(Array.from({ length: 20 }, () => start(a, 'Di', device())));
		expect(manyDevices.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(manyDevices.filter((r) => r.status === 'rejected' && r.reason.status === 409)).toHaveLength(19);
		const rows = (await resultsView(db.repo, module, a, now)).results.rows;
		expect(rows.map((r) => r.name).sort()).toEqual(['Cy', 'Di']);
		expect(rows.find((r) => r.name === 'Di')?.flaggedStarts).toBe(19);
	}, 60_000);

	it('20 simultaneous starts with the code after each hand-in give exactly the limit of 2', async () => {
		const a = await assignment({ attemptsAllowed: 2 });
		const phone = device();
		const first = await start(a, 'Eve', phone);
		for (let round = 0; round < 3; round++) {
			const current = await startOrResume(db.repo, module, a, { action: 'resume', deviceToken: phone }, now);
			await submit(db.repo, module, a, { attemptId: current.attempt.id, deviceToken: phone }, now);
			await Promise.allSettled(Array.from({ length: 20 }, () => start(a, 'Eve', device(), first.resumeCode!)));
		}
		const rows = (await resultsView(db.repo, module, a, now)).results.rows;
		expect(rows.map((r) => r.attemptNumber).sort()).toEqual([1, 2]);
		const last = await start(a, 'Eve', phone);
		expect(last).toMatchObject({ attempt: { number: 2 }, attemptsLeft: 0 });
	}, 60_000);

	it('the teacher allows one more attempt, and refuses bad or foreign students with a 4xx', async () => {
		const a = await assignment();
		const phone = device();
		const first = await start(a, 'Fin', phone);
		await submit(db.repo, module, a, { attemptId: first.attempt.id, deviceToken: phone }, now);
		expect((await start(a, 'Fin', phone)).attempt.id).toBe(first.attempt.id);

		const row = (await rowOf(a, 'Fin'))!;
		const form = (entries: Record<string, string>) => {
			const f = new FormData();
			for (const [k, v] of Object.entries(entries)) f.set(k, v);
			return f;
		};
		expect(await studentAction(db.repo, a, 'allow', form({ student: row.studentId }))).toEqual({
			ok: true,
			name: 'Fin'
		});
		const second = await start(a, 'Fin', phone);
		expect(second.attempt).toMatchObject({ number: 2 });
		expect(await rowOf(a, 'Fin')).toMatchObject({ attemptNumber: 2, attemptsAllowed: 2 });

		expect(await studentAction(db.repo, a, 'allow', form({ student: 'nobody' }))).toMatchObject({
			ok: false,
			status: 400
		});
		expect(await studentAction(db.repo, a, 'allow', null)).toMatchObject({ ok: false, status: 400 });
		const other = await assignment();
		expect(await studentAction(db.repo, other, 'allow', form({ student: row.studentId }))).toMatchObject({
			ok: false,
			status: 404
		});
		expect(await studentAction(db.repo, a, 'reset', form({ student: row.studentId }))).toMatchObject({
			ok: false,
			status: 400,
			message: expect.stringMatching(/confirm/)
		});
	});

	it('a reset archives the attempt, and the name starts afresh with a new code from any device', async () => {
		const a = await assignment();
		const phone = device();
		const first = await start(a, 'Gus', phone);
		const attempt = (await db.repo.getAttempt(first.attempt.id))!;
		await saveAnswer(db.repo, module, a, rightAnswer(a, attempt.id, attempt.seed, phone), now);
		const row = (await rowOf(a, 'Gus'))!;

		const f = new FormData();
		f.set('student', row.studentId);
		f.set('confirm', 'yes');
		expect(await studentAction(db.repo, a, 'reset', f)).toEqual({ ok: true, name: 'Gus', archived: 1 });
		expect(await rowOf(a, 'Gus')).toBeUndefined();
		// The old device has nothing to resume or answer for.
		expect(
			(await refusal(startOrResume(db.repo, module, a, { action: 'resume', deviceToken: phone }, now))).status
		).toBe(404);
		const late = await refusal(saveAnswer(db.repo, module, a, rightAnswer(a, attempt.id, attempt.seed, phone), now));
		expect(late.status).toBe(404);

		const fresh = await start(a, 'gus', device());
		expect(fresh.attempt.id).not.toBe(first.attempt.id);
		expect(fresh.resumeCode).not.toBeNull();
		expect(fresh.resumeCode).not.toBe(first.resumeCode);
		expect(await rowOf(a, 'gus')).toMatchObject({ attemptNumber: 1, score: 0, flaggedStarts: 0 });
	});

	it('a hand-in after the teacher closes, or after the due time, is refused with a message saying so', async () => {
		const a = await assignment({ dueAt: minutes(30).toISOString() });
		const phone = device();
		const first = await start(a, 'Hal', phone);
		const body = { attemptId: first.attempt.id, deviceToken: phone };

		const pastDue = await refusal(submit(db.repo, module, a, body, minutes(31)));
		expect(pastDue.status).toBe(403);
		expect(pastDue.body?.message).toMatch(
			/due time .* has passed, so it no longer takes hand-ins\. Your saved answers stay/
		);
		expect(pastDue.body?.message).not.toMatch(/UTC|GMT/);

		await db.repo.updateAssignment(a.id, { closedAt: minutes(10).toISOString() });
		const closed = (await db.repo.getAssignment(a.id))!;
		const refused = await refusal(submit(db.repo, module, closed, body, minutes(11)));
		expect(refused.status).toBe(403);
		expect(refused.body?.message).toMatch(/teacher has closed/);
		expect((await rowOf(closed, 'Hal'))?.status).toBe('in progress');

		await db.repo.updateAssignment(a.id, { closedAt: null });
		const reopened = (await db.repo.getAssignment(a.id))!;
		expect((await submit(db.repo, module, reopened, body, minutes(20))).attempt.submittedAt).toBe(
			minutes(20).toISOString()
		);
	});

	it(`an answer reaching the server within ${GRACE_MINUTES} minutes of the due time is on time, a later one kept and marked late`, async () => {
		const a = await assignment({ dueAt: minutes(30).toISOString(), triesPerQuestion: 1 });
		const on = device();
		const late = device();
		const onTime = await start(a, 'Ida', on);
		const tooLate = await start(a, 'Jo', late);
		const attemptOf = async (id: string) => (await db.repo.getAttempt(id))!;
		const [x, y] = [await attemptOf(onTime.attempt.id), await attemptOf(tooLate.attempt.id)];

		const within = (await saveAnswer(
			db.repo,
			module,
			a,
			rightAnswer(a, x.id, x.seed, on),
			minutes(30 + GRACE_MINUTES - 1)
		)) as GradeResult;
		expect(within.verdict).toBe('correct');
		const after = (await saveAnswer(
			db.repo,
			module,
			a,
			rightAnswer(a, y.id, y.seed, late),
			minutes(30 + GRACE_MINUTES)
		)) as GradeResult;
		expect(after.verdict).toBe('correct');

		expect((await db.repo.listAnswers(x.id)).map((s) => s.late)).toEqual([false]);
		expect((await db.repo.listAnswers(y.id)).map((s) => s.late)).toEqual([true]);
		expect(await rowOf(a, 'Ida')).toMatchObject({ lateAnswers: 0, score: singleChoice().points });
		expect(await rowOf(a, 'Jo')).toMatchObject({ lateAnswers: 1, score: singleChoice().points });

		// Once the results (and the solutions) are released, nothing more is taken.
		await db.repo.updateAssignment(a.id, { releasedAt: minutes(40).toISOString() });
		const released = (await db.repo.getAssignment(a.id))!;
		const q2 = { ...rightAnswer(a, y.id, y.seed, late), questionId: db.pid(module.questions[1]!) };
		expect((await refusal(saveAnswer(db.repo, module, released, q2, minutes(41)))).status).toBe(409);
	});

	it('a device of the student whose start answer was lost gets a new code; the old one stops working', async () => {
		const a = await assignment();
		const phone = device();
		const first = await start(a, 'Lu', phone);
		const again = await start(a, 'Lu', phone);
		expect(again.resumeCode).toBeNull();
		const body = { action: 'new-code' as const, attemptId: first.attempt.id, deviceToken: phone };
		const renewed = await startOrResume(db.repo, module, a, body, now);
		expect(renewed.resumeCode).toMatch(/^\w{3}-\w{3}$/);
		expect(renewed.attempt.id).toBe(first.attempt.id);
		expect((await refusal(start(a, 'Lu', device(), first.resumeCode!))).status).toBe(409);
		expect((await start(a, 'Lu', device(), renewed.resumeCode!)).attempt.id).toBe(first.attempt.id);
		// Only a device of the student's may ask.
		const stranger = await refusal(startOrResume(db.repo, module, a, { ...body, deviceToken: device() }, now));
		expect(stranger.status).toBe(404);
	});

	it('the name step states the grace period', async () => {
		const a = await assignment({ dueAt: minutes(30).toISOString() });
		const view = await start(a, 'Kim', device());
		expect(view.policy.join(' ')).toMatch(new RegExp(`up to ${GRACE_MINUTES} minutes after .* marked late`));
	});
});
