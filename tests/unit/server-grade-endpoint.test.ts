import { describe, expect, it } from 'vitest';
import { gradeFromText } from '../../src/lib/server/grade-endpoint.ts';
import { checkJsonHeaders, MAX_JSON_BYTES } from '../../src/lib/server/json-body.ts';

const SLUG = 'seoul-warns-north-korean-soldiers-russia';
const ask = (body: Record<string, unknown>) =>
	gradeFromText(JSON.stringify({ slug: SLUG, questionId: 'how-many-soldiers', tryNumber: 1, hintsUsed: 0, ...body }));

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
		['the wrong shape', JSON.stringify({ slug: SLUG }), 422],
		[
			'an unknown lesson',
			JSON.stringify({ slug: 'nope', questionId: 'q', tryNumber: 1, hintsUsed: 0, response: null, reveal: true }),
			404
		]
	])('answers %s with %i and a message', (_name, text, status) => {
		const reply = gradeFromText(text);
		expect(reply.status).toBe(status);
		expect((reply.body as { message: string }).message.length).toBeGreaterThan(5);
	});

	it('reveals the answer with its explanation and scores zero', () => {
		const reply = ask({ response: null, reveal: true });
		expect(reply.status).toBe(200);
		const body = reply.body as { final: boolean; points: number; explanation: { evidence: unknown[] } };
		expect(body.final).toBe(true);
		expect(body.points).toBe(0);
		expect(body.explanation.evidence.length).toBeGreaterThan(0);
	});

	it('gives the same verdict for the same answer every time (labellings are cached)', () => {
		const first = ask({ response: { type: 'single-choice', optionId: 'o1' } });
		const again = ask({ response: { type: 'single-choice', optionId: 'o1' } });
		expect(again).toEqual(first);
	});
});
