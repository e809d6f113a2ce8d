/**
 * Changing an assignment after creating it, on SQLite and on PostgreSQL: rename, due time
 * extended, shortened into the past and removed, release, close and reopen, each refused with a
 * 4xx when it makes no sense; a duplicate for another class; and the counts of "My assignments",
 * which answer only for the secrets asked. Students read the stored assignment, so each change is
 * checked where they meet it (starting, handing in).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Assignment } from '../../../src/lib/server/db/repository.ts';
import type { AssignmentSettings } from '../../../src/lib/server/db/schema.ts';
import { startOrResume, submit } from '../../../src/lib/server/assignments/student.ts';
import { closedReason } from '../../../src/lib/server/assignments/policy.ts';
import { createAssignmentWithSecret } from '../../../src/lib/server/assignments/create.ts';
import {
	duplicateAssignment,
	manageAssignment,
	type ManageAction
} from '../../../src/lib/server/assignments/manage.ts';
import { summarise } from '../../../src/lib/server/assignments/summary.ts';
import { createRateLimiter } from '../../../src/lib/server/assignments/rate-limit.ts';
import { newResultsSecret, sha256Hex } from '../../../src/lib/server/assignments/secrets.ts';
import { postgresTarget, sqliteTarget } from '../db/targets.ts';
import { openWithPublicIds, settingsFrom, shippedModule, SLUG } from '../db/suite-database.ts';

const now = new Date('2026-03-01T09:00:00Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
/** A datetime-local value for a UTC time, as a browser in UTC posts it. */
const wall = (d: Date) => d.toISOString().slice(0, 16);
const module = shippedModule();

const settings = settingsFrom();

const formOf = (fields: Record<string, string>) => {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) form.set(k, v);
	return form;
};

/** What a refused student call was refused with, or 200. */
async function status(p: Promise<unknown>): Promise<number> {
	return p.then(
		() => 200,
		(e: { status?: number }) => e.status ?? 500
	);
}

describe.each([sqliteTarget(), postgresTarget()])('changing an assignment on $name', (target) => {
	const db = openWithPublicIds(module, now, target);

	async function assignment(over: Partial<AssignmentSettings> = {}, title = 'Period 4') {
		return (await createAssignmentWithSecret(db.repo, { moduleSlug: SLUG, title, settings: settings(over) }, now))
			.assignment;
	}
	const reload = async (a: Assignment) => (await db.repo.getAssignmentByCode(a.studentCode))!;
	const act = async (a: Assignment, action: ManageAction, fields: Record<string, string> = {}, at = now) =>
		manageAssignment(db.repo, await reload(a), action, formOf(fields), at);
	/** A student starts; what a hand-in posts for them. */
	const start = async (a: Assignment, name: string, at = now) => {
		const deviceToken = randomUUID().replace(/-/g, '');
		const view = await startOrResume(
			db.repo,
			module,
			a,
			{ action: 'start', attemptId: randomUUID(), deviceToken, name },
			at
		);
		return { attempt: { attemptId: view.attempt.id, deviceToken } };
	};

	it('renames, and refuses an empty, overlong or invisible title with a 400 that names the field', async () => {
		const a = await assignment();
		const done = await act(a, 'rename', { title: '  Period 5:   the Seoul article ' });
		expect(done).toMatchObject({ ok: true, action: 'rename' });
		expect((await reload(a)).title).toBe('Period 5: the Seoul article');

		for (const title of ['', '   ', 'x'.repeat(121), '\u200b\u200b']) {
			const refused = await act(a, 'rename', { title });
			expect(refused).toMatchObject({ ok: false, status: 400, field: 'title' });
		}
		expect(await act(a, 'rename', {})).toMatchObject({ ok: false, status: 400, field: 'title' });
		expect(await act(a, 'rename', { title: 'Period 5: the Seoul article' })).toMatchObject({ ok: false, status: 409 });
		expect((await reload(a)).title).toBe('Period 5: the Seoul article');
	});

	it('extends the due time, and a class past its due time opens again for students', async () => {
		const a = await assignment({ dueAt: minutes(30).toISOString() });
		const later = minutes(40);
		// At 40 minutes the class is past due: a student cannot hand in.
		const student = await start(a, 'Ada');
		expect(await status(submit(db.repo, module, await reload(a), student.attempt, later))).toBe(403);
		expect(closedReason(await reload(a), later)).toBe('past-due');

		const extended = await act(a, 'due', { dueAt: wall(minutes(120)) }, later);
		expect(extended).toMatchObject({ ok: true, message: expect.stringMatching(/open again/) });
		expect((await reload(a)).settings.dueAt).toBe(minutes(120).toISOString());
		expect(closedReason(await reload(a), later)).toBeNull();
		const handedIn = await submit(db.repo, module, await reload(a), student.attempt, later);
		expect(handedIn.attempt.submittedAt).toBe(later.toISOString());
	});

	it('reads the due time in the teacher’s zone from the offset the page sends', async () => {
		const a = await assignment();
		// 10:30 on a wall clock 60 minutes ahead of UTC (getTimezoneOffset −60) is 09:30 UTC.
		const done = await act(a, 'due', { dueAt: '2026-03-01T10:30', tzOffset: '-60' });
		expect(done.ok).toBe(true);
		expect((await reload(a)).settings.dueAt).toBe('2026-03-01T09:30:00.000Z');
	});

	it('a due time shortened into the past closes the assignment now, says so, and students are refused', async () => {
		const a = await assignment({ dueAt: minutes(60).toISOString() });
		const student = await start(a, 'Bo');
		const shortened = await act(a, 'due', { dueAt: wall(minutes(-5)) });
		expect(shortened).toMatchObject({ ok: true, message: expect.stringMatching(/already passed.*closed now/) });
		const after = await reload(a);
		expect(after.closedAt).toBe(now.toISOString());
		expect(after.settings.dueAt).toBe(minutes(60).toISOString());
		expect(closedReason(after, now)).toBe('closed');
		expect(await status(submit(db.repo, module, after, student.attempt, minutes(1)))).toBe(403);

		// Shortening again into the past: already closed, refused with a way forward.
		const again = await act(a, 'due', { dueAt: wall(minutes(-1)) });
		expect(again).toMatchObject({
			ok: false,
			status: 409,
			field: 'dueAt',
			message: expect.stringMatching(/later time/)
		});
	});

	it('removes the due time, and refuses a damaged or absurd one with a 400', async () => {
		const a = await assignment({ dueAt: minutes(60).toISOString() });
		expect(await act(a, 'due', { dueAt: '' })).toMatchObject({ ok: true });
		expect((await reload(a)).settings.dueAt).toBeNull();
		expect(await act(a, 'due', { dueAt: '' })).toMatchObject({ ok: false, status: 409 });
		for (const dueAt of ['tomorrow', '2026-13-45T25:99', '9999-01-01T00:00', '2026-03-02T10:00:00Z']) {
			expect(await act(a, 'due', { dueAt })).toMatchObject({ ok: false, status: 400, field: 'dueAt' });
		}
		expect(await act(a, 'due', { dueAt: '2026-03-02T10:00', tzOffset: '99999' })).toMatchObject({
			ok: false,
			status: 400
		});
		expect((await reload(a)).settings.dueAt).toBeNull();
	});

	it('closes and reopens; refuses closing twice, reopening an open class, and reopening past the due time', async () => {
		const a = await assignment({ dueAt: minutes(60).toISOString() });
		expect(await act(a, 'reopen')).toMatchObject({
			ok: false,
			status: 409,
			message: 'The assignment is already open.'
		});
		expect(await act(a, 'close')).toMatchObject({ ok: true });
		expect(closedReason(await reload(a), now)).toBe('closed');
		expect(await act(a, 'close')).toMatchObject({ ok: false, status: 409 });
		expect(await act(a, 'reopen')).toMatchObject({ ok: true });
		expect(closedReason(await reload(a), now)).toBeNull();

		await act(a, 'close');
		const late = minutes(90);
		expect(await act(a, 'reopen', {}, late)).toMatchObject({
			ok: false,
			status: 409,
			message: expect.stringMatching(/due time has passed/)
		});
		// The way out the message gives: a later due time, then reopen.
		expect(await act(a, 'due', { dueAt: wall(minutes(180)) }, late)).toMatchObject({
			ok: true,
			message: expect.stringMatching(/still closed/)
		});
		expect(await act(a, 'reopen', {}, late)).toMatchObject({ ok: true });
		expect(closedReason(await reload(a), late)).toBeNull();
	});

	it('a class closed only by its due time is told to move the due time, not to reopen', async () => {
		const a = await assignment({ dueAt: minutes(10).toISOString() });
		expect(await act(a, 'reopen', {}, minutes(20))).toMatchObject({
			ok: false,
			status: 409,
			message: expect.stringMatching(/set a later due time/)
		});
	});

	it('releases results only when the class holds them for release, once, and hides them again', async () => {
		const immediate = await assignment();
		expect(await act(immediate, 'release')).toMatchObject({ ok: false, status: 409 });
		expect((await reload(immediate)).releasedAt).toBeNull();

		const held = await assignment({ feedback: 'on-release' });
		expect(await act(held, 'unrelease')).toMatchObject({ ok: false, status: 409 });
		expect(await act(held, 'release')).toMatchObject({ ok: true });
		expect((await reload(held)).releasedAt).toBe(now.toISOString());
		expect(await act(held, 'release')).toMatchObject({ ok: false, status: 409 });
		expect(await act(held, 'unrelease')).toMatchObject({ ok: true });
		expect((await reload(held)).releasedAt).toBeNull();
	});

	it('changes when students see feedback: between the held-back kinds at any time, at once or held back only before anyone starts', async () => {
		// Feedback at once, nobody started: held back from now on, with practice on the lesson locked.
		const a = await assignment({ lockPractice: false });
		expect(await act(a, 'feedback', { feedback: 'immediate' })).toMatchObject({ ok: false, status: 409 });
		expect(await act(a, 'feedback', { feedback: 'after-submit' })).toMatchObject({ ok: true, action: 'feedback' });
		expect((await reload(a)).settings).toMatchObject({ feedback: 'after-submit', lockPractice: true });
		// A student who starts now is told the held-back rules: one answer to each question.
		const ada = await start(a, 'Ada');
		const view = await startOrResume(
			db.repo,
			module,
			await reload(a),
			{ action: 'resume', deviceToken: ada.attempt.deviceToken },
			now
		);
		expect(view.feedback).toBe('after-submit');
		expect(view.policy).toContain('You give one answer to each question; every answer is saved as you go.');

		// Between "after they submit" and "when I release them": allowed with students at work. Choosing
		// release hides what was released before, until the teacher releases again.
		const onRelease = await act(a, 'feedback', { feedback: 'on-release' });
		expect(onRelease).toMatchObject({ ok: true, message: expect.stringMatching(/when you release them/) });
		expect(await act(a, 'release')).toMatchObject({ ok: true });
		expect(await act(a, 'feedback', { feedback: 'after-submit' })).toMatchObject({ ok: true });
		expect(await act(a, 'feedback', { feedback: 'on-release' })).toMatchObject({ ok: true });
		expect((await reload(a)).releasedAt).toBeNull();

		// With a student started, held-back feedback cannot turn into feedback at once.
		const refused = await act(a, 'feedback', { feedback: 'immediate' });
		expect(refused).toMatchObject({ ok: false, status: 409, message: expect.stringMatching(/duplicate/) });
		expect((await reload(a)).settings.feedback).toBe('on-release');

		// Nor feedback at once into held back, once a student has started (and seen verdicts).
		const b = await assignment();
		await start(b, 'Bo');
		expect(await act(b, 'feedback', { feedback: 'on-release' })).toMatchObject({ ok: false, status: 409 });
		expect((await reload(b)).settings.feedback).toBe('immediate');

		// Held back, nobody started: feedback at once, with the tries the teacher set.
		const c = await assignment({ feedback: 'on-release', triesPerQuestion: 3 });
		const atOnce = await act(c, 'feedback', { feedback: 'immediate' });
		expect(atOnce).toMatchObject({ ok: true, message: expect.stringMatching(/3 tries per question/) });
		expect((await reload(c)).settings.feedback).toBe('immediate');

		for (const feedback of ['', 'never', 'IMMEDIATE']) {
			expect(await act(c, 'feedback', { feedback })).toMatchObject({ ok: false, status: 400 });
		}
		expect(await act(c, 'feedback', {})).toMatchObject({ ok: false, status: 400 });
	});

	it('duplicates for another class: same lesson and settings, its own links and title, no students', async () => {
		const original = await assignment({
			feedback: 'on-release',
			attemptsAllowed: 3,
			shuffle: true,
			hintsEnabled: false
		});
		await start(original, 'Dee');
		const made = await duplicateAssignment(
			db.repo,
			original,
			formOf({ title: 'Period 6', dueAt: wall(minutes(90)) }),
			now
		);
		if (!made.ok) throw new Error(JSON.stringify(made.errors));
		const copy = made.assignment;
		expect(copy.id).not.toBe(original.id);
		expect(copy.studentCode).not.toBe(original.studentCode);
		expect(copy.resultsHash).toBe(sha256Hex(made.secret));
		expect(copy.resultsHash).not.toBe(original.resultsHash);
		expect(copy).toMatchObject({ title: 'Period 6', moduleSlug: SLUG, closedAt: null, releasedAt: null });
		expect(copy.settings).toEqual({ ...original.settings, dueAt: minutes(90).toISOString() });
		expect(await db.repo.listAttempts(copy.id)).toEqual([]);

		const noDue = await duplicateAssignment(db.repo, original, formOf({ title: 'Period 7', dueAt: '' }), now);
		expect(noDue.ok && noDue.assignment.settings.dueAt).toBeNull();

		expect(await duplicateAssignment(db.repo, original, formOf({ title: '' }), now)).toMatchObject({
			ok: false,
			status: 400,
			errors: { title: expect.any(String) }
		});
		expect(
			await duplicateAssignment(db.repo, original, formOf({ title: 'P8', dueAt: wall(minutes(-1)) }), now)
		).toMatchObject({ ok: false, status: 400, errors: { dueAt: expect.stringMatching(/future/) } });
	});

	it('My assignments counts the students of the secrets asked, and nothing of any other class', async () => {
		const mine = await createAssignmentWithSecret(
			db.repo,
			{ moduleSlug: SLUG, title: 'Mine', settings: settings() },
			now
		);
		const other = await createAssignmentWithSecret(
			db.repo,
			{ moduleSlug: SLUG, title: 'Other', settings: settings() },
			now
		);
		const ada = await start(mine.assignment, 'Ada');
		await start(mine.assignment, 'Ben');
		await submit(db.repo, module, mine.assignment, ada.attempt, now);
		await start(other.assignment, 'Zed');

		const limiter = createRateLimiter({
			scope: 'manage-test',
			limit: 3,
			windowMs: 60_000,
			now: () => now.getTime(),
			store: async () => db.repo
		});
		const unknown = newResultsSecret();
		const reply = await summarise([mine.secret, unknown], '10.0.0.1', now, { limiter, repo: db.repo });
		expect(reply).toEqual({
			ok: true,
			assignments: [
				{
					found: true,
					title: 'Mine',
					lesson: module.meta.title,
					code: mine.assignment.studentCode,
					createdAt: now.toISOString(),
					dueAt: null,
					state: 'open',
					started: 2,
					submitted: 1
				},
				{ found: false }
			]
		});
		expect(JSON.stringify(reply)).not.toContain('Zed');
		expect(JSON.stringify(reply)).not.toContain(other.assignment.studentCode);

		// Wrong secrets count like wrong results links: once blocked, a list with a wrong one is refused whole…
		await summarise([newResultsSecret(), newResultsSecret()], '10.0.0.1', now, { limiter, repo: db.repo });
		expect(await summarise([mine.secret, newResultsSecret()], '10.0.0.1', now, { limiter, repo: db.repo })).toEqual({
			ok: false,
			blocked: true
		});
		// …while a list of right ones still answers, as the results link itself does.
		const right = await summarise([mine.secret], '10.0.0.1', now, { limiter, repo: db.repo });
		expect(right.ok).toBe(true);
	});
});
