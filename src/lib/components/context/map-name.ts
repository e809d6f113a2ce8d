/**
 * The locator map's accessible name, one wording for the drawing in the page and for the server's
 * SVG image (its alt text and its title): the caption, then the highlighted countries.
 */
export const MAP_LABEL = 'Map of the countries named in the passage';

function listNames(names: string[]): string {
	if (names.length <= 1) return names.join('');
	return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export function mapImageName(names: string[], label: string = MAP_LABEL): string {
	if (names.length === 0) return label;
	return `${label}: ${listNames(names)} ${names.length === 1 ? 'is' : 'are'} highlighted.`;
}
