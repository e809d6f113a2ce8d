/**
 * Glossary entries that would answer a question reach a student only from the server, once every
 * question of their section is final in the student's own attempt (or the attempt is handed in):
 * never in the practice page's data, the practice or assignment start, or a resume before that.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { toPublicModule } from '../../../src/lib/content/public.ts';
import { glossaryAskedIn } from '../../../src/lib/content/visibility.ts';
import type { AttemptKind } from '../../../src/lib/server/db/repository.ts';
import { practiceGlossary, startOrResumePractice } from '../../../src/lib/server/attempts/practice.ts';
import { assignmentGlossary, startOrResume, submit } from '../../../src/lib/server/assignments/student.ts';
import { postgresTarget, sqliteTarget } from '../db/targets.ts';
import { openWithPublicIds, settingsFrom, shippedModule, SLUG } from '../db/suite-database.ts';

const now = new Date('2026-03-01T09:00:00Z');
const module = shippedModule();
/** Glossary entries a question asks about, with the section that asks. */
let held: { term: string; texts: string[]; section: string }[];

beforeAll(() => {
	const sectionIds = module.sections.map((s) => s.id);
	const asked = glossaryAskedIn(module.glossary, module.questions, sectionIds);
	held = module.glossary.flatMap((g, i) =>
		asked[i]!.length
			? [
					{
						term: g.term,
						texts: [g.definition, ...Object.values(g.translations)],
						section: sectionIds[asked[i]!.at(-1)!]!
					}
				]
			: []
	);
});

/** The held-back definitions (English or translated) found in what the browser would receive. */
const leaked = (received: unknown) => {
	const text = JSON.stringify(received);
	return held.filter((h) => h.texts.some((t) => text.includes(JSON.stringify(t).slice(1, -1)))).map((h) => h.term);
};

describe('the page data of a module', () => {
	it('holds every glossary entry no question asks about, and none that one does', () => {
		expect(held.length).toBeGreaterThanOrEqual(3);
		const pub = toPublicModule(module);
		expect(leaked(pub)).toEqual([]);
		expect(pub.glossary.length).toBe(module.glossary.length - held.length);
		expect(pub.glossaryLater.sort()).toEqual([...new Set(held.map((h) => h.section))].sort());
	});
});

describe.each([sqliteTarget(), postgresTarget()])('held-back glossary entries on $name', (target) => {
	const db = openWithPublicIds(module, now, target);

	/** Record that each of these questions is over (a reveal without an answer: final, no points). */
	async function finish(kind: AttemptKind, attemptId: string, questionIds: string[]) {
		for (const questionId of questionIds) {
			await db.repo.recordAnswer(
				{
					id: randomUUID(),
					attemptId,
					questionId,
					tryNumber: 1,
					hintsUsed: 0,
					revealed: true,
					response: null,
					verdict: 'incorrect',
					credit: 0,
					points: 0,
					final: true
				},
				kind
			);
		}
	}
	const questionsOf = (section: string) => module.questions.filter((q) => q.section === section).map((q) => q.id);
	const termsOf = (entries: { term: string }[]) => entries.map((e) => e.term).sort();
	const heldIn = (section: string) =>
		held
			.filter((h) => h.section === section)
			.map((h) => h.term)
			.sort();

	it('practice: released once the section is finished, kept on resume, never before', async () => {
		const first = held[0]!.section;
		const view = await startOrResumePractice(db.repo, module, { slug: SLUG }, now);
		expect(leaked(view)).toEqual([]);
		const attempt = (await db.repo.getPracticeAttemptByToken(
			(await import('../../../src/lib/server/assignments/secrets.ts')).sha256Hex(view.token)
		))!;
		const get = () => practiceGlossary(db.repo, () => module, view.token);
		expect(await get()).toEqual({ ok: true, glossary: [] });

		const section = questionsOf(first);
		await finish('practice', attempt.id, section.slice(0, -1));
		expect(await get()).toEqual({ ok: true, glossary: [] });
		expect(leaked(await startOrResumePractice(db.repo, module, { slug: SLUG, token: view.token }, now))).toEqual([]);

		await finish('practice', attempt.id, section.slice(-1));
		const released = await get();
		expect(released.ok && termsOf(released.glossary)).toEqual(heldIn(first));
		expect(released.ok && released.glossary.every((g) => g.definition.length > 0)).toBe(true);
		// A reload gets them in the module itself; entries of later sections stay held back.
		const resumed = await startOrResumePractice(db.repo, module, { slug: SLUG, token: view.token }, now);
		expect(leaked(resumed).sort()).toEqual(heldIn(first));
		expect(await practiceGlossary(db.repo, () => module, 'x'.repeat(32))).toMatchObject({ ok: false, status: 404 });
	});

	it('assignment: released per finished section, all of them once handed in; only to the attempt itself', async () => {
		const a = await db.newAssignment(settingsFrom()({ feedback: 'after-submit', triesPerQuestion: 1, shuffle: true }));
		const deviceToken = randomUUID().replace(/-/g, '');
		const view = await startOrResume(
			db.repo,
			module,
			a,
			{ action: 'start', attemptId: randomUUID(), deviceToken, name: 'Ana' },
			now
		);
		expect(leaked(view)).toEqual([]);
		const body = { attemptId: view.attempt.id, deviceToken };
		expect(await assignmentGlossary(db.repo, module, a, body)).toEqual([]);
		const first = held[0]!.section;
		await finish('assignment', view.attempt.id, questionsOf(first));
		expect(termsOf(await assignmentGlossary(db.repo, module, a, body))).toEqual(heldIn(first));
		const resumed = await startOrResume(db.repo, module, a, { action: 'resume', deviceToken }, now);
		expect(leaked(resumed).sort()).toEqual(heldIn(first));
		// Another device, not the student's: nothing.
		await expect(
			assignmentGlossary(db.repo, module, a, { ...body, deviceToken: randomUUID().replace(/-/g, '') })
		).rejects.toMatchObject({ status: 404 });

		await submit(db.repo, module, a, body, now);
		expect(termsOf(await assignmentGlossary(db.repo, module, a, body))).toEqual(held.map((h) => h.term).sort());
	});
});
