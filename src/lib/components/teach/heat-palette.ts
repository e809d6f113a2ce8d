/**
 * The passage heat map's colours, light and dark. Two shaded steps over the card's own background:
 * each step is at least 3:1 from the next and from the background (WCAG's contrast for graphics),
 * and the sentence text on each step at least 4.5:1. Sentences under the first step keep the
 * background; every sentence a question uses also says its misses in words, so nothing rests on
 * colour alone. A third step cannot be told apart at 3:1 on either background: 3 × 3 × 3 is more
 * than the 21:1 between black and white. tests/unit/components/heat-palette.test.ts checks the ratios.
 */

export interface HeatStep {
	/** Shading of the sentence. */
	fill: string;
	/** The sentence's text on it. */
	text: string;
}

export interface HeatScheme {
	/** The card the passage sits on (--color-surface in app.css) and the page around it (--color-bg). */
	surface: string;
	page: string;
	/** Text on the card (--color-text). */
	text: string;
	/** Some missed, most missed. */
	steps: readonly [HeatStep, HeatStep];
}

export const HEAT_PALETTE: Readonly<Record<'light' | 'dark', HeatScheme>> = {
	light: {
		surface: '#ffffff',
		page: '#f7f6f2',
		text: '#1c1b18',
		steps: [
			{ fill: '#c4750c', text: '#1c1b18' },
			{ fill: '#741818', text: '#ffffff' }
		]
	},
	dark: {
		surface: '#1e2026',
		page: '#15161a',
		text: '#ecebe6',
		steps: [
			{ fill: '#b06812', text: '#000000' },
			{ fill: '#ffd6d0', text: '#000000' }
		]
	}
};

/** Share of first-try misses from which a sentence takes each step. */
export const HEAT_THRESHOLDS = [0.3, 0.6] as const;

/** The step of a miss rate: 0 (no shading), 1 or 2. */
export function heatStep(rate: number): 0 | 1 | 2 {
	return rate >= HEAT_THRESHOLDS[1] ? 2 : rate >= HEAT_THRESHOLDS[0] ? 1 : 0;
}

/** WCAG 2 relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
	const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
	if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
	const [r, g, b] = m.slice(1).map((h) => {
		const v = parseInt(h, 16) / 255;
		return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
	}) as [number, number, number];
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours, 1..21. */
export function contrast(a: string, b: string): number {
	const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
	return (x + 0.05) / (y + 0.05);
}

/** The palette as CSS custom properties, for the component's style (it picks light or dark by media query). */
export function heatVariables(): Record<string, string> {
	const vars: Record<string, string> = {};
	for (const mode of ['light', 'dark'] as const)
		HEAT_PALETTE[mode].steps.forEach((s, i) => {
			vars[`--heat-${mode}-${i + 1}`] = s.fill;
			vars[`--heat-${mode}-${i + 1}-text`] = s.text;
		});
	return vars;
}
