import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModuleDir } from '../../../src/lib/server/content.ts';
import { centralLongitude, locatorMap, mapPayloadBytes } from '../../../src/lib/server/map.ts';
import { mapLegend, mapPalette, mapSvg } from '../../../src/lib/server/map-files.ts';
import { MAP_LABEL, mapImageName } from '../../../src/lib/components/context/map-name.ts';

const SLUG = 'seoul-warns-north-korean-soldiers-russia';
const loaded = loadModuleDir(join('questions', SLUG), SLUG);
if (!loaded.ok) throw new Error('the first module does not load');
const countries = loaded.module.map?.countries ?? [];

const PATH_DATA = /^(M-?[\d.]+[ -]-?[\d.]+(l[-\d. ]+)?z?)+$/;

describe('locatorMap for the first module', () => {
	const map = locatorMap(countries);
	const [, , width, height] = map.viewBox.split(' ').map(Number);

	it('draws every named country as a non-empty path, in the order given', () => {
		expect(countries.length).toBe(9);
		expect(map.missing).toEqual([]);
		expect(map.paths.map((p) => p.iso)).toEqual(countries.map((c) => c.iso));
		for (const p of map.paths) {
			expect(p.highlighted, p.name).toBe(true);
			expect(p.d, p.name).toMatch(PATH_DATA);
			expect(p.d.length, p.name).toBeGreaterThan(20);
		}
		expect(map.paths.map((p) => p.role)).toEqual(countries.map((c) => c.role));
	});

	it('draws the rest of the world as one base path', () => {
		expect(map.base).toMatch(PATH_DATA);
		expect(map.base.length).toBeGreaterThan(1000);
	});

	it('places a label point inside the view for every country', () => {
		expect(map.width).toBe(width);
		expect(map.height).toBe(height);
		for (const p of map.paths) {
			expect(p.label, p.name).not.toBeNull();
			const [x, y] = p.label!;
			expect(x).toBeGreaterThanOrEqual(0);
			expect(x).toBeLessThanOrEqual(width!);
			expect(y).toBeGreaterThanOrEqual(0);
			expect(y).toBeLessThanOrEqual(height!);
		}
	});

	it('keeps the two Koreas apart and north above south', () => {
		const north = map.paths.find((p) => p.iso === '408')!.label!;
		const south = map.paths.find((p) => p.iso === '410')!.label!;
		expect(north[1]).toBeLessThan(south[1]);
	});

	it('centres the Pacific, so Russia and the United States are not cut in two', () => {
		const x = (iso: string) => map.paths.find((p) => p.iso === iso)!.label![0];
		// Ukraine on the left, Korea in between, the United States on the right.
		expect(x('804')).toBeLessThan(x('410'));
		expect(x('410')).toBeLessThan(x('840'));
	});

	it('ships a small SVG payload', () => {
		expect(mapPayloadBytes(map)).toBeLessThan(30_000);
	});

	it('computes the map once per list of countries', () => {
		expect(locatorMap(countries)).toBe(map);
		expect(locatorMap(countries.slice(0, 2))).not.toBe(map);
	});
});

describe('locatorMap with unknown or short codes', () => {
	it('reports codes the atlas does not have and still draws the rest', () => {
		const map = locatorMap([
			{ iso: '410', name: 'South Korea', role: 'r' },
			{ iso: '999', name: 'Nowhere', role: 'r' },
			{ iso: 'abc', name: 'Not a code', role: 'r' }
		]);
		expect(map.missing).toEqual(['999', 'abc']);
		expect(map.paths.map((p) => p.name)).toEqual(['South Korea']);
		expect(map.paths[0]!.d).toMatch(PATH_DATA);
	});

	it('accepts a code without its leading zero', () => {
		const map = locatorMap([{ iso: '36', name: 'Australia', role: 'r' }]);
		expect(map.missing).toEqual([]);
		expect(map.paths[0]!.iso).toBe('036');
	});

	it('shows a small country with its surroundings', () => {
		const map = locatorMap([{ iso: '410', name: 'South Korea', role: 'r' }]);
		// Neighbouring land (China, Japan) is in view, not only South Korea.
		expect(map.base.length).toBeGreaterThan(map.paths[0]!.d.length * 3);
	});

	it('with no countries found, draws the whole world', () => {
		const map = locatorMap([{ iso: '999', name: 'Nowhere', role: 'r' }]);
		expect(map.paths).toEqual([]);
		expect(map.missing).toEqual(['999']);
		expect(map.base).toMatch(PATH_DATA);
	});
});

describe('centralLongitude', () => {
	it.each([
		['no features', [], 0],
		[
			'one country',
			[
				[
					[126, 34],
					[130, 39]
				]
			],
			128
		],
		[
			'Europe only',
			[
				[
					[22, 45],
					[40, 52]
				]
			],
			31
		]
	] as const)('%s → %d', (_name, bounds, expected) => {
		expect(
			centralLongitude(bounds.map((b) => [[...b[0]], [...b[1]]]) as [[number, number], [number, number]][])
		).toBeCloseTo(expected, 0);
	});

	it('puts the cut in the widest empty stretch: the Atlantic for countries around the Pacific', () => {
		const bounds: [[number, number], [number, number]][] = [
			[
				[19.7, 41.2],
				[-169.9, 81.3]
			], // Russia, across the antimeridian
			[
				[-171.8, 18.9],
				[-67, 71.4]
			], // United States
			[
				[-141, 41.7],
				[-52.6, 83.2]
			], // Canada
			[
				[113.3, -43.6],
				[153.6, -10.7]
			] // Australia
		];
		const centre = centralLongitude(bounds);
		// The empty stretch runs from -52.6 to 19.7, so the centre is opposite its middle (about 163°E).
		expect(centre).toBeCloseTo(163.55, 1);
	});

	it('centres on 0 when the features cover every longitude', () => {
		expect(
			centralLongitude([
				[
					[-180, -10],
					[180, 10]
				]
			])
		).toBe(0);
	});
});

describe('the module page and its map files', () => {
	const map = locatorMap(countries);

	it('the page carries the legend only: names, roles and markers, and where the drawing is', () => {
		const legend = mapLegend(loaded.module)!;
		expect(legend.viewBox).toBe(map.viewBox);
		expect(legend.countries).toEqual(map.paths.map(({ iso, name, role, label }) => ({ iso, name, role, label })));
		expect(legend.geometry).toBe(`/m/${SLUG}/map.json`);
		expect(legend.image).toBe(`/m/${SLUG}/map.svg`);
		expect(JSON.stringify(legend).length).toBeLessThan(2_000);
		expect(mapLegend({ ...loaded.module, map: null })).toBeNull();
	});

	it('the image file is the same drawing, named, with nothing that runs or loads', () => {
		const svg = mapSvg(map, 'Map: <Korea> & "friends"');
		expect(svg).toContain('<title>Map: &lt;Korea&gt; &amp; &quot;friends&quot;</title>');
		expect(svg).toContain(`viewBox="${map.viewBox}"`);
		expect(svg).toContain(`d="${map.base}"`);
		for (const p of map.paths) expect(svg).toContain(`<path class="country" d="${p.d}"/>`);
		expect(svg.match(/<circle class="dot"/g)).toHaveLength(map.paths.filter((p) => p.label).length);
		expect(svg).not.toMatch(/<script|href=|url\(/);
	});

	it("the image takes its colours from the app's stylesheet, light and dark, and says when one is missing", () => {
		const css = `:root { --color-surface: #fff; --color-surface-2: #eee; --color-border: #ccc; --color-accent: #00f; }
@media (prefers-color-scheme: dark) { :root { --color-surface: #111; --color-surface-2: #222; --color-border: #333; --color-accent: #99f; } }`;
		expect(mapPalette(css)).toEqual({
			light: {
				'--color-surface': '#fff',
				'--color-surface-2': '#eee',
				'--color-border': '#ccc',
				'--color-accent': '#00f'
			},
			dark: {
				'--color-surface': '#111',
				'--color-surface-2': '#222',
				'--color-border': '#333',
				'--color-accent': '#99f'
			}
		});
		const svg = mapSvg(map, 'Map', css);
		expect(svg).toContain('svg{--color-surface:#fff;--color-surface-2:#eee;--color-border:#ccc;--color-accent:#00f}');
		expect(svg).toContain(
			'@media (prefers-color-scheme:dark){svg{--color-surface:#111;--color-surface-2:#222;--color-border:#333;--color-accent:#99f}}'
		);
		expect(() => mapPalette(css.replace('--color-accent: #99f;', ''))).toThrow(/--color-accent is not set in the dark/);
		expect(() => mapPalette(':root { --color-surface: #fff; }')).toThrow(/--color-surface-2 is not set in the light/);
		// The app's own stylesheet has every colour the image needs, in both schemes.
		const app = mapPalette(readFileSync('src/app.css', 'utf8'));
		expect(Object.keys(app.light)).toHaveLength(4);
		expect(app.dark['--color-surface']).not.toBe(app.light['--color-surface']);
	});

	it('the image and the drawing in the page have one name: the caption, then the countries', () => {
		expect(mapImageName(['South Korea', 'North Korea', 'Russia'])).toBe(
			`${MAP_LABEL}: South Korea, North Korea and Russia are highlighted.`
		);
		expect(mapImageName(['Russia'])).toBe(`${MAP_LABEL}: Russia is highlighted.`);
		expect(mapImageName([])).toBe(MAP_LABEL);
	});
});
