import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressResponse } from '../../src/lib/server/compress.ts';

const page = '<!doctype html><p>' + 'Seoul warns of soldiers. '.repeat(200) + '</p>';
const html = () => new Response(page, { status: 200, headers: { 'content-type': 'text/html' } });

describe('compressResponse', () => {
	it('gzips a page for a browser that accepts gzip, and the page survives the round trip', async () => {
		const r = await compressResponse(html(), 'gzip, deflate, br');
		expect(r.headers.get('content-encoding')).toBe('gzip');
		expect(r.headers.get('vary')).toContain('Accept-Encoding');
		const zipped = Buffer.from(await r.arrayBuffer());
		expect(zipped.byteLength).toBeLessThan(page.length / 4);
		expect(gunzipSync(zipped).toString()).toBe(page);
	});

	it.each([
		['a client without gzip', html(), 'identity'],
		['a small body', new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } }), 'gzip'],
		['an image', new Response('x'.repeat(5000), { headers: { 'content-type': 'image/svg+xml' } }), 'gzip']
	])('leaves %s uncompressed', async (_name, response, accept) => {
		const r = await compressResponse(response, accept);
		expect(r.headers.get('content-encoding')).toBeNull();
	});

	it('passes a small JSON answer with its declared length through unread, still marked as varying', async () => {
		const text = JSON.stringify({ verdict: 'correct', credit: 1 });
		const response = new Response(text, {
			headers: { 'content-type': 'application/json', 'content-length': String(text.length) }
		});
		const r = await compressResponse(response, 'gzip');
		expect(r).toBe(response);
		expect(r.bodyUsed).toBe(false);
		expect(r.headers.get('vary')).toContain('Accept-Encoding');
		expect(await r.text()).toBe(text);
	});

	it('marks a page sent to a client without gzip as varying by Accept-Encoding', async () => {
		const r = await compressResponse(html(), 'identity');
		expect(r.headers.get('vary')).toContain('Accept-Encoding');
		expect(await r.text()).toBe(page);
	});
});

describe('compressResponse on a streamed body', () => {
	it('compresses a page that arrives in many chunks, and it survives the round trip', async () => {
		const parts = Array.from({ length: 50 }, (_, i) => `<p>Paragraph ${i}: Seoul warns of soldiers.</p>`);
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
				controller.close();
			}
		});
		const r = await compressResponse(new Response(body, { headers: { 'content-type': 'text/html' } }), 'gzip');
		expect(r.headers.get('content-encoding')).toBe('gzip');
		expect(r.headers.get('content-length')).toBeNull();
		expect(gunzipSync(Buffer.from(await r.arrayBuffer())).toString()).toBe(parts.join(''));
	});

	it('sends a page as it is to a browser that refuses gzip (q=0)', async () => {
		const r = await compressResponse(html(), 'gzip;q=0, identity');
		expect(r.headers.get('content-encoding')).toBeNull();
		expect(await r.text()).toBe(page);
	});
});
