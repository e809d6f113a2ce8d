// Sent inside the module page's HTML and an assignment's page for students, as the last element of
// the body (src/lib/server/preloads.ts), and allowed by its hash (svelte.config.js), so the file holds
// nothing but the code. It runs once the page's text has been read (the parser may have drawn part
// of it by then, or not yet). On the module page it starts the student's attempt (the same request
// the page's script would make as it starts), so that the lesson's questions come in while the
// scripts load; on both it asks for every script the page needs at once, instead of one import after
// another; then, in a task of its own, it reads sessionStorage once (below). The page takes the
// request up (startPractice in server-actions.ts); if its script started first, no request is sent
// from here.
// Links the browser's preload scanner finds are fetched and compiled while the page's text is still
// to be read, and the first paint comes later for them; links added here are asked for after the
// text, and their replies come in while the page is laid out and drawn.
{
	const script = document.currentScript;
	const hrefs = (script?.dataset.modulepreload ?? '').split(' ').filter(Boolean);
	const slug = script?.dataset.attempt;
	/** The student's attempt, asked for as the page's script would ask (unless it already has). */
	const startAttempt = () => {
		if (!slug || 'closereadAttempt' in window) return;
		let token = null;
		try {
			// The module page's tokenKey: a device with an attempt resumes it.
			token = localStorage.getItem('closeread.practice.' + slug);
		} catch {
			// No storage: a new attempt, as the page's script would start.
		}
		const reply = fetch('/api/practice', {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify(token === null ? { slug } : { slug, token })
		});
		reply.catch(() => {});
		// @ts-expect-error: read once by the page's script.
		window.closereadAttempt = { slug, token, reply };
	};
	/**
	 * SvelteKit's start reads sessionStorage (scroll positions, snapshots). A tab's first read of it
	 * waits on the browser process, busy loading the page; made here, that wait is not part of the
	 * long task in which the page's script takes the page over.
	 */
	const touchSessionStorage = () => {
		try {
			void sessionStorage.length;
		} catch {
			// No storage: SvelteKit reads nothing either.
		}
	};
	// The attempt first: its reply is on the way to the first question as much as the scripts.
	startAttempt();
	for (const href of hrefs) {
		const link = document.createElement('link');
		link.rel = 'modulepreload';
		link.href = href;
		document.head.append(link);
	}
	// In a task of its own, so as not to make this one long.
	setTimeout(touchSessionStorage);
}
