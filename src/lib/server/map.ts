/**
 * Locator maps drawn on the server from the world-atlas package (Natural Earth, 1:110m): the named
 * countries as their own paths, every other country merged into one "base" path. Computed once per
 * set of countries and cached; the page ships the SVG path strings, nothing is fetched at run time.
 *
 * The projection is Natural Earth, turned so that the widest stretch of longitude with none of the
 * named countries falls on the map's edge (so a set spanning the Pacific is not cut in two), then
 * fitted to the named countries with a margin and clipped to the view.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
	geoArea,
	geoBounds,
	geoCentroid,
	geoCircle,
	geoNaturalEarth1,
	geoPath,
	type GeoContext,
	type GeoPermissibleObjects,
	type GeoProjection
} from 'd3-geo';
import { feature, merge } from 'topojson-client';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';

export interface MapCountryInput {
	/** ISO 3166-1 numeric code, e.g. "410" (leading zeros optional). */
	iso: string;
	name: string;
	role: string;
}

export interface MapCountryPath extends MapCountryInput {
	/** SVG path data in view coordinates. */
	d: string;
	highlighted: boolean;
	/** A point inside the country's largest part, for a marker or label; null if it is off the view. */
	label: [number, number] | null;
}

export interface LocatorMap {
	/** "0 0 width height". */
	viewBox: string;
	width: number;
	height: number;
	/** The named countries found in the atlas, in the order given. */
	paths: MapCountryPath[];
	/** Every other country, merged into one path. */
	base: string;
	/** Codes asked for that the atlas does not have. */
	missing: string[];
}

export interface LocatorMapOptions {
	/** View width in SVG units (default 960). */
	width?: number;
	/** Margin around the named countries, as a share of the width (default 0.04). */
	margin?: number;
	/** Fractional digits in path strings (default 0: whole units of a 960-wide view). */
	digits?: number;
	/** The smallest stretch of the globe the view shows, in degrees, so a small country keeps its neighbours in view (default 40). */
	minSpan?: number;
}

type CountryProps = { name: string };
type CountriesTopology = Topology<{ countries: GeometryCollection<CountryProps>; land: GeometryCollection }>;

let atlas: CountriesTopology | null = null;

/** The world-atlas topology, read once from node_modules (present at run time in the built app). */
function loadAtlas(): CountriesTopology {
	if (!atlas) {
		const require = createRequire(import.meta.url);
		const file = require.resolve('world-atlas/countries-110m.json');
		atlas = JSON.parse(readFileSync(file, 'utf8')) as CountriesTopology;
	}
	return atlas;
}

const cache = new Map<string, LocatorMap>();

const normaliseIso = (iso: string) => iso.trim().padStart(3, '0');

/**
 * The longitude to put at the centre of the map: opposite the middle of the widest gap in longitude
 * that none of the features covers. Features are given by their geoBounds.
 */
export function centralLongitude(bounds: [[number, number], [number, number]][]): number {
	if (bounds.length === 0) return 0;
	// Each bound as an arc [start, start + length) on a 0..360 circle.
	const arcs = bounds
		.map(([[west], [east]]) => {
			const start = (west + 360) % 360;
			let length = (east - west + 360) % 360;
			if (length === 0 && east !== west) length = 360;
			if (west === -180 && east === 180) length = 360;
			return { start, end: start + length };
		})
		.sort((a, b) => a.start - b.start);
	if (arcs.some((a) => a.end - a.start >= 360)) return 0;
	// Merge overlapping arcs (unrolled once so arcs crossing 360 merge with those after 0).
	const merged: { start: number; end: number }[] = [];
	for (const arc of arcs) {
		const last = merged.at(-1);
		if (last && arc.start <= last.end) last.end = Math.max(last.end, arc.end);
		else merged.push({ ...arc });
	}
	const first = merged[0]!;
	while (merged.length > 1 && merged.at(-1)!.end >= first.start + 360) {
		const last = merged.pop()!;
		first.start = Math.min(first.start, last.start - 360);
		first.end = Math.max(first.end, last.end - 360);
	}
	if (first.end - first.start >= 360) return 0;
	let best = { size: -1, middle: 0 };
	merged.forEach((arc, i) => {
		const next = merged[(i + 1) % merged.length]!;
		const nextStart = i + 1 < merged.length ? next.start : next.start + 360;
		const size = nextStart - arc.end;
		if (size > best.size) best = { size, middle: arc.end + size / 2 };
	});
	const centre = (best.middle + 180) % 360;
	return centre > 180 ? centre - 360 : centre;
}

/**
 * A d3-geo path context that writes compact SVG path data: coordinates rounded to `digits`, the
 * first point of each ring absolute and the rest relative, zero-length steps skipped, and rings
 * that round to fewer than three distinct points left out.
 */
class CompactPathContext implements GeoContext {
	private out = '';
	private ring = '';
	private steps = 0;
	private x = 0;
	private y = 0;
	private readonly scale: number;

	constructor(private readonly digits: number) {
		this.scale = 10 ** digits;
	}

	private round(v: number): number {
		return Math.round(v * this.scale) / this.scale;
	}

	private num(v: number): string {
		return String(Number(v.toFixed(this.digits)));
	}

	private pair(dx: number, dy: number): string {
		const a = this.num(dx);
		const b = this.num(dy);
		return `${a}${b.startsWith('-') ? '' : ' '}${b}`;
	}

	private flush(closed: boolean): void {
		if (this.ring && this.steps >= 2) this.out += this.ring + (closed ? 'z' : '');
		this.ring = '';
		this.steps = 0;
	}

	beginPath(): void {}
	arc(): void {}

	moveTo(x: number, y: number): void {
		this.flush(false);
		this.x = this.round(x);
		this.y = this.round(y);
		this.ring = `M${this.pair(this.x, this.y)}`;
	}

	lineTo(x: number, y: number): void {
		const rx = this.round(x);
		const ry = this.round(y);
		const dx = rx - this.x;
		const dy = ry - this.y;
		if (Math.abs(dx) < 1e-9 && Math.abs(dy) < 1e-9) return;
		const text = this.pair(dx, dy);
		this.ring += this.steps === 0 ? `l${text}` : `${text.startsWith('-') ? '' : ' '}${text}`;
		this.steps++;
		this.x = rx;
		this.y = ry;
	}

	closePath(): void {
		this.flush(true);
	}

	result(): string {
		this.flush(false);
		const d = this.out;
		this.out = '';
		return d;
	}
}

/** Compact SVG path data for a GeoJSON object under a projection. */
function compactPath(projection: GeoProjection, object: GeoPermissibleObjects, digits: number): string {
	const context = new CompactPathContext(digits);
	geoPath(projection, context)(object);
	return context.result();
}

/** The largest polygon of a (multi)polygon, for placing a label. */
function largestPart(geometry: Geometry): Polygon | MultiPolygon | null {
	if (geometry.type === 'Polygon') return geometry;
	if (geometry.type !== 'MultiPolygon') return null;
	let best: Polygon | null = null;
	let bestArea = -1;
	for (const coordinates of geometry.coordinates) {
		const polygon: Polygon = { type: 'Polygon', coordinates };
		const area = geoArea(polygon);
		if (area > bestArea) {
			bestArea = area;
			best = polygon;
		}
	}
	return best;
}

/**
 * The locator map for these countries: their paths, the merged rest of the world, and the codes the
 * atlas does not know. Cached per list of countries (and options).
 */
export function locatorMap(countries: MapCountryInput[], options: LocatorMapOptions = {}): LocatorMap {
	const width = options.width ?? 960;
	const marginShare = options.margin ?? 0.04;
	const digits = options.digits ?? 0;
	const minSpan = options.minSpan ?? 40;
	const key = JSON.stringify([countries, width, marginShare, digits, minSpan]);
	const hit = cache.get(key);
	if (hit) return hit;

	const topology = loadAtlas();
	const geometries = topology.objects.countries.geometries;
	const byIso = new Map<string, GeometryObject<CountryProps>>();
	for (const g of geometries) if (g.id !== undefined) byIso.set(String(g.id), g);

	const missing: string[] = [];
	const found: { input: MapCountryInput; geometry: GeometryObject<CountryProps>; feature: Feature }[] = [];
	for (const input of countries) {
		const geometry = byIso.get(normaliseIso(input.iso));
		if (!geometry) {
			missing.push(input.iso);
			continue;
		}
		found.push({ input, geometry, feature: feature(topology, geometry) as Feature });
	}
	const named = new Set(found.map((f) => f.geometry));

	const highlighted: FeatureCollection = { type: 'FeatureCollection', features: found.map((f) => f.feature) };
	const lambda = centralLongitude(found.map((f) => geoBounds(f.feature)));
	const projection = geoNaturalEarth1().rotate([-lambda, 0]);
	// Fit to the named countries plus a circle around them, so that a small country is shown with
	// enough of its surroundings to be located.
	const context = geoCircle()
		.center(geoCentroid(highlighted))
		.radius(minSpan / 2)();
	const subject: GeoPermissibleObjects =
		found.length > 0
			? {
					type: 'FeatureCollection',
					features: [...highlighted.features, { type: 'Feature', properties: {}, geometry: context }]
				}
			: { type: 'Sphere' };

	// Fit to the width first to learn the natural height, then keep the view between 2:5 and 4:5.
	const margin = Math.round(width * marginShare);
	projection.fitWidth(width - 2 * margin, subject);
	const [[, y0], [, y1]] = geoPath(projection).bounds(subject);
	const natural = Math.ceil(y1 - y0) + 2 * margin;
	const height = Math.min(Math.round(width * 0.8), Math.max(Math.round(width * 0.4), natural));
	projection.fitExtent(
		[
			[margin, margin],
			[width - margin, height - margin]
		],
		subject
	);
	projection.clipExtent([
		[0, 0],
		[width, height]
	]);
	const path = geoPath(projection);
	const round = (v: number) => Number(v.toFixed(digits));

	const paths: MapCountryPath[] = found.map(({ input, feature: f }) => {
		const part = largestPart(f.geometry);
		const centre = part ? path.centroid(part) : path.centroid(f);
		const inside = Number.isFinite(centre[0]) && Number.isFinite(centre[1]);
		return {
			iso: normaliseIso(input.iso),
			name: input.name,
			role: input.role,
			d: compactPath(projection, f, digits),
			highlighted: true,
			label: inside ? [round(centre[0]), round(centre[1])] : null
		};
	});

	const rest = geometries.filter((g) => !named.has(g)) as Parameters<typeof merge>[1];
	const base = compactPath(projection, merge(topology, rest), digits);

	const result: LocatorMap = { viewBox: `0 0 ${width} ${height}`, width, height, paths, base, missing };
	cache.set(key, result);
	return result;
}

/** The size in bytes of the SVG path data a map ships (for budgets and reports). */
export function mapPayloadBytes(map: LocatorMap): number {
	return Buffer.byteLength(map.base + map.paths.map((p) => p.d).join(''), 'utf8');
}
