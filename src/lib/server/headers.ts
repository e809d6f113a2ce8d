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
