import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, htmlAttributes, isDefaultLook, parseSettings } from '../../../src/lib/settings/display';

describe('parseSettings', () => {
	it.each([
		['nothing stored', null],
		['broken JSON', '{"textSize":'],
		['not an object', '"175"'],
		['unknown values', JSON.stringify({ textSize: '900', font: 'comic', language: 'xx', speechRate: 9 })]
	])('falls back to the defaults for %s', (_label, raw) => {
		expect(parseSettings(raw)).toEqual(DEFAULT_SETTINGS);
	});

	it('keeps each known value and defaults the rest', () => {
		const s = parseSettings(
			JSON.stringify({ textSize: '175', font: 'opendyslexic', language: 'es', speechRate: 1.25 })
		);
		expect(s).toEqual({
			...DEFAULT_SETTINGS,
			textSize: '175',
			font: 'opendyslexic',
			language: 'es',
			speechRate: 1.25
		});
	});

	it('keeps a voice name but not an empty or absurd one', () => {
		expect(parseSettings({ voice: 'Google español' }).voice).toBe('Google español');
		expect(parseSettings({ voice: '' }).voice).toBeNull();
		expect(parseSettings({ voice: 'x'.repeat(500) }).voice).toBeNull();
	});
});

describe('htmlAttributes', () => {
	it('names one attribute per look setting, with the values the CSS matches', () => {
		expect(htmlAttributes({ ...DEFAULT_SETTINGS, columnWidth: 'narrow', letterSpacing: 'wider' })).toEqual({
			'data-text-size': '100',
			'data-line-spacing': 'normal',
			'data-letter-spacing': 'wider',
			'data-column-width': 'narrow',
			'data-font': 'default'
		});
	});

	it('treats the language and speech choices as no change of look', () => {
		expect(isDefaultLook({ ...DEFAULT_SETTINGS, language: 'es', speechRate: 1.5 })).toBe(true);
		expect(isDefaultLook({ ...DEFAULT_SETTINGS, font: 'atkinson' })).toBe(false);
	});
});
