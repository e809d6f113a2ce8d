/**
 * Plain HTML forms (no JavaScript) post with Origin: null under Referrer-Policy: no-referrer. Only
 * the posts the browser marks as coming from this site get through; every other null-origin form
 * post is refused.
 */
import { describe, expect, it } from 'vitest';
import { isUnvouchedNullOriginForm } from '../../src/lib/server/headers.ts';

const post = (headers: Record<string, string>, method = 'POST') =>
	new Request('http://127.0.0.1/r/secret?/mark', { method, headers, body: method === 'GET' ? null : 'a=1' });
const form = 'application/x-www-form-urlencoded';

describe('null-origin form posts', () => {
	it.each([
		[
			'from this site, as the browser says',
			{ origin: 'null', 'content-type': form, 'sec-fetch-site': 'same-origin' },
			false
		],
		['from another site', { origin: 'null', 'content-type': form, 'sec-fetch-site': 'cross-site' }, true],
		[
			'from a sibling site',
			{ origin: 'null', 'content-type': 'multipart/form-data; boundary=x', 'sec-fetch-site': 'same-site' },
			true
		],
		['without the browser saying where from', { origin: 'null', 'content-type': 'text/plain' }, true],
		[
			'with a real origin (SvelteKit checks those)',
			{ origin: 'https://elsewhere.example', 'content-type': form },
			false
		],
		['of JSON (not a form; routes parse it themselves)', { origin: 'null', 'content-type': 'application/json' }, false]
	])('%s: refused %s', (_, headers, refused) => {
		expect(isUnvouchedNullOriginForm(post(headers))).toBe(refused);
	});

	it('leaves reads alone', () => {
		expect(isUnvouchedNullOriginForm(post({ origin: 'null', 'content-type': form }, 'GET'))).toBe(false);
	});
});
