/**
 * The module page's scripts, named at the end of its body instead of in a Link header. SvelteKit
 * names every script the page needs in a `Link: <…>; rel="modulepreload"` header, so that the
 * browser fetches them all at once rather than one import after another. Sent as a header, they are
 * fetched and compiled before the page's text has arrived, and the start screen is drawn later for
 * it. As `<link rel="modulepreload">` elements just before `</body>`, the browser still finds them
 * all at once (its preload scanner reads ahead of the parser), but after the text it is to draw.
 */

const MODULE_PRELOAD = /^<([^>]+)>;\s*rel="modulepreload"(?:;\s*nopush)?$/;

/** An HTML attribute value: the paths come from SvelteKit's own build, this keeps them inert all the same. */
function attribute(value: string): string {
	return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
}

/**
 * The same response with its module preloads moved from the Link header into the body. Anything
 * else in the header stays there; a response that is not a whole HTML page is returned as it is.
 */
export async function preloadsInBody(response: Response): Promise<Response> {
	const link = response.headers.get('link');
	const html = /^text\/html\b/i.test(response.headers.get('content-type') ?? '');
	if (!link || !html || response.status !== 200 || response.headers.has('content-encoding')) return response;
	const hrefs: string[] = [];
	const rest: string[] = [];
	// The paths SvelteKit writes hold no commas; each entry is one "<path>; rel=…" item.
	for (const entry of link.split(',').map((e) => e.trim())) {
		const href = MODULE_PRELOAD.exec(entry)?.[1];
		if (href === undefined) rest.push(entry);
		else hrefs.push(href);
	}
	const text = await response.text();
	const end = text.lastIndexOf('</body>');
	if (hrefs.length === 0 || end < 0) {
		return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
	}
	const tags = hrefs.map((href) => `<link rel="modulepreload" href="${attribute(href)}">`).join('\n\t\t');
	const headers = new Headers(response.headers);
	if (rest.length > 0) headers.set('link', rest.join(', '));
	else headers.delete('link');
	headers.delete('content-length');
	return new Response(`${text.slice(0, end)}\t${tags}\n\t${text.slice(end)}`, {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}
