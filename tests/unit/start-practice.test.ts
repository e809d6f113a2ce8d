/**
 * The practice attempt's request, sent by the module page's first script as soon as the page's text
 * is read (scripted-preloads.js) and taken up by the page's own script: one request per start,
 * read in the same way as every other, and never one meant for another module or another token.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RefusedError, startPractice } from '../../src/lib/machines/server-actions.ts';

type Holder = { closereadAttempt?: unknown };
const holder = globalThis as Holder;
const VIEW = { token: 't-1', questions: [] };

/** A fetch that records each request and answers with the given view. */
function recorder(view: unknown = VIEW) {
	const calls: { url: string; body: unknown }[] = [];
	const fetchFn = (async (url: string, init?: RequestInit) => {
		calls.push({ url, body: JSON.parse(String(init?.body)) });
		return new Response(JSON.stringify(view), { status: 200 });
	}) as typeof fetch;
	return { calls, fetchFn };
}
const early = (slug: string, token: string | null, reply: Response | Promise<Response>) => {
	holder.closereadAttempt = { slug, token, reply: Promise.resolve(reply) };
};

afterEach(() => {
	delete holder.closereadAttempt;
});

describe('startPractice', () => {
	it('takes the request the page sent ahead for this module and token, and sends none of its own', async () => {
		const { calls, fetchFn } = recorder();
		early('seoul', 'saved-token', new Response(JSON.stringify({ token: 'saved-token', resumed: true })));
		await expect(startPractice('seoul', 'saved-token', fetchFn)).resolves.toEqual({
			token: 'saved-token',
			resumed: true
		});
		expect(calls).toEqual([]);
	});

	it('takes an early request without a token for a device without one', async () => {
		const { calls, fetchFn } = recorder();
		early('seoul', null, new Response(JSON.stringify({ token: 'new' })));
		await expect(startPractice('seoul', undefined, fetchFn)).resolves.toEqual({ token: 'new' });
		expect(calls).toEqual([]);
	});

	it('takes the early request once: the next start (Restart, a retry) sends its own', async () => {
		const { calls, fetchFn } = recorder();
		early('seoul', null, new Response(JSON.stringify({ token: 'new' })));
		await startPractice('seoul', undefined, fetchFn);
		await expect(startPractice('seoul', undefined, fetchFn)).resolves.toEqual(VIEW);
		expect(calls).toEqual([{ url: '/api/practice', body: { slug: 'seoul' } }]);
	});

	it('leaves a mark that the page has asked, so that the early script sends nothing afterwards', async () => {
		const { fetchFn } = recorder();
		await startPractice('seoul', undefined, fetchFn);
		expect('closereadAttempt' in holder).toBe(true);
	});

	it.each([
		{ name: 'another module', slug: 'other', token: 'saved-token' },
		{ name: 'another token', slug: 'seoul', token: 'older-token' },
		{ name: 'no token where the page has one', slug: 'seoul', token: null }
	])('sends its own request when the early one was for $name', async ({ slug, token }) => {
		const { calls, fetchFn } = recorder();
		early(slug, token, new Response(JSON.stringify({ token: 'wrong' })));
		await expect(startPractice('seoul', 'saved-token', fetchFn)).resolves.toEqual(VIEW);
		expect(calls).toEqual([{ url: '/api/practice', body: { slug: 'seoul', token: 'saved-token' } }]);
	});

	it('reads a refusal of the early request as it reads any other', async () => {
		early(
			'seoul',
			null,
			new Response(JSON.stringify({ message: 'There is no lesson with that name.' }), { status: 404 })
		);
		const error = await startPractice('seoul', undefined).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(RefusedError);
		expect((error as Error).message).toBe('There is no lesson with that name.');
	});

	it('reads an early request that could not reach the server as it reads any other', async () => {
		holder.closereadAttempt = { slug: 'seoul', token: null, reply: Promise.reject(new TypeError('Failed to fetch')) };
		await expect(startPractice('seoul', undefined)).rejects.toThrow(
			'Could not reach the server. Check your connection and try again.'
		);
	});
});
