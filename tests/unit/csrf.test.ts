import { describe, expect, it } from 'vitest';
import { isCrossSiteForm } from '../../src/lib/server/csrf.ts';

const SITE = 'https://closeread.example';
const post = (headers: Record<string, string>, method = 'POST') =>
	new Request(`${SITE}/r/secret?/reset`, { method, headers, body: method === 'GET' ? undefined : 'a=1' });
const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('form posts', () => {
	it.each([
		['from this site', { ...form, origin: SITE }],
		[
			'without JavaScript from a no-referrer page of this site',
			{ ...form, origin: 'null', 'sec-fetch-site': 'same-origin' }
		],
		[
			'as JSON (not a form a page elsewhere could send)',
			{ 'content-type': 'application/json', origin: 'https://evil.example' }
		]
	])('pass %s', (_, headers) => {
		expect(isCrossSiteForm(post(headers), SITE)).toBe(false);
	});

	it.each([
		['from another site', { ...form, origin: 'https://evil.example' }],
		['from a sandboxed frame elsewhere', { ...form, origin: 'null', 'sec-fetch-site': 'cross-site' }],
		['with a hidden origin and no fetch metadata', { ...form, origin: 'null' }],
		['without an origin', { 'content-type': 'multipart/form-data; boundary=x' }],
		['as text/plain from another site', { 'content-type': 'text/plain', origin: 'https://evil.example' }]
	])('are refused %s', (_, headers) => {
		expect(isCrossSiteForm(post(headers), SITE)).toBe(true);
	});

	it('a GET is never a cross-site form post', () => {
		expect(
			isCrossSiteForm(new Request(`${SITE}/r/secret`, { headers: { origin: 'https://evil.example' } }), SITE)
		).toBe(false);
	});
});
