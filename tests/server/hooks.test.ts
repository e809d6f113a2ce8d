/**
 * The server hook: results secrets never reach the log, odd action names are refused, and a note
 * made deep in a request becomes a Retry-After header.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handle, handleError } from '../../src/hooks.server.ts';
import { redactSecrets } from '../../src/lib/server/redact.ts';
import { noteRetryAfter } from '../../src/lib/server/retry-after.ts';

const SECRET = 'Zq3sV9kLmN0pQ1rS2tU3vW4xY5z6A7b8';

function fakeEvent(path: string, method = 'GET', params: Record<string, string> = {}) {
	const url = new URL(`http://127.0.0.1${path}`);
	return { url, request: new Request(url, { method }), params } as unknown as Parameters<
		typeof handleError
	>[0]['event'];
}

afterEach(() => vi.restoreAllMocks());

describe('results secrets in logs', () => {
	it.each([
		[`/r/${SECRET}`, '/r/[secret]'],
		[`/api/r/${SECRET}/csv`, '/api/r/[secret]/csv'],
		[`POST /r/${SECRET}/student/abc?/x`, 'POST /r/[secret]/student/abc?/x'],
		['at render (/m/slug)', 'at render (/m/slug)']
	])('%s is logged as %s', (text, logged) => {
		expect(redactSecrets(text)).toBe(logged);
	});

	it('an unexpected error under /r/ or /api/r/ is logged without the secret', () => {
		const lines: string[] = [];
		vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
		for (const path of [`/r/${SECRET}`, `/api/r/${SECRET}`, `/r/${SECRET}/worksheet`]) {
			const error = new Error(`lookup failed for ${SECRET} at ${path}`);
			const body = handleError({
				error,
				event: fakeEvent(path, 'POST', { secret: SECRET }),
				status: 500,
				message: 'Internal Error'
			});
			expect(body).toEqual({ message: 'Internal Error' });
		}
		expect(lines).toHaveLength(3);
		for (const line of lines) {
			expect(line).not.toContain(SECRET);
			expect(line).toContain('/r/[secret]');
		}
	});
});

describe('the server hook', () => {
	it('refuses form actions named after Object.prototype with 404 before any route runs', async () => {
		const resolve = vi.fn(async () => new Response('ran'));
		for (const name of ['__proto__', 'constructor', 'valueOf', 'toString', 'hasOwnProperty']) {
			const res = await handle({ event: fakeEvent(`/teach?/${name}`, 'POST'), resolve } as never);
			expect(res.status).toBe(404);
		}
		expect(resolve).not.toHaveBeenCalled();
		const ok = await handle({ event: fakeEvent('/teach?/release', 'POST'), resolve } as never);
		expect(ok.status).toBe(200);
	});

	it('turns a retry note into Retry-After on a 429 or 503, and marks form replies no-store', async () => {
		const res = await handle({
			event: fakeEvent('/teach', 'POST'),
			resolve: async () => {
				noteRetryAfter(2.2);
				return new Response('busy', { status: 503 });
			}
		} as never);
		expect(res.status).toBe(503);
		expect(res.headers.get('retry-after')).toBe('3');
		expect(res.headers.get('cache-control')).toBe('no-store');
		const page = await handle({ event: fakeEvent('/teach'), resolve: async () => new Response('form') } as never);
		expect(page.headers.get('retry-after')).toBeNull();
		expect(page.headers.get('cache-control')).toBeNull();
	});
});
