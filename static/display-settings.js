// Applies the reader's display settings (saved on this device) to <html> before the page is drawn,
// so a reload never flashes the default look. The values are checked by the CSS, which matches only
// the ones it knows; src/lib/settings/display.ts is the source of truth for names and values.
(function () {
	try {
		var s = JSON.parse(localStorage.getItem('closeread:display') || '{}');
		var map = {
			textSize: 'data-text-size',
			lineSpacing: 'data-line-spacing',
			letterSpacing: 'data-letter-spacing',
			columnWidth: 'data-column-width',
			font: 'data-font'
		};
		for (var key in map) {
			var value = s && s[key];
			if (typeof value === 'string' && /^[a-z0-9-]{1,20}$/.test(value))
				document.documentElement.setAttribute(map[key], value);
		}
	} catch {
		// Storage is blocked or holds something unreadable: keep the default look.
	}
})();
