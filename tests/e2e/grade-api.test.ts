import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import type { PublicModule } from '../../src/lib/content/public.ts';
import { SLUG } from './helpers';
import { loadKey } from './module-key';

const module = loadKey(SLUG);
const single = module.questions.find((q) => q.type === 'single-choice')!;
if (single.type !== 'single-choice') throw new Error('expected a single-choice question');

/** A practice attempt as the practice page opens one, and the public labels of its options. */
async function practice(request: APIRequestContext) {
	const res = await request.post('/api/practice', { data: { slug: SLUG } });
	expect(res.status()).toBe(200);
	const view = (await res.json()) as { token: string; module: PublicModule };
	const pub = view.module.questions.find((q) => q.prompt === single.prompt)!;
	if (pub.type !== 'single-choice') throw new Error('expected a single-choice question');
	const label = (correct: boolean) =>
		pub.options.filter((o) => single.options.find((x) => x.text === o.text)!.correct === correct).map((o) => o.id);
	const post = (data: Record<string, unknown>) =>
		request.post('/api/grade', { data: { token: view.token, questionId: pub.id, ...data } });
	const answer = (optionId: string) =>
		post({ action: 'answer', answerId: randomUUID(), response: { type: 'single-choice', optionId } });
	return { view, pub, right: label(true)[0]!, wrong: label(false), post, answer };
}

test.describe('the grading endpoint', () => {
	test('numbers tries itself: a wrong try, then the right answer with its explanation and the retry price', async ({
		request
	}) => {
		const p = await practice(request);
		const first = await (await p.answer(p.wrong[0]!)).json();
		expect(first).toMatchObject({ tryNumber: 1, final: false, explanation: null, solution: null, points: null });
		const res = await p.answer(p.right);
		expect(res.status()).toBe(200);
		const body = await res.json();
		expect(body).toMatchObject({ verdict: 'correct', final: true, tryNumber: 2, questionId: p.pub.id });
		expect(body.points).toBeCloseTo(single.points * (1 - module.scoring.retryPenalty), 5);
		expect(body.explanation.evidence.length).toBeGreaterThan(0);
		for (const link of body.explanation.evidence) {
			expect(module.passage.text.slice(link.start, link.end)).toBe(link.text);
		}
	});

	test('refuses to show the answer before a first try, and the old self-reported request altogether', async ({
		request
	}) => {
		const p = await practice(request);
		const early = await p.post({ action: 'reveal', answerId: randomUUID() });
		expect(early.status()).toBe(409);
		expect((await early.json()).message).toMatch(/give an answer first/i);
		// The request that used to hand out every solution: refused as malformed.
		const old = await request.post('/api/grade', {
			data: { slug: SLUG, questionId: single.id, tryNumber: 1, hintsUsed: 0, response: null, reveal: true }
		});
		expect(old.status()).toBe(422);
	});

	test('answers as uncached JSON with the security headers and an exact length', async ({ request }) => {
		const p = await practice(request);
		await p.answer(p.wrong[0]!);
		const res = await p.post({ action: 'reveal', answerId: randomUUID() });
		expect(res.status()).toBe(200);
		const headers = res.headers();
		expect(headers['content-type']).toBe('application/json');
		expect(headers['cache-control']).toBe('no-store');
		expect(headers['referrer-policy']).toBe('no-referrer');
		expect(headers['x-content-type-options']).toBe('nosniff');
		expect(headers['x-frame-options']).toBe('DENY');
		const body = await res.body();
		expect(Number(headers['content-length'])).toBe(body.length);
		expect(JSON.parse(body.toString('utf8'))).toMatchObject({ revealed: true, points: 0, final: true });
	});

	test('serves hints one at a time and charges them', async ({ request }) => {
		const p = await practice(request);
		expect(JSON.stringify(p.view)).not.toContain(single.hints[0]!);
		const hint = await p.post({ action: 'hint', hint: 1 });
		expect(await hint.json()).toEqual({ questionId: p.pub.id, hints: [single.hints[0]] });
		const body = await (await p.answer(p.right)).json();
		expect(body.points).toBeCloseTo(single.points * (1 - module.scoring.hintPenalty), 5);
	});

	test('refuses the same answer twice in a row without using a try', async ({ request }) => {
		const p = await practice(request);
		await p.answer(p.wrong[0]!);
		const again = await p.answer(p.wrong[0]!);
		expect(again.status()).toBe(409);
		expect((await again.json()).message).toMatch(/same answer/i);
		expect((await (await p.answer(p.right)).json()).tryNumber).toBe(2);
	});

	const token = 'x'.repeat(32);
	const bad: [string, { data?: unknown; headers?: Record<string, string> }, number][] = [
		['malformed JSON', { data: Buffer.from('{"slug": '), headers: { 'content-type': 'application/json' } }, 400],
		[
			'XML instead of JSON',
			{ data: Buffer.from('<slug>x</slug>'), headers: { 'content-type': 'application/xml' } },
			415
		],
		[
			'an oversized body',
			{
				data: Buffer.from(JSON.stringify({ slug: 'x'.repeat(40_000) })),
				headers: { 'content-type': 'application/json' }
			},
			413
		],
		['the wrong shape', { data: { token, action: 'answer', questionId: 'q', response: 'one' } }, 422],
		['an unknown field', { data: { token, action: 'hint', questionId: 'q', hint: 1, hintsUsed: 0 } }, 422],
		['an unknown practice attempt', { data: { token, action: 'hint', questionId: 'q', hint: 1 } }, 404]
	];
	for (const [name, options, status] of bad) {
		test(`answers ${status} to ${name}`, async ({ request }) => {
			const res = await request.post('/api/grade', options as never);
			expect(res.status()).toBe(status);
			const body = await res.json();
			expect(typeof body.message).toBe('string');
			expect(body.message.length).toBeGreaterThan(5);
		});
	}

	test('answers 404 to an unknown question and 422 to an answer of the wrong type', async ({ request }) => {
		const p = await practice(request);
		const unknown = await request.post('/api/grade', {
			data: { token: p.view.token, action: 'hint', questionId: 'no-such-question', hint: 1 }
		});
		expect(unknown.status()).toBe(404);
		const wrongType = await p.post({
			action: 'answer',
			answerId: randomUUID(),
			response: { type: 'short-answer', text: 'x' }
		});
		expect(wrongType.status()).toBe(422);
	});
});
