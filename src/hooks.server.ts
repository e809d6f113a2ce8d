import type { Handle } from '@sveltejs/kit';
import { compressResponse } from '$lib/server/compress';
import { catalogue } from '$lib/server/content';
import { isPrivatePath, SECURITY_HEADERS } from '$lib/server/headers';
import { isCrossSiteForm } from '$lib/server/csrf';

// Parse every module once at start-up, so a content problem is logged before the first request.
catalogue();

export const handle: Handle = async ({ event, resolve }) => {
	const response = isCrossSiteForm(event.request, event.url.origin)
		? new Response(`Cross-site ${event.request.method} form submissions are forbidden`, { status: 403 })
		: await resolve(event);
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
	if (isPrivatePath(event.url.pathname)) response.headers.set('Cache-Control', 'no-store');
	return compressResponse(response, event.request.headers.get('accept-encoding'));
};
