/**
 * The scripts of the pages a lesson starts from (the module page, an assignment's name step), asked
 * for once the page's text has been read instead of ahead of it. SvelteKit names every script the
 * page needs in a `Link: <…>; rel="modulepreload"` header, so that the browser fetches them all at
 * once rather than one import after another. Sent as a header (or as links the browser's preload
 * scanner finds in the HTML), they are fetched and compiled while the page's text is still to be
 * read, and the start screen (or the name step) comes later for it. Here the header's list goes to a
 * small script at the end of the body (scripted-preloads.js) that adds the same links when it runs:
 * still all at once, and before the page's own script asks for them, but after the text.
 * Given the module's slug, the same script first starts the student's practice attempt, the request
 * the page's script would otherwise send only once it has loaded (startPractice takes it up).
 */
import scripted from './scripted-preloads.js?raw';

const MODULE_PRELOAD = /^<([^>]+)>;\s*rel="modulepreload"(?:;\s*nopush)?$/;

/** An HTML attribute value: the paths come from SvelteKit's own build, this keeps them inert all the same. */
function attribute(value: string): string {
	return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
}

/**
 * The same response with its module preloads moved from the Link header to the script at the end
 * of the body, which starts the attempt on `attempt` (a module's slug) when one is given. Anything
 * else in the header stays there; a response that is not a whole HTML page is returned as it is.
 */
export async function scriptedPreloads(response: Response, attempt?: string): Promise<Response> {
	const link = response.headers.get('link');
	const html = /^text\/html\b/i.test(response.headers.get('content-type') ?? '');
	if (!link || !html || response.status !== 200 || response.headers.has('content-encoding')) return response;
	const hrefs: string[] = [];
	const rest: string[] = [];
	// The paths SvelteKit writes hold no commas or spaces; each entry is one "<path>; rel=…" item.
	for (const entry of link.split(',').map((e) => e.trim())) {
		const href = MODULE_PRELOAD.exec(entry)?.[1];
		if (href === undefined || /\s/.test(href)) rest.push(entry);
		else hrefs.push(href);
	}
	const text = await response.text();
	const end = text.lastIndexOf('</body>');
	const init = { status: response.status, statusText: response.statusText };
	if (hrefs.length === 0 || end < 0) return new Response(text, { ...init, headers: response.headers });
	const slug = attempt === undefined ? '' : ` data-attempt="${attribute(attempt)}"`;
	const script = `<script data-modulepreload="${attribute(hrefs.join(' '))}"${slug}>${scripted}</script>`;
	const headers = new Headers(response.headers);
	if (rest.length > 0) headers.set('link', rest.join(', '));
	else headers.delete('link');
	headers.delete('content-length');
	return new Response(`${text.slice(0, end)}\t${script}\n\t${text.slice(end)}`, { ...init, headers });
}
