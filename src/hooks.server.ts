import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { compressResponse } from '$lib/server/compress';
import { catalogue, getModule } from '$lib/server/content';
import { schedulePracticeCleanup } from '$lib/server/attempts/cleanup';
import { getRepository } from '$lib/server/db';
import { actionName, isInheritedName } from '$lib/server/form-actions';
import { isPrivatePath, isUnvouchedNullOriginForm, SECURITY_HEADERS } from '$lib/server/headers';
import { redactSecrets } from '$lib/server/redact';
import { answer, PageCache } from '$lib/server/page-cache';
import { collectRetryAfter } from '$lib/server/retry-after';
import { scriptedPreloads } from '$lib/server/preloads';

/**
 * Start-up, before the first request: parse every module (a content problem is logged at once),
 * open the database, applying its migrations, and remove idle practice attempts now and every few
 * hours, in the background.
 */
export const init: ServerInit = async () => {
	catalogue();
	if (building) return;
	await getRepository();
	schedulePracticeCleanup(getRepository);
};

/** The module pages, rendered once per module version (see page-cache.ts). */
const modulePages = new PageCache();
const MODULE_PAGE = /^\/m\/([a-z0-9][a-z0-9-]*)$/;
/** An assignment's page for students: its name step, like the module page's Start, works before its scripts. */
const ASSIGNMENT_PAGE = /^\/a\/[^/]+$/;

/** The module a request for the module page of `slug` shows, when the cache may answer it. */
function cachedModule(event: Parameters<Handle>[0]['event'], slug: string) {
	if (event.request.method !== 'GET' || event.url.search !== '') return undefined;
	return getModule(slug);
}

export const handle: Handle = async ({ event, resolve }) => {
	const { result: response, seconds } = await collectRetryAfter(() => respond(event, resolve));
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
	// Private pages, and every answer to a form post (the new assignment's results link is in one).
	if (isPrivatePath(event.url.pathname) || !['GET', 'HEAD'].includes(event.request.method)) {
		response.headers.set('Cache-Control', 'no-store');
	}
	if (seconds !== null && (response.status === 429 || response.status === 503)) {
		response.headers.set('Retry-After', String(seconds));
	}
	return compressResponse(response, event.request.headers.get('accept-encoding'));
};

async function respond(
	event: Parameters<Handle>[0]['event'],
	resolve: Parameters<Handle>[0]['resolve']
): Promise<Response> {
	if (isUnvouchedNullOriginForm(event.request)) {
		return new Response('Cross-site form submissions are forbidden', { status: 403 });
	}
	if (event.request.method === 'POST') {
		const name = actionName(event.url);
		if (name !== null && isInheritedName(name)) {
			return new Response(JSON.stringify({ message: 'There is no such form action.' }), {
				status: 404,
				headers: { 'Content-Type': 'application/json' }
			});
		}
	}
	const slug = MODULE_PAGE.exec(event.url.pathname)?.[1];
	if (slug === undefined) {
		// The name step is read before the page's scripts are asked for (see below).
		if (event.request.method === 'GET' && ASSIGNMENT_PAGE.test(event.url.pathname))
			return scriptedPreloads(await resolve(event));
		return resolve(event);
	}
	// The start screen's scripts are asked for once its text has been read, not ahead of it: Start
	// works before they run (early-start.js), and reading the text does not share the line with them.
	const render = async () => scriptedPreloads(await resolve(event), slug);
	const module = cachedModule(event, slug);
	if (module) {
		const kept = await modulePages.get(event.url.pathname, module, render);
		return kept instanceof Response ? kept : answer(kept, event.request);
	}
	return render();
}

/** Unexpected errors: logged without results secrets (they sit in /r/ and /api/r/ paths). */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status !== 404) {
		let what = error instanceof Error ? (error.stack ?? error.message) : String(error);
		const secret = event.params.secret;
		if (secret) what = what.replaceAll(secret, '[secret]');
		console.error(`[${status}] ${event.request.method} ${redactSecrets(event.url.pathname)}\n${redactSecrets(what)}`);
	}
	return { message };
};
