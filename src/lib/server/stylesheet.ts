/**
 * Design tokens as app.css sets them, for what cannot read the page's stylesheet (an SVG image sent
 * on its own) and for the tests that hold a palette kept in code to the stylesheet's.
 */

/**
 * The values `css` gives the custom properties `names`: in its first `:root` rule (light), and in
 * the `:root` rule inside its `prefers-color-scheme: dark` block. A name either rule does not set
 * is an error that names it.
 */
export function schemeTokens(
	css: string,
	names: readonly string[]
): { light: Record<string, string>; dark: Record<string, string> } {
	const values = (block: string | undefined, where: string) => {
		if (block === undefined) throw new Error(`app.css: no ${where} :root rule`);
		const found: Record<string, string> = {};
		for (const name of names) {
			const value = new RegExp(`${name}:\\s*([^;}]+)`).exec(block)?.[1]?.trim();
			if (!value) throw new Error(`app.css: ${name} is not set in the ${where} :root rule`);
			found[name] = value;
		}
		return found;
	};
	const dark = /@media\s*\(prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{([^}]*)\}/.exec(css)?.[1];
	return { light: values(/:root\s*\{([^}]*)\}/.exec(css)?.[1], 'light'), dark: values(dark, 'dark') };
}
