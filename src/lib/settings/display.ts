/**
 * Display and reading settings kept on this device: text size, line and letter spacing, column
 * width, font, the first language for glossary help, and the read-aloud speed and voice. Pure: parse
 * what was stored (anything unknown falls back to the default) and say which attributes go on <html>.
 * The CSS in app.css reads those attributes; the inline script in src/app.html applies them before the
 * first paint so a reload never flashes the default look.
 */

import { HELP_LANGUAGES, type HelpLanguage } from '../content/languages.ts';

export const STORAGE_KEY = 'closeread:display';

export const TEXT_SIZES = [
	{ value: '100', label: 'Standard' },
	{ value: '125', label: 'Large' },
	{ value: '150', label: 'Larger' },
	{ value: '175', label: 'Largest' }
] as const;

export const LINE_SPACINGS = [
	{ value: 'normal', label: 'Standard' },
	{ value: 'wide', label: 'Wide' },
	{ value: 'wider', label: 'Wider' }
] as const;

export const LETTER_SPACINGS = [
	{ value: 'normal', label: 'Standard' },
	{ value: 'wide', label: 'Wide' },
	{ value: 'wider', label: 'Wider' }
] as const;

export const COLUMN_WIDTHS = [
	{ value: 'narrow', label: 'Narrow' },
	{ value: 'medium', label: 'Medium' },
	{ value: 'wide', label: 'Wide' }
] as const;

export const FONTS = [
	{ value: 'default', label: 'Standard' },
	{ value: 'atkinson', label: 'Atkinson Hyperlegible' },
	{ value: 'opendyslexic', label: 'OpenDyslexic' }
] as const;

export const SPEECH_RATES = [0.75, 1, 1.25, 1.5] as const;

type Values<T extends readonly { value: string }[]> = T[number]['value'];
export type TextSize = Values<typeof TEXT_SIZES>;
export type LineSpacing = Values<typeof LINE_SPACINGS>;
export type LetterSpacing = Values<typeof LETTER_SPACINGS>;
export type ColumnWidth = Values<typeof COLUMN_WIDTHS>;
export type FontChoice = Values<typeof FONTS>;

export interface DisplaySettings {
	textSize: TextSize;
	lineSpacing: LineSpacing;
	letterSpacing: LetterSpacing;
	columnWidth: ColumnWidth;
	font: FontChoice;
	/** The student's first language for glossary help; null until chosen. */
	language: HelpLanguage | null;
	speechRate: number;
	/** The chosen voice's name; null for the browser's default. */
	voice: string | null;
}

export const DEFAULT_SETTINGS: Readonly<DisplaySettings> = {
	textSize: '100',
	lineSpacing: 'normal',
	letterSpacing: 'normal',
	columnWidth: 'medium',
	font: 'default',
	language: null,
	speechRate: 1,
	voice: null
};

const pick = <T extends string>(options: readonly { value: T }[], value: unknown, fallback: T): T =>
	options.find((o) => o.value === value)?.value ?? fallback;

/** Settings from stored JSON (or anything else): each unknown or missing field takes its default. */
export function parseSettings(raw: unknown): DisplaySettings {
	let data: Record<string, unknown> = {};
	if (typeof raw === 'string') {
		try {
			const parsed: unknown = JSON.parse(raw);
			if (parsed && typeof parsed === 'object') data = parsed as Record<string, unknown>;
		} catch {
			data = {};
		}
	} else if (raw && typeof raw === 'object') data = raw as Record<string, unknown>;
	const d = DEFAULT_SETTINGS;
	const language = HELP_LANGUAGES.find((l) => l.code === data.language)?.code ?? null;
	const rate = SPEECH_RATES.find((r) => r === data.speechRate) ?? d.speechRate;
	const voice = typeof data.voice === 'string' && data.voice.length > 0 && data.voice.length < 200 ? data.voice : null;
	return {
		textSize: pick(TEXT_SIZES, data.textSize, d.textSize),
		lineSpacing: pick(LINE_SPACINGS, data.lineSpacing, d.lineSpacing),
		letterSpacing: pick(LETTER_SPACINGS, data.letterSpacing, d.letterSpacing),
		columnWidth: pick(COLUMN_WIDTHS, data.columnWidth, d.columnWidth),
		font: pick(FONTS, data.font, d.font),
		language,
		speechRate: rate,
		voice
	};
}

/**
 * The data attributes on <html> for these settings. The names and values here are the ones
 * the inline script in src/app.html copies from storage before the page is drawn.
 */
export function htmlAttributes(s: DisplaySettings): Record<string, string> {
	return {
		'data-text-size': s.textSize,
		'data-line-spacing': s.lineSpacing,
		'data-letter-spacing': s.letterSpacing,
		'data-column-width': s.columnWidth,
		'data-font': s.font
	};
}

/** Whether anything that changes the page's look differs from the default. */
export const isDefaultLook = (s: DisplaySettings) =>
	Object.entries(htmlAttributes(s)).every(([k, v]) => htmlAttributes(DEFAULT_SETTINGS)[k] === v);
