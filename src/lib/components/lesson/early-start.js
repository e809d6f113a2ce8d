{
	const button = /** @type {HTMLButtonElement} */ (document.currentScript?.previousElementSibling);
	button.disabled = false;
	button.addEventListener('click', () => {
		if (!button.hasAttribute('data-early-start')) return;
		button.setAttribute('data-early-start', 'pressed');
		button.setAttribute('aria-busy', 'true');
		const status = button.closest('.start')?.querySelector('[data-early-status]');
		if (status) status.textContent = 'Opening the lesson…';
	});
}
