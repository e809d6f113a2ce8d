import { expect, test } from '@playwright/test';
import { SLUG } from './helpers';
import { loadKey } from './module-key';

const module = loadKey(SLUG);
const single = module.questions.find((q) => q.type === 'single-choice')!;

test.describe('the grading endpoint', () => {
	test('grades a right answer and returns the explanation with its passage ranges', async ({ request }) => {
		// Find the public label of the right option by asking with each label (as a student could).
		const labels = ['o1', 'o2', 'o3', 'o4', 'o5', 'o6'].slice(
			0,
			single.type === 'single-choice' ? single.options.length : 0
		);
		let found = false;
		for (const optionId of labels) {
			const res = await request.post('/api/grade', {
				data: {
					slug: SLUG,
					questionId: single.id,
					tryNumber: 1,
					hintsUsed: 0,
					response: { type: 'single-choice', optionId }
				}
			});
			expect(res.status()).toBe(200);
			const body = await res.json();
			if (body.verdict === 'correct') {
				found = true;
				expect(body.final).toBe(true);
				expect(body.points).toBe(single.points);
				expect(body.explanation.evidence.length).toBeGreaterThan(0);
				for (const link of body.explanation.evidence) {
					expect(module.passage.text.slice(link.start, link.end)).toBe(link.text);
				}
			} else {
				expect(body.final).toBe(false);
				expect(body.explanation).toBeNull();
				expect(body.solution).toBeNull();
			}
		}
		expect(found).toBe(true);
	});

	test('answers as uncached JSON with the security headers and an exact length', async ({ request }) => {
		const res = await request.post('/api/grade', {
			data: { slug: SLUG, questionId: single.id, tryNumber: 1, hintsUsed: 0, response: null, reveal: true }
		});
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
		['the wrong shape', { data: { slug: SLUG, questionId: single.id, tryNumber: 'one' } }, 422],
		[
			'an unknown field',
			{
				data: {
					slug: SLUG,
					questionId: single.id,
					tryNumber: 1,
					hintsUsed: 0,
					response: null,
					reveal: true,
					admin: true
				}
			},
			422
		],
		[
			'an unknown module',
			{ data: { slug: 'no-such-module', questionId: 'q', tryNumber: 1, hintsUsed: 0, response: null, reveal: true } },
			404
		],
		[
			'an unknown question',
			{
				data: { slug: SLUG, questionId: 'no-such-question', tryNumber: 1, hintsUsed: 0, response: null, reveal: true }
			},
			404
		],
		[
			'an answer of the wrong type',
			{
				data: {
					slug: SLUG,
					questionId: single.id,
					tryNumber: 1,
					hintsUsed: 0,
					response: { type: 'short-answer', text: 'x' }
				}
			},
			422
		],
		[
			'a try beyond the limit',
			{
				data: {
					slug: SLUG,
					questionId: single.id,
					tryNumber: 9,
					hintsUsed: 0,
					response: { type: 'single-choice', optionId: 'o1' }
				}
			},
			422
		]
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
});
