/**
 * Props shared by the context components (timeline, locator map, glossary). Structural copies of
 * what the server hands the page, so these components never import from $lib/server.
 */

/** A passage range as the loader resolves it. */
export interface PassageRange {
	start: number;
	end: number;
	sentences: string[];
}

export interface TimelineItem {
	id: string;
	label: string;
	/** As the passage says it ("in June", "last week"), or background. */
	when: string;
	background: boolean;
	range: PassageRange | null;
}

export interface MapCountry {
	iso: string;
	name: string;
	role: string;
	/** A point inside the country for a marker, in view coordinates. */
	label: [number, number] | null;
}

/**
 * What the page carries of a locator map ($lib/server/map-files.ts): the view and the named
 * countries for the legend. The drawing itself (a few tens of KB of path data) is fetched from
 * `geometry` once the map is shown, and `image` is the same map as an SVG file, for browsers
 * without JavaScript.
 */
export interface LocatorMapData {
	viewBox: string;
	countries: MapCountry[];
	/** URL of the map's path data (MapGeometry, JSON). */
	geometry: string;
	/** URL of the map as an SVG image. */
	image: string;
}

/** The map's path data: every other country as one shape, and each named country's outline. */
export interface MapGeometry {
	base: string;
	countries: { iso: string; d: string }[];
}

export interface GlossaryItem {
	term: string;
	definition: string;
	background: boolean;
	range?: PassageRange;
	/** The definition in other languages, by language code. */
	translations?: Partial<Record<string, string>>;
}
