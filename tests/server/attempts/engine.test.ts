/**
 * The attempt engine on both databases, through the same service functions the routes call:
 * practice attempts (POST /api/practice, /api/grade) and assignment attempts (/api/a/…/answers).
 * The browser sends only what the student did; the server numbers tries, serves and charges hints,
 * refuses reveals the policy does not allow, and refuses an identical resubmission.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ResolvedQuestion } from '../../../src/lib/content/module.ts';
import { labelling } from '../../../src/lib/content/public.ts';
import { practiceActionBody, type StudentAction } from '../../../src/lib/scoring/request.ts';
import type { GradeResult, HintReply } from '../../../src/lib/scoring/types.ts';
import type { AssignmentSettings } from '../../../src/lib/server/db/schema.ts';
import { practiceAct, startOrResumePractice, type PracticeView } from '../../../src/lib/server/attempts/practice.ts';
import { saveAnswer } from '../../../src/lib/server/assignments/student.ts';
import { questionSeed } from '../../../src/lib/server/assignments/policy.ts';
import { sha256Hex } from '../../../src/lib/server/assignments/secrets.ts';
import { postgresTarget, sqliteTarget } from '../db/targets.ts';
import { openWithPublicIds, settingsFrom, shippedModule, SLUG } from '../db/suite-database.ts';

const now = new Date('2026-03-01T09:00:00Z');
const module = shippedModule();

type Choice = Extract<ResolvedQuestion, { type: 'single-choice' }>;
/** A single-choice question with at least three options and a hint. */
const choiceQuestion = () =>
	module.questions.find((q): q is Choice => q.type === 'single-choice' && q.options.length >= 3 && q.hints.length > 0)!;

/** Public labels of the right option and of the wrong ones, under a labelling seed. */
function labelsOf(q: Choice, seed: string) {
	const options = Object.entries(labelling(q, seed).options);
	const right = options.find(([, id]) => q.options.find((o) => o.id === id)!.correct)![0];
	const wrong = options.filter(([label]) => label !== right).map(([label]) => label);
	return { right, wrong };
}

const settings = settingsFrom({ triesPerQuestion: 3 });

describe.each([sqliteTarget(), postgresTarget()])('the attempt engine on $name', (target) => {
	const db = openWithPublicIds(module, now, target);
	const { pid } = db;

	/** A practice attempt and a way to act on it as the browser would (the body parsed by the route's schema). */
	async function practice(): Promise<{
		view: PracticeView;
		seed: (q: { id: string }) => string;
		send: (action: StudentAction) => Promise<{ status: number; body: GradeResult | HintReply | { message: string } }>;
	}> {
		const view = await startOrResumePractice(db.repo, module, { slug: SLUG }, now);
		const mine = (await db.repo.getPracticeAttemptByToken(sha256Hex(view.token)))!;
		return {
			view,
			seed: (q) => `${mine.secret}:${q.id}`,
			async send(action) {
				const parsed = practiceActionBody.parse({ ...action, token: view.token });
				const out = await practiceAct(db.repo, (slug) => (slug === SLUG ? module : undefined), parsed, now);
				return out.ok
					? { status: 200, body: out.reply.action === 'hint' ? out.reply.reply : out.reply.result }
					: { status: out.status, body: { message: out.message } };
			}
		};
	}

	const answer = (questionId: string, optionId: string): StudentAction => ({
		action: 'answer',
		questionId,
		answerId: randomUUID(),
		response: { type: 'single-choice', optionId }
	});
	const reveal = (questionId: string): StudentAction => ({ action: 'reveal', questionId, answerId: randomUUID() });

	describe('practice', () => {
		it('refuses a reveal before the first try, and allows it after one, for zero points', async () => {
			const q = choiceQuestion();
			const p = await practice();
			const early = await p.send(reveal(pid(q)));
			expect(early.status).toBe(409);
			expect(early.body).toEqual({ message: expect.stringMatching(/give an answer first/i) });

			const { wrong } = labelsOf(q, p.seed(q));
			expect((await p.send(answer(pid(q), wrong[0]!))).body).toMatchObject({ verdict: 'incorrect', solution: null });
			const shown = await p.send(reveal(pid(q)));
			expect(shown.status).toBe(200);
			expect(shown.body).toMatchObject({ revealed: true, final: true, points: 0 });
			expect((shown.body as GradeResult).solution).not.toBeNull();
		});

		it('numbers tries itself: a client cannot send a try number, and wrong-then-right earns the retry price', async () => {
			const q = choiceQuestion();
			const p = await practice();
			const { right, wrong } = labelsOf(q, p.seed(q));
			// The old self-reported fields are not part of the contract any more.
			expect(
				practiceActionBody.safeParse({ ...answer(pid(q), right), token: p.view.token, tryNumber: 1, hintsUsed: 0 })
					.success
			).toBe(false);
			const first = (await p.send(answer(pid(q), wrong[0]!))).body as GradeResult;
			const second = (await p.send(answer(pid(q), right))).body as GradeResult;
			expect(first).toMatchObject({ tryNumber: 1, final: false });
			expect(second).toMatchObject({ tryNumber: 2, final: true, verdict: 'correct' });
			expect(second.points).toBeCloseTo(q.points * (1 - module.scoring.retryPenalty), 5);
		});

		it('serves hints only when asked, records each once, in order, and charges them', async () => {
			const q = choiceQuestion();
			const p = await practice();
			// The public question carries no hint texts, only how many there are.
			const pub = p.view.module.questions.find((x) => x.id === pid(q))!;
			expect(JSON.stringify(pub)).not.toContain(q.hints[0]!);

			const skipped = await p.send({ action: 'hint', questionId: pid(q), hint: 2 });
			expect(skipped.status).toBe(422);
			const first = await p.send({ action: 'hint', questionId: pid(q), hint: 1 });
			expect(first).toEqual({ status: 200, body: { questionId: pid(q), hints: [q.hints[0]] } });
			// Asked again (a retried request): served once, charged once.
			expect((await p.send({ action: 'hint', questionId: pid(q), hint: 1 })).body).toEqual(first.body);

			const { right } = labelsOf(q, p.seed(q));
			const graded = (await p.send(answer(pid(q), right))).body as GradeResult;
			expect(graded.points).toBeCloseTo(q.points * (1 - module.scoring.hintPenalty), 5);
		});

		it('refuses the same answer twice in a row without using a try', async () => {
			const q = choiceQuestion();
			const p = await practice();
			const { right, wrong } = labelsOf(q, p.seed(q));
			await p.send(answer(pid(q), wrong[0]!));
			const again = await p.send(answer(pid(q), wrong[0]!));
			expect(again.status).toBe(409);
			expect(again.body).toEqual({ message: expect.stringMatching(/same answer as your last try/i) });
			const next = (await p.send(answer(pid(q), right))).body as GradeResult;
			expect(next.tryNumber).toBe(2);
		});

		it('keeps the try count under racing answers: every stored try has its own number, none beyond the limit', async () => {
			const q = choiceQuestion();
			const p = await practice();
			const { wrong } = labelsOf(q, p.seed(q));
			const sent = await Promise.all(
				Array.from({ length: 8 }, (_, i) => p.send(answer(pid(q), wrong[i % wrong.length]!)))
			);
			expect(sent.every((r) => r.status === 200 || r.status === 409)).toBe(true);
			const mine = (await db.repo.getPracticeAttemptByToken(sha256Hex(p.view.token)))!;
			const tries = (await db.repo.listTries('practice', mine.id)).map((t) => t.tryNumber).sort();
			expect(tries.length).toBeLessThanOrEqual(module.scoring.maxTries);
			expect(tries).toEqual(Array.from({ length: tries.length }, (_, i) => i + 1));
		});

		it('is locked while an open assignment on the module holds feedback back, and opens again when it closes', async () => {
			const a = await db.newAssignment(settings({ feedback: 'after-submit' }), 'Class 9B');
			const q = choiceQuestion();
			const p = await practice();
			expect(p.view.locked).toBe(true);
			expect(p.view.policy[0]).toMatch(/in use by a class/i);
			const { right } = labelsOf(q, p.seed(q));
			const graded = await p.send(answer(pid(q), right));
			expect(graded.body).toMatchObject({
				verdict: 'incorrect',
				credit: 0,
				marks: {},
				feedback: [],
				solution: null,
				explanation: null,
				points: null
			});
			const shown = await p.send(reveal(pid(q)));
			expect(shown.status).toBe(403);

			await db.repo.updateAssignment(a.id, { closedAt: now.toISOString() });
			const later = await practice();
			expect(later.view.locked).toBe(false);
			const open = await later.send(answer(pid(q), labelsOf(q, later.seed(q)).right));
			expect(open.body).toMatchObject({ verdict: 'correct', final: true });
			expect((open.body as GradeResult).solution).not.toBeNull();
		});

		it('leaves practice open when the teacher chose so, and for assignments with immediate feedback', async () => {
			const made = await Promise.all([
				db.newAssignment(settings({ feedback: 'on-release', lockPractice: false }), 'Open practice'),
				db.newAssignment(settings({ feedback: 'immediate' }), 'Immediate')
			]);
			expect((await practice()).view.locked).toBe(false);
			for (const a of made) await db.repo.updateAssignment(a.id, { closedAt: now.toISOString() });
		});
	});

	describe('assignments', () => {
		async function student(over: Partial<AssignmentSettings> = {}) {
			const a = await db.newAssignment(settings(over));
			const { token: deviceToken, attempt } = await db.startStudent(a, 'Ana');
			const send = (action: StudentAction) =>
				saveAnswer(db.repo, module, a, { ...action, attemptId: attempt.id, deviceToken }, now).then(
					(body) => ({ status: 200, body }),
					(e: { status: number; body: { message: string } }) => ({ status: e.status, body: e.body })
				);
			const close = () => db.repo.updateAssignment(a.id, { closedAt: now.toISOString() });
			return { a, attempt, send, seed: (q: { id: string }) => questionSeed(a.settings, attempt.seed, q), close };
		}

		it('refuses a reveal before a try, and any reveal while feedback is held back', async () => {
			const q = choiceQuestion();
			const open = await student();
			expect((await open.send(reveal(pid(q)))).status).toBe(409);
			await open.close();

			const held = await student({ feedback: 'after-submit' });
			await held.send(answer(pid(q), labelsOf(q, held.seed(q)).wrong[0]!));
			const shown = await held.send(reveal(pid(q)));
			expect(shown.status).toBe(403);
			expect((await db.repo.listAnswers(held.attempt.id)).map((x) => x.revealed)).toEqual([false]);
			await held.close();
		});

		it('numbers tries, records hints and charges them from its own record', async () => {
			const q = choiceQuestion();
			const s = await student({ triesPerQuestion: 3 });
			const { right, wrong } = labelsOf(q, s.seed(q));
			await s.send({ action: 'hint', questionId: pid(q), hint: 1 });
			await s.send(answer(pid(q), wrong[0]!));
			const last = (await s.send(answer(pid(q), right))).body as GradeResult;
			expect(last).toMatchObject({ tryNumber: 2, final: true });
			const cost = module.scoring.retryPenalty + module.scoring.hintPenalty;
			expect(last.points).toBeCloseTo(q.points * (1 - cost), 5);
			const stored = await db.repo.listAnswers(s.attempt.id);
			expect(stored.map((x) => [x.tryNumber, x.hintsUsed, x.final])).toEqual([
				[1, 1, false],
				[2, 1, true]
			]);
			expect(await db.repo.hintCounts(s.attempt.id)).toEqual({ [q.id]: 1 });
			await s.close();
		});

		it('refuses hints when the teacher turned them off', async () => {
			const q = choiceQuestion();
			const s = await student({ hintsEnabled: false });
			expect((await s.send({ action: 'hint', questionId: pid(q), hint: 1 })).status).toBe(403);
			expect(await db.repo.hintCounts(s.attempt.id)).toEqual({});
			await s.close();
		});

		it('refuses an identical resubmission without using a try', async () => {
			const q = choiceQuestion();
			const s = await student();
			const { wrong } = labelsOf(q, s.seed(q));
			await s.send(answer(pid(q), wrong[0]!));
			expect((await s.send(answer(pid(q), wrong[0]!))).status).toBe(409);
			expect(((await s.send(answer(pid(q), wrong[1]!))).body as GradeResult).tryNumber).toBe(2);
			await s.close();
		});

		it('shuffles options by the attempt secret even with shuffling off', async () => {
			const q = choiceQuestion();
			const s = await student({ shuffle: false });
			expect(s.attempt.seed.length).toBeGreaterThanOrEqual(16);
			expect(s.seed(q)).not.toBe(q.id);
			await s.close();
		});
	});
});
