{
	const button = /** @type {HTMLButtonElement} */ (document.currentScript?.previousElementSibling);
	const form = button.form;
	const status = () => button.closest('[data-early-scope]')?.querySelector('[data-early-status]');
	let returning = false;
	try {
		returning = !!form && !!button.dataset.resumeKey && localStorage.getItem(button.dataset.resumeKey) !== null;
	} catch {
		/* no storage */
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
