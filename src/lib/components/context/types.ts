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
	d: string;
	highlighted: boolean;
	/** A point inside the country for a marker, in view coordinates. */
	label?: [number, number] | null;
}

/** What `locatorMap()` in $lib/server/map.ts returns. */
export interface LocatorMapData {
	viewBox: string;
	paths: MapCountry[];
	base: string;
	missing?: string[];
}

export interface GlossaryItem {
	term: string;
	definition: string;
	background: boolean;
	range?: PassageRange;
	/** The definition in other languages, by language code. */
	translations?: Partial<Record<string, string>>;
}
