/**
 * Scores in words: at most one decimal ("11.5", never "11.45"; "1", never "1.0") and the right
 * plural ("1 point", "0.5 points"). Browser-safe.
 */

/** A score with at most one decimal. */
export function formatScore(n: number): string {
	const rounded = Math.round(n * 10) / 10;
	// Avoid "-0" for tiny negative numbers.
	return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** "1 point", "2 points", "0.5 points". */
export function points(n: number): string {
	const text = formatScore(n);
	return `${text} ${text === '1' ? 'point' : 'points'}`;
}

/** "0.7 / 1 point", "11.5 / 14 points": the plural follows the number next to it. */
export function pointsOutOf(earned: number, max: number, separator = ' / '): string {
	return `${formatScore(earned)}${separator}${points(max)}`;
}
