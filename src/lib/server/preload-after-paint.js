// Sent inside the module page's HTML, at the end of its body (src/lib/server/preloads.ts), and
// allowed by its hash (svelte.config.js), so the file holds nothing but the code. After the next
// paint it asks for every script the page needs at once, instead of one import after another.
{
	const hrefs = (document.currentScript?.dataset.modulepreload ?? '').split(' ').filter(Boolean);
	requestAnimationFrame(() =>
		setTimeout(() => {
			for (const href of hrefs) {
				const link = document.createElement('link');
				link.rel = 'modulepreload';
				link.href = href;
				document.head.append(link);
			}
		})
	);
}
