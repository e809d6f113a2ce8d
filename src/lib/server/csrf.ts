/**
 * Cross-site form posts are refused. SvelteKit's own check compares the Origin header with the
 * site, but every page here is served with `Referrer-Policy: no-referrer`, under which browsers send
 * `Origin: null` with a form posted without JavaScript: the teacher's buttons would all fail. So the
 * check is ours: a form post passes when its Origin is this site, or when the Origin is hidden
 * ("null") and the browser's Sec-Fetch-Site says the post came from this very origin.
 */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isCrossSiteForm(request: Request, siteOrigin: string): boolean {
	if (!UNSAFE.has(request.method)) return false;
	const type = (request.headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase();
	if (!FORM_TYPES.includes(type)) return false;
	const origin = request.headers.get('origin');
	if (origin === siteOrigin) return false;
	return !(origin === 'null' && request.headers.get('sec-fetch-site') === 'same-origin');
}
