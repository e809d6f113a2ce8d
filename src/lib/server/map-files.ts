/**
 * A module's locator map, as the module page uses it. The page carries only the legend (the view
 * and the named countries); the drawing, most of the map's bytes, is two files the page points
 * to: its path data as JSON, fetched by the page's script once the map comes near the screen, and
 * the same map as an SVG image, which a browser without JavaScript shows instead. Sent inline, the
 * drawing went into every module page twice (in the page's data and in its markup for browsers
 * without JavaScript), whether or not the student ever scrolled to the map.
 *
 * Each file is made once per module version and kept compressed, with a strong ETag, as the module
 * page is (page-cache.ts).
 */
import { error } from '@sveltejs/kit';
import appCss from '../../app.css?raw';
import { mapImageName } from '$lib/components/context/map-name';
import type { LocatorMapData, MapGeometry } from '$lib/components/context/types';
import type { Module } from '../content/module.ts';
import { getModule } from './content.ts';
import { answer, PageCache } from './page-cache.ts';
import { schemeTokens } from './stylesheet.ts';
import { locatorMap, type LocatorMap } from './map.ts';

/** The module's map as locatorMap() draws it, or null for a module without one. */
function drawn(module: Module): LocatorMap | null {
	return module.map ? locatorMap(module.map.countries) : null;
}

/** The URLs of a module's map files. */
export const mapFileUrl = (slug: string, kind: MapFileKind) => `/m/${slug}/map.${kind}`;

/** What the module page carries of its map: the legend, and where the drawing is. */
export function mapLegend(module: Module): LocatorMapData | null {
	const map = drawn(module);
	if (!map) return null;
	return {
		viewBox: map.viewBox,
		countries: map.paths.map(({ iso, name, role, label }) => ({ iso, name, role, label })),
		geometry: mapFileUrl(module.slug, 'json'),
		image: mapFileUrl(module.slug, 'svg')
	};
}

const escapeXml = (text: string) =>
	text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** The colours the map is drawn in (LocatorMap.svelte's styles use the same). */
const MAP_COLOURS = ['--color-surface', '--color-surface-2', '--color-border', '--color-accent'] as const;

/**
 * The map's colours as `css` sets them, light and dark. An image cannot read the page's stylesheet,
 * so the SVG image carries these values, read from app.css itself rather than copied from it.
 */
export const mapPalette = (css: string) => schemeTokens(css, MAP_COLOURS);

const declarations = (values: Record<string, string>) =>
	Object.entries(values)
		.map(([name, value]) => `${name}:${value}`)
		.join(';');

/** The SVG image's stylesheet: the page's map styles, on the page's palette. */
function mapSvgStyle(css: string): string {
	const { light, dark } = mapPalette(css);
	return (
		`svg{${declarations(light)}}@media (prefers-color-scheme:dark){svg{${declarations(dark)}}}` +
		'.sea{fill:var(--color-surface)}' +
		'.land{fill:var(--color-surface-2);stroke:var(--color-border);stroke-width:.6;stroke-linejoin:round}' +
		'.country,.dot{fill:var(--color-accent);stroke:var(--color-surface);stroke-linejoin:round}' +
		'.country{stroke-width:.8}.dot{stroke-width:1}'
	);
}

/**
 * The map as a standalone SVG image: the same shapes and colours as the page draws (light, or dark
 * where the reader's system is), with a title naming the highlighted countries.
 */
export function mapSvg(map: LocatorMap, title: string, css: string = appCss): string {
	const countries = map.paths.map((p) => `<path class="country" d="${p.d}"/>`).join('');
	const dots = map.paths
		.filter((p) => p.label)
		.map((p) => `<circle class="dot" cx="${p.label![0]}" cy="${p.label![1]}" r="${(3.5 * map.width) / 960}"/>`)
		.join('');
	const style = mapSvgStyle(css);
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${map.viewBox}" width="${map.width}" height="${map.height}">` +
		`<title>${escapeXml(title)}</title><style>${style}</style>` +
		`<rect class="sea" width="100%" height="100%"/><path class="land" d="${map.base}"/>${countries}${dots}</svg>`
	);
}

export type MapFileKind = 'json' | 'svg';

function render(map: LocatorMap, kind: MapFileKind): Response {
	if (kind === 'json') {
		const geometry: MapGeometry = { base: map.base, countries: map.paths.map(({ iso, d }) => ({ iso, d })) };
		return new Response(JSON.stringify(geometry), { headers: { 'content-type': 'application/json' } });
	}
	return new Response(mapSvg(map, mapImageName(map.paths.map((p) => p.name))), {
		headers: {
			'content-type': 'image/svg+xml',
			// Opened on its own, the image may run nothing and load nothing.
			'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'"
		}
	});
}

/** The map files, kept by path for the module version they were drawn from. */
const kept = new PageCache(/^(application\/json|image\/svg\+xml)\b/);

/** The answer to a request for one of a module's map files: the kept file (or 304), or 404. */
export async function mapFileResponse(slug: string, kind: MapFileKind, request: Request): Promise<Response> {
	const module = getModule(slug);
	if (!module) error(404, 'There is no lesson at this address.');
	if (!module.map) error(404, 'This lesson has no map.');
	// Drawn only when this version's file is not kept yet.
	const file = await kept.get(mapFileUrl(slug, kind), module, async () => render(drawn(module)!, kind));
	return file instanceof Response ? file : answer(file, request);
}
