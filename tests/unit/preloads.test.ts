/**
 * The module page's scripts asked for once its text has been read: SvelteKit's modulepreload Link
 * header becomes a list on the small script at the end of the body, and nothing else about the reply
 * changes.
 */
import { describe, expect, it } from 'vitest';
import { scriptedPreloads } from '../../src/lib/server/preloads.ts';
import scripted from '../../src/lib/server/scripted-preloads.js?raw';

const PAGE =
	'<!doctype html><html><head><title>Seoul</title></head><body><h1>Seoul</h1><script>boot()</script></body></html>';
const reply = (headers: Record<string, string>, body = PAGE, status = 200) =>
	new Response(body, { status, headers: { 'content-type': 'text/html', ...headers } });
/** The list the page's script is given, and the script's code, as a browser would read them. */
function sent(html: string) {
	const match = /<script data-modulepreload="([^"]*)">([\s\S]*?)<\/script>/.exec(html);
	return match ? { list: match[1]!, code: match[2]! } : null;
}

describe('module preloads added by a script at the end of the body', () => {
	it('moves each preloaded script from the Link header to the script at the end of the body, in order', async () => {
		const moved = await scriptedPreloads(
			reply({
				link: '<../_app/immutable/entry/start.A1.js>; rel="modulepreload"; nopush, <../_app/immutable/nodes/4.B2.js>; rel="modulepreload"; nopush',
				'content-security-policy': "script-src 'self'"
			})
		);
		expect(moved.headers.get('link')).toBeNull();
		expect(moved.headers.get('content-security-policy')).toBe("script-src 'self'");
		const html = await moved.text();
		// Nothing the browser's preload scanner would fetch ahead of the text.
		expect(html).not.toContain('<link rel="modulepreload"');
		expect(sent(html)).toEqual({
			list: '../_app/immutable/entry/start.A1.js ../_app/immutable/nodes/4.B2.js',
			// Exactly the file whose hash the Content-Security-Policy allows.
			code: scripted
		});
		// After the text and the page's own script, inside the body.
		expect(html.indexOf('<script data-modulepreload')).toBeGreaterThan(html.indexOf('<script>boot()</script>'));
		expect(html.trimEnd().endsWith('</body></html>')).toBe(true);
		expect(html.replace(/\s*<script data-modulepreload[\s\S]*?<\/script>\s*/, '')).toBe(PAGE);
	});

	it('keeps whatever else the Link header names', async () => {
		const moved = await scriptedPreloads(
			reply({ link: '<../a.js>; rel="modulepreload"; nopush, <../font.woff2>; rel="preload"; as="font"; crossorigin' })
		);
		expect(moved.headers.get('link')).toBe('<../font.woff2>; rel="preload"; as="font"; crossorigin');
		expect(sent(await moved.text())?.list).toBe('../a.js');
	});

	it('names the module whose attempt the script starts once the page is painted', async () => {
		const moved = await scriptedPreloads(reply({ link: '<../a.js>; rel="modulepreload"' }), 'seoul-warns');
		const html = await moved.text();
		expect(html).toContain('<script data-modulepreload="../a.js" data-attempt="seoul-warns">');
		expect(html).not.toMatch(/<script data-modulepreload="[^"]*">/);
		const quoted = await scriptedPreloads(reply({ link: '<../a.js>; rel="modulepreload"' }), 'a"b');
		expect(await quoted.text()).toContain('data-attempt="a&quot;b"');
	});

	it('writes the list as an attribute value that cannot end early', async () => {
		const moved = await scriptedPreloads(reply({ link: '<../a"b<c&.js>; rel="modulepreload"' }));
		expect(await moved.text()).toContain('data-modulepreload="../a&quot;b&lt;c&amp;.js"');
	});

	it('leaves alone a reply that is not a whole HTML page, or has no preloads', async () => {
		const json = new Response('{}', {
			headers: { 'content-type': 'application/json', link: '<../a.js>; rel="modulepreload"' }
		});
		expect(await scriptedPreloads(json)).toBe(json);
		const missing = reply({ link: '<../a.js>; rel="modulepreload"' }, 'Not found', 404);
		expect(await scriptedPreloads(missing)).toBe(missing);
		const plain = await scriptedPreloads(reply({}));
		expect(await plain.text()).toBe(PAGE);
		const noPreloads = await scriptedPreloads(reply({ link: '<../font.woff2>; rel="preload"; as="font"' }));
		expect(noPreloads.headers.get('link')).toBe('<../font.woff2>; rel="preload"; as="font"');
		expect(await noPreloads.text()).toBe(PAGE);
	});
});
