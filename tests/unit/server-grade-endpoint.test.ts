import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelling } from '../../src/lib/content/public.ts';
import { startOrResumePractice } from '../../src/lib/server/attempts/practice.ts';
import { sha256Hex } from '../../src/lib/server/assignments/secrets.ts';
import { getModule } from '../../src/lib/server/content.ts';
import { questionIds } from '../../src/lib/server/attempts/student-view.ts';
import { closeDb, getRepository } from '../../src/lib/server/db/index.ts';
import { gradeFromText } from '../../src/lib/server/grade-endpoint.ts';
import { checkJsonHeaders, MAX_JSON_BYTES } from '../../src/lib/server/json-body.ts';

const SLUG = 'seoul-warns-north-korean-soldiers-russia';
const previousPath = process.env.DATABASE_PATH;
beforeAll(async () => {
	await closeDb();
	process.env.DATABASE_PATH = ':memory:';
});
afterAll(async () => {
	await closeDb();
	if (previousPath === undefined) delete process.env.DATABASE_PATH;
	else process.env.DATABASE_PATH = previousPath;
});

describe('checkJsonHeaders', () => {
	it.each([
		['application/json', '10', true, undefined],
		['application/json; charset=utf-8', null, true, undefined],
		['text/plain', '10', false, 415],
		[null, '10', false, 415],
		['application/json', String(MAX_JSON_BYTES + 1), false, 413]
	])('%s with length %s', (type, length, ok, status) => {
		const r = checkJsonHeaders(type, length);
		expect(r.ok).toBe(ok);
		if (!r.ok) expect(r.status).toBe(status);
	});
});

describe('gradeFromText (POST /api/grade)', () => {
	it.each([
		['not JSON', '{"slug":', 400],
		['the old self-reported shape', JSON.stringify({ slug: SLUG, questionId: 'q', tryNumber: 1, hintsUsed: 0 }), 422],
		[
			'an unknown practice attempt',
			JSON.stringify({ token: 'x'.repeat(32), action: 'hint', questionId: 'q1', hint: 1 }),
			404
		]
	])('answers %s with %i and a message', async (_name, text, status) => {
		const reply = await gradeFromText(text);
		expect(reply.status).toBe(status);
		expect((reply.body as { message: string }).message.length).toBeGreaterThan(5);
	});

	it('grades an answer of a practice attempt and refuses the same answer again', async () => {
		const module = getModule(SLUG)!;
		const repo = await getRepository();
		const view = await startOrResumePractice(repo, module, { slug: SLUG }, new Date());
		const key = await repo.serverKey('public-ids');
		const attempt = (await repo.getPracticeAttemptByToken(sha256Hex(view.token)))!;
		const q = module.questions.find((x) => x.type === 'single-choice')!;
		if (q.type !== 'single-choice') throw new Error('expected a single-choice question');
		const options = Object.entries(labelling(q, `${attempt.secret}:${q.id}`).options);
		const wrong = options.find(([, id]) => !q.options.find((o) => o.id === id)!.correct)![0];
		const body = (answerId: string) =>
			JSON.stringify({
				token: view.token,
				action: 'answer',
				questionId: questionIds(key, module).toPublic(q.id),
				answerId,
				response: { type: 'single-choice', optionId: wrong }
			});
		const first = await gradeFromText(body(randomUUID()));
		expect(first).toMatchObject({ status: 200, body: { verdict: 'incorrect', tryNumber: 1 } });
		const again = await gradeFromText(body(randomUUID()));
		expect(again.status).toBe(409);
	});
});
