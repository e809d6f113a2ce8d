/** Headers every response carries (the CSP for pages comes from svelte.config.js). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'Referrer-Policy': 'no-referrer',
	'X-Content-Type-Options': 'nosniff',
	'X-Frame-Options': 'DENY',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
	'Cross-Origin-Opener-Policy': 'same-origin'
};

/** Paths whose answers are private: never stored by a cache. */
export const PRIVATE_PREFIXES = ['/r/', '/a/', '/api/'];

export const isPrivatePath = (pathname: string) => PRIVATE_PREFIXES.some((p) => pathname.startsWith(p));

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A form post whose origin is hidden ("null") and that the browser does not vouch for as coming
 * from this site. Pages here send `Referrer-Policy: no-referrer`, under which a browser posts a
 * plain HTML form (no JavaScript) with `Origin: null`; SvelteKit trusts that origin (see
 * svelte.config.js) only so that this check can let through the posts the browser marks
 * `Sec-Fetch-Site: same-origin`, a header pages cannot set. Any other null-origin form post is
 * refused, as SvelteKit refuses every other cross-site form post.
 */
export function isUnvouchedNullOriginForm(request: Request): boolean {
	if (!UNSAFE_METHODS.has(request.method)) return false;
	if (request.headers.get('origin') !== 'null') return false;
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	if (!FORM_TYPES.includes(type)) return false;
	return request.headers.get('sec-fetch-site') !== 'same-origin';
}
