{
	// Run as the browser reads the lesson's Start button, just before this script: the module page's
	// Start, or the submit button of an assignment's name form. Its status line is looked up inside
	// the nearest [data-early-scope]; the name form's stands before the form, so it can be filled here.
	const button = /** @type {HTMLButtonElement} */ (document.currentScript?.previousElementSibling);
	const form = button.form;
	const status = () => button.closest('[data-early-scope]')?.querySelector('[data-early-status]');
	let returning = false;
	try {
		// A device that has started here before: its page's script resumes it, so the form waits hidden.
		returning = !!form && !!button.dataset.resumeKey && localStorage.getItem(button.dataset.resumeKey) !== null;
	} catch {
		// No storage: a new device.
	}
	if (returning && form) {
		form.hidden = true;
		const line = status();
		if (line) line.textContent = 'Loading…';
	} else {
		button.disabled = false;
		/** @param {Event} event */
		const press = (event) => {
			if (!button.hasAttribute('data-early-start')) return;
			// Kept for the page's script, which takes it up once it runs: a form must not leave the page.
			event.preventDefault();
			button.setAttribute('data-early-start', 'pressed');
			button.setAttribute('aria-busy', 'true');
			const line = status();
			if (line) line.textContent = form ? 'Starting…' : 'Opening the lesson…';
		};
		if (form) form.addEventListener('submit', press);
		else button.addEventListener('click', press);
	}
}
