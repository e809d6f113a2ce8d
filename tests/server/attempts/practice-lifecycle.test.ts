/**
 * Practice attempts over time, on both databases: one begun while a class's assignment locked the
 * lesson is not resumed once the lock is gone (a whole new practice starts, and the student is
 * told why); idle practice attempts are removed with their tries and hints after
 * PRACTICE_IDLE_DAYS, and attempts still in use are kept.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LOCK_OVER_NOTICE, startOrResumePractice } from '../../../src/lib/server/attempts/practice.ts';
import { PRACTICE_IDLE_DAYS, removeIdlePractice } from '../../../src/lib/server/attempts/cleanup.ts';
import { sha256Hex } from '../../../src/lib/server/assignments/secrets.ts';
import { postgresTarget, sqliteTarget } from '../db/targets.ts';
import { openWithPublicIds, settingsFrom, shippedModule, SLUG } from '../db/suite-database.ts';

const now = new Date('2026-03-01T09:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 24 * 60 * 60 * 1000);
const module = shippedModule();

describe.each([sqliteTarget(), postgresTarget()])('practice attempts over time on $name', (target) => {
	const db = openWithPublicIds(module, now, target);

	const open = (token?: string, at = now) => startOrResumePractice(db.repo, module, { slug: SLUG, token }, at);

	it('a practice begun under a class lock is resumed while locked, and replaced by a whole one after', async () => {
		const a = await db.newAssignment(settingsFrom()({ feedback: 'after-submit', lockPractice: true }));
		const locked = await open();
		expect(locked).toMatchObject({ locked: true, notice: null });
		expect((await open(locked.token)).token).toBe(locked.token);

		await db.repo.updateAssignment(a.id, { closedAt: now.toISOString() });
		const after = await open(locked.token);
		expect(after).toMatchObject({ locked: false, notice: LOCK_OVER_NOTICE });
		expect(after.token).not.toBe(locked.token);
		expect(after.module.scoring.maxTries).toBe(module.scoring.maxTries);
		// The new one is an ordinary practice: resumed as usual.
		expect(await open(after.token)).toMatchObject({ token: after.token, notice: null });
		// A practice begun without the lock is resumed whatever happens to classes.
		expect((await db.repo.getPracticeAttemptByToken(sha256Hex(after.token)))?.locked).toBe(false);
	});

	it(`practice attempts idle for ${PRACTICE_IDLE_DAYS} days are removed with their tries and hints; others stay`, async () => {
		const started = async (days: number) => {
			const view = await open(undefined, daysAgo(days));
			return { token: view.token, attempt: (await db.repo.getPracticeAttemptByToken(sha256Hex(view.token)))! };
		};
		const q = module.questions[0]!;
		const tryAt = async (attemptId: string, days: number, n: number) =>
			db.repo.recordAnswer(
				{
					id: randomUUID(),
					attemptId,
					questionId: q.id,
					tryNumber: n,
					hintsUsed: 0,
					revealed: true,
					response: null,
					verdict: 'incorrect',
					credit: 0,
					points: null,
					final: false,
					createdAt: daysAgo(days).toISOString()
				},
				'practice'
			);
		const idle = await started(PRACTICE_IDLE_DAYS + 10);
		await tryAt(idle.attempt.id, PRACTICE_IDLE_DAYS + 5, 1);
		await db.repo.recordHint({
			attemptId: idle.attempt.id,
			questionId: q.id,
			hintNumber: 1,
			createdAt: daysAgo(PRACTICE_IDLE_DAYS + 5).toISOString()
		});
		const idleToo = await Promise.all([started(PRACTICE_IDLE_DAYS + 1), started(PRACTICE_IDLE_DAYS + 2)]);
		const triedLately = await started(PRACTICE_IDLE_DAYS + 10);
		await tryAt(triedLately.attempt.id, 3, 1);
		const hintedLately = await started(PRACTICE_IDLE_DAYS + 10);
		await db.repo.recordHint({
			attemptId: hintedLately.attempt.id,
			questionId: q.id,
			hintNumber: 1,
			createdAt: daysAgo(1).toISOString()
		});
		const recent = await started(PRACTICE_IDLE_DAYS - 1);

		// In batches of one, so that the sweep goes on until none is left.
		expect(await removeIdlePractice(db.repo, now, 1)).toBe(3);
		for (const gone of [idle, ...idleToo]) {
			expect(await db.repo.getPracticeAttemptByToken(sha256Hex(gone.token))).toBeUndefined();
		}
		expect(await db.repo.listTries('practice', idle.attempt.id)).toEqual([]);
		expect((await db.repo.questionLog('practice', idle.attempt.id, q.id)).hintsUsed).toBe(0);
		for (const kept of [triedLately, hintedLately, recent]) {
			expect(await db.repo.getPracticeAttemptByToken(sha256Hex(kept.token))).toBeDefined();
		}
		expect(await db.repo.listTries('practice', triedLately.attempt.id)).toHaveLength(1);
		// A student whose attempt was removed starts afresh with the same page.
		const fresh = await open(idle.token);
		expect(fresh.token).not.toBe(idle.token);
		expect(await removeIdlePractice(db.repo, now)).toBe(0);
	});
});
