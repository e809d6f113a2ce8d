import type { Handle } from '@sveltejs/kit';
import { catalogue } from '$lib/server/content';

// Parse every module once at start-up, so a content problem is logged before the first request.
catalogue();

const PRIVATE_PREFIXES = ['/r/', '/api/'];

export const handle: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	headers.set('Referrer-Policy', 'no-referrer');
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('X-Frame-Options', 'DENY');
	headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
	headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	if (PRIVATE_PREFIXES.some((p) => event.url.pathname.startsWith(p)) || event.url.pathname.startsWith('/a/')) {
		headers.set('Cache-Control', 'no-store');
	}
	return response;
};
