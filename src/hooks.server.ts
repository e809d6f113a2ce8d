import type { Handle } from '@sveltejs/kit';
import { compressResponse } from '$lib/server/compress';
import { catalogue } from '$lib/server/content';
import { isPrivatePath, isUnvouchedNullOriginForm, SECURITY_HEADERS } from '$lib/server/headers';

// Parse every module once at start-up, so a content problem is logged before the first request.
catalogue();

export const handle: Handle = async ({ event, resolve }) => {
	const response = isUnvouchedNullOriginForm(event.request)
		? new Response('Cross-site form submissions are forbidden', { status: 403 })
		: await resolve(event);
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
	if (isPrivatePath(event.url.pathname)) response.headers.set('Cache-Control', 'no-store');
	return compressResponse(response, event.request.headers.get('accept-encoding'));
};
