/**
 * The passage heat map stays readable: each shaded step at least 3:1 from the next and from the
 * card and page behind it, the sentence text on each step at least 4.5:1, in light and dark mode;
 * and the palette's backgrounds are the ones app.css really paints.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrast, HEAT_PALETTE, heatStep, luminance } from '../../../src/lib/components/teach/heat-palette.ts';
import { schemeTokens } from '../../../src/lib/server/stylesheet.ts';

/** The backgrounds and text colour as app.css sets them, light and dark. */
const tokens = schemeTokens(readFileSync('src/app.css', 'utf8'), ['--color-surface', '--color-bg', '--color-text']);
/** A token's value in app.css, for `mode`: a #rrggbb colour, in lower case. */
function token(name: string, mode: 'light' | 'dark'): string {
	const value = tokens[mode][name]!;
	if (!/^#[0-9a-fA-F]{6}$/.test(value)) throw new Error(`${name} is not a #rrggbb colour for ${mode}`);
	return value.toLowerCase();
}

describe('contrast', () => {
	it('follows WCAG 2: black on white is 21:1, a colour on itself 1:1', () => {
		expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 5);
		expect(contrast('#777777', '#777777')).toBe(1);
		expect(luminance('#ffffff')).toBe(1);
		// A known pair: #767676 on white is the lightest grey with 4.5:1.
		expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
	});

	it('refuses what is not a #rrggbb colour', () => {
		expect(() => luminance('red')).toThrow(/#rrggbb/);
	});
});

describe.each(['light', 'dark'] as const)('the heat map palette, %s', (mode) => {
	const p = HEAT_PALETTE[mode];
	const [some, most] = p.steps;

	it('paints on the backgrounds app.css uses', () => {
		expect(p.surface).toBe(token('--color-surface', mode));
		expect(p.page).toBe(token('--color-bg', mode));
		expect(p.text).toBe(token('--color-text', mode));
	});

	it('has each step at least 3:1 from the card, the page and the next step', () => {
		const ratios = {
			'first step / card': contrast(some.fill, p.surface),
			'first step / page': contrast(some.fill, p.page),
			'second step / card': contrast(most.fill, p.surface),
			'second step / page': contrast(most.fill, p.page),
			'second step / first step': contrast(most.fill, some.fill)
		};
		for (const [pair, ratio] of Object.entries(ratios)) expect(ratio, pair).toBeGreaterThanOrEqual(3);
	});

	it('keeps sentence text at least 4.5:1 on every step and on the card', () => {
		expect(contrast(some.text, some.fill)).toBeGreaterThanOrEqual(4.5);
		expect(contrast(most.text, most.fill)).toBeGreaterThanOrEqual(4.5);
		expect(contrast(p.text, p.surface)).toBeGreaterThanOrEqual(4.5);
	});
});

describe('heatStep', () => {
	it.each([
		[0, 0],
		[0.29, 0],
		[0.3, 1],
		[0.59, 1],
		[0.6, 2],
		[1, 2]
	])('a miss rate of %s is step %s', (rate, step) => {
		expect(heatStep(rate)).toBe(step);
	});
});
