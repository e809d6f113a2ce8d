/**
 * The module page kept once per module version: every later request gets the same bytes, in the
 * encoding the browser accepts, with an ETag that a 304 honours; a new version of the module is
 * rendered afresh and, being a different page, gets a different ETag.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import type { Module } from '../../src/lib/content/module.ts';
import { answer, keepPage, matches, PageCache } from '../../src/lib/server/page-cache.ts';

const html = (words: string) =>
	'<!doctype html><html><body><h1>Seoul</h1><p>' + `${words} `.repeat(300) + '</p></body></html>';
const rendered = (body: string, status = 200) =>
	new Response(body, {
		status,
		headers: {
			'content-type': 'text/html',
			'content-security-policy': "script-src 'self'",
			etag: '"framework"'
		}
	});
const get = (headers: Record<string, string> = {}, method = 'GET') =>
	new Request('http://127.0.0.1/m/seoul', { method, headers });
// Two versions of one module: the cache tells them apart by identity, as a reload makes a new object.
const v1 = { slug: 'seoul' } as Module;
const v2 = { slug: 'seoul' } as Module;

describe('a kept page', () => {
	it('answers with brotli, gzip or plain bytes as accepted, each decoding to the same page', async () => {
		const page = await keepPage(rendered(html('soldiers')));
		const br = answer(page, get({ 'accept-encoding': 'gzip, deflate, br' }));
		expect(br.headers.get('content-encoding')).toBe('br');
		const gz = answer(page, get({ 'accept-encoding': 'gzip' }));
		expect(gz.headers.get('content-encoding')).toBe('gzip');
		const plain = answer(page, get({ 'accept-encoding': 'identity' }));
		expect(plain.headers.get('content-encoding')).toBeNull();
		const text = html('soldiers');
		const brBytes = Buffer.from(await br.arrayBuffer());
		expect(brBytes.byteLength).toBe(Number(br.headers.get('content-length')));
		expect(brotliDecompressSync(brBytes).toString()).toBe(text);
		expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(text);
		expect(await plain.text()).toBe(text);
		for (const r of [br, gz, plain]) {
			expect(r.headers.get('vary')).toBe('Accept-Encoding');
			expect(r.headers.get('content-security-policy')).toBe("script-src 'self'");
		}
	});

	it('refuses an encoding the browser gives q=0', async () => {
		const page = await keepPage(rendered(html('soldiers')));
		const r = answer(page, get({ 'accept-encoding': 'br;q=0, gzip' }));
		expect(r.headers.get('content-encoding')).toBe('gzip');
	});

	it('has a strong ETag per encoding, and answers 304 with no body to any of them', async () => {
		const page = await keepPage(rendered(html('soldiers')));
		const first = answer(page, get({ 'accept-encoding': 'gzip' }));
		const etag = first.headers.get('etag')!;
		expect(etag).toMatch(/^"[^"]+-gzip"$/);
		expect(etag).not.toBe('"framework"');
		const again = answer(page, get({ 'accept-encoding': 'gzip', 'if-none-match': etag }));
		expect(again.status).toBe(304);
		expect(again.body).toBeNull();
		expect(again.headers.get('etag')).toBe(etag);
		// A cache that kept the plain page, or lists several tags, weak or not, also gets a 304.
		const plainTag = answer(page, get()).headers.get('etag')!;
		expect(answer(page, get({ 'accept-encoding': 'br', 'if-none-match': plainTag })).status).toBe(304);
		expect(answer(page, get({ 'if-none-match': `"other", W/${etag}` })).status).toBe(304);
		expect(answer(page, get({ 'if-none-match': '"other"' })).status).toBe(200);
		expect(matches(page, null)).toBe(false);
	});

	it('answers HEAD with the headers and no body', async () => {
		const page = await keepPage(rendered(html('soldiers')));
		const r = answer(page, get({ 'accept-encoding': 'gzip' }, 'HEAD'));
		expect(r.status).toBe(200);
		expect(r.body).toBeNull();
		expect(Number(r.headers.get('content-length'))).toBe(page.gzip.byteLength);
	});
});

describe('the page cache', () => {
	it('renders a module page once, however many students ask at once', async () => {
		const cache = new PageCache();
		const render = vi.fn(async () => rendered(html('soldiers')));
		const pages = await Promise.all(Array.from({ length: 20 }, () => cache.get('/m/seoul', v1, render)));
		expect(render).toHaveBeenCalledTimes(1);
		expect(new Set(pages).size).toBe(1);
		await cache.get('/m/seoul', v1, render);
		expect(render).toHaveBeenCalledTimes(1);
	});

	it('renders a new version of the module again, with a new ETag', async () => {
		const cache = new PageCache();
		const old = await cache.get('/m/seoul', v1, async () => rendered(html('soldiers')));
		const changed = await cache.get('/m/seoul', v2, async () => rendered(html('troops')));
		expect(old).not.toBeInstanceOf(Response);
		expect(changed).not.toBeInstanceOf(Response);
		const tag = (p: typeof old) => answer(p as Exclude<typeof old, Response>, get()).headers.get('etag');
		expect(tag(changed)).not.toBe(tag(old));
		// The same content gives the same ETag (another process, or after a restart).
		const same = await new PageCache().get('/m/seoul', v1, async () => rendered(html('soldiers')));
		expect(tag(same)).toBe(tag(old));
	});

	it('passes an error page through without keeping it', async () => {
		const cache = new PageCache();
		const failed = await cache.get('/m/seoul', v1, async () => rendered('<p>Busy</p>', 503));
		expect(failed).toBeInstanceOf(Response);
		expect((failed as Response).status).toBe(503);
		const render = vi.fn(async () => rendered(html('soldiers')));
		const page = await cache.get('/m/seoul', v1, render);
		expect(render).toHaveBeenCalledTimes(1);
		expect(page).not.toBeInstanceOf(Response);
	});

	it('keeps only the types it is made for: HTML pages unless told', async () => {
		const json = () =>
			new Response(JSON.stringify({ base: 'M0 0z' }), { headers: { 'content-type': 'application/json' } });
		const pages = new PageCache();
		expect(await pages.get('/m/seoul', v1, async () => json())).toBeInstanceOf(Response);
		const files = new PageCache(/^application\/json\b/);
		const render = vi.fn(async () => json());
		const kept = await files.get('/m/seoul/map.json', v1, render);
		expect(kept).not.toBeInstanceOf(Response);
		await files.get('/m/seoul/map.json', v1, render);
		expect(render).toHaveBeenCalledTimes(1);
		expect(await files.get('/m/seoul', v1, async () => rendered(html('soldiers')))).toBeInstanceOf(Response);
	});
});
