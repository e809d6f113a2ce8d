/**
 * The module page, rendered once per module version and kept compressed. `/m/<slug>` is the same
 * for every student (what is theirs, display settings and the attempt, lives in the browser), so
 * the first request renders it and every later one gets the kept bytes: brotli or gzip as the
 * browser accepts, with a strong ETag and 304 when the browser already has it. A module is loaded
 * once per process; a new version (content changed, server restarted) is a new Module object, so
 * its page is rendered afresh and, being different bytes, gets a different ETag.
 *
 * The cache is per process on purpose: each process renders the same bytes from the same content
 * and build, so processes behind one proxy give the same ETags and nothing needs sharing.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Module } from '../content/module.ts';
import { acceptsCoding } from './compress.ts';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export interface CachedPage {
	/** The strong validator of the page's bytes, without quotes. */
	tag: string;
	/** The rendered response's headers (CSP and the like), without length, encoding or validator. */
	headers: [string, string][];
	identity: Uint8Array;
	gzip: Uint8Array;
	br: Uint8Array;
}

/** Keep a rendered page: its bytes, their validator and both compressed forms, made once. */
export async function keepPage(response: Response): Promise<CachedPage> {
	const identity = new Uint8Array(await response.arrayBuffer());
	const [zipped, br] = await Promise.all([
		gzipAsync(identity, { level: 9 }),
		brotli(identity, {
			params: {
				[constants.BROTLI_PARAM_QUALITY]: 11,
				[constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
				[constants.BROTLI_PARAM_SIZE_HINT]: identity.byteLength
			}
		})
	]);
	const skip = new Set(['content-length', 'content-encoding', 'etag', 'set-cookie', 'vary', 'cache-control']);
	const headers = [...response.headers].filter(([name]) => !skip.has(name.toLowerCase()));
	return {
		tag: createHash('sha256').update(identity).digest('base64url').slice(0, 27),
		headers,
		identity,
		gzip: new Uint8Array(zipped),
		br: new Uint8Array(br)
	};
}

const ENCODINGS = [
	['br', 'br'],
	['gzip', 'gzip']
] as const;

/** Whether an If-None-Match header names this page (in any of its encodings). */
export function matches(page: CachedPage, ifNoneMatch: string | null): boolean {
	if (!ifNoneMatch) return false;
	return ifNoneMatch.split(',').some((raw) => {
		const value = raw.trim().replace(/^W\//, '');
		if (value === '*') return true;
		const tag = value.replace(/^"|"$/g, '').replace(/-(br|gzip)$/, '');
		return tag === page.tag;
	});
}

/** The kept page as an answer to a GET or HEAD with these request headers. */
export function answer(page: CachedPage, request: Request): Response {
	const accept = request.headers.get('accept-encoding');
	const coding = ENCODINGS.find(([name]) => acceptsCoding(accept, name))?.[1] ?? null;
	const headers = new Headers(page.headers);
	// The encoding is part of the validator: a cache keeps each encoding apart.
	const etag = `"${page.tag}${coding ? `-${coding}` : ''}"`;
	headers.set('ETag', etag);
	headers.set('Vary', 'Accept-Encoding');
	// Stored, but checked with the server (a 304 costs a few bytes) before each use.
	headers.set('Cache-Control', 'no-cache');
	if (matches(page, request.headers.get('if-none-match'))) {
		const kept = new Headers();
		for (const name of ['etag', 'vary', 'cache-control']) kept.set(name, headers.get(name)!);
		return new Response(null, { status: 304, headers: kept });
	}
	const body = coding === 'br' ? page.br : coding === 'gzip' ? page.gzip : page.identity;
	if (coding) headers.set('Content-Encoding', coding);
	headers.set('Content-Length', String(body.byteLength));
	return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers });
}

/**
 * Kept pages by path. An entry belongs to one Module object: when the module at that path is no
 * longer the same object (a new version), the entry is rendered again. A render in progress is
 * shared, so a class opening the lesson at once renders it once.
 */
export class PageCache {
	#pages = new Map<string, { module: Module; page: Promise<CachedPage | null> }>();
	#kept: RegExp;

	/** `kept`: the content types a render may have to be kept (HTML pages unless told). */
	constructor(kept: RegExp = /^text\/html\b/i) {
		this.#kept = kept;
	}

	/**
	 * The kept page for `path` at this version of `module`, rendering it with `render` when there is
	 * none. A render that is not a 200 reply of a kept type is not kept (null): the caller answers it
	 * itself.
	 */
	async get(path: string, module: Module, render: () => Promise<Response>): Promise<CachedPage | Response> {
		const entry = this.#pages.get(path);
		if (entry && entry.module === module) {
			const page = await entry.page;
			if (page) return page;
		}
		let own: Response | null = null;
		const page = render().then(async (response) => {
			const kept = this.#kept.test(response.headers.get('content-type') ?? '');
			if (response.status !== 200 || !kept || response.headers.has('content-encoding')) {
				own = response;
				return null;
			}
			return keepPage(response);
		});
		this.#pages.set(path, { module, page });
		page.then(
			(kept) => {
				if (!kept && this.#pages.get(path)?.page === page) this.#pages.delete(path);
			},
			() => {
				if (this.#pages.get(path)?.page === page) this.#pages.delete(path);
			}
		);
		const kept = await page;
		return kept ?? own!;
	}

	clear() {
		this.#pages.clear();
	}
}
