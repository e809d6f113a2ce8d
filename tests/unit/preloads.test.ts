/**
 * The module page's scripts named after its text: SvelteKit's modulepreload Link header becomes
 * <link rel="modulepreload"> elements at the end of the body, and nothing else about the reply changes.
 */
import { describe, expect, it } from 'vitest';
import { preloadsInBody } from '../../src/lib/server/preloads.ts';

const PAGE =
	'<!doctype html><html><head><title>Seoul</title></head><body><h1>Seoul</h1><script>boot()</script></body></html>';
const reply = (headers: Record<string, string>, body = PAGE, status = 200) =>
	new Response(body, { status, headers: { 'content-type': 'text/html', ...headers } });

describe('module preloads in the body', () => {
	it('moves each preloaded script from the Link header to the end of the body, in order', async () => {
		const moved = await preloadsInBody(
			reply({
				link: '<../_app/immutable/entry/start.A1.js>; rel="modulepreload"; nopush, <../_app/immutable/nodes/4.B2.js>; rel="modulepreload"; nopush',
				'content-security-policy': "script-src 'self'"
			})
		);
		expect(moved.headers.get('link')).toBeNull();
		expect(moved.headers.get('content-security-policy')).toBe("script-src 'self'");
		const html = await moved.text();
		const head = html.slice(0, html.indexOf('</head>'));
		expect(head).not.toContain('modulepreload');
		const links = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);
		expect(links).toEqual(['../_app/immutable/entry/start.A1.js', '../_app/immutable/nodes/4.B2.js']);
		// After the text and the page's own script, inside the body.
		expect(html.indexOf('<link rel="modulepreload"')).toBeGreaterThan(html.indexOf('<script>boot()</script>'));
		expect(html.trimEnd().endsWith('</body></html>')).toBe(true);
		expect(html.replaceAll(/\s*<link rel="modulepreload"[^>]*>/g, '').replaceAll(/\s+</g, '<')).toBe(PAGE);
	});

	it('keeps whatever else the Link header names', async () => {
		const moved = await preloadsInBody(
			reply({ link: '<../a.js>; rel="modulepreload"; nopush, <../font.woff2>; rel="preload"; as="font"; crossorigin' })
		);
		expect(moved.headers.get('link')).toBe('<../font.woff2>; rel="preload"; as="font"; crossorigin');
		expect(await moved.text()).toContain('<link rel="modulepreload" href="../a.js">');
	});

	it('writes a path as an attribute value that cannot end early', async () => {
		const moved = await preloadsInBody(reply({ link: '<../a"b<c&.js>; rel="modulepreload"' }));
		expect(await moved.text()).toContain('<link rel="modulepreload" href="../a&quot;b&lt;c&amp;.js">');
	});

	it('leaves alone a reply that is not a whole HTML page, or has no preloads', async () => {
		const json = new Response('{}', {
			headers: { 'content-type': 'application/json', link: '<../a.js>; rel="modulepreload"' }
		});
		expect(await preloadsInBody(json)).toBe(json);
		const missing = reply({ link: '<../a.js>; rel="modulepreload"' }, 'Not found', 404);
		expect(await preloadsInBody(missing)).toBe(missing);
		const plain = await preloadsInBody(reply({}));
		expect(await plain.text()).toBe(PAGE);
		const noPreloads = await preloadsInBody(reply({ link: '<../font.woff2>; rel="preload"; as="font"' }));
		expect(noPreloads.headers.get('link')).toBe('<../font.woff2>; rel="preload"; as="font"');
		expect(await noPreloads.text()).toBe(PAGE);
	});
});
