/**
 * Languages a glossary definition may be translated into, each named in its own language. Shared by
 * the content schema (which keys `translations` may use) and the student's language setting.
 */
export const HELP_LANGUAGES = [
	{ code: 'es', name: 'Español', english: 'Spanish' },
	{ code: 'ko', name: '한국어', english: 'Korean' },
	{ code: 'zh', name: '中文', english: 'Chinese' },
	{ code: 'vi', name: 'Tiếng Việt', english: 'Vietnamese' },
	{ code: 'ar', name: 'العربية', english: 'Arabic' },
	{ code: 'fr', name: 'Français', english: 'French' },
	{ code: 'pt', name: 'Português', english: 'Portuguese' },
	{ code: 'uk', name: 'Українська', english: 'Ukrainian' },
	{ code: 'ru', name: 'Русский', english: 'Russian' },
	{ code: 'tl', name: 'Tagalog', english: 'Tagalog' }
] as const;

export type HelpLanguage = (typeof HELP_LANGUAGES)[number]['code'];

export const HELP_LANGUAGE_CODES = HELP_LANGUAGES.map((l) => l.code) as [HelpLanguage, ...HelpLanguage[]];

export const languageName = (code: string) => HELP_LANGUAGES.find((l) => l.code === code)?.name ?? code;

/** Languages written right to left, for `dir` on their text. */
export const isRightToLeft = (code: string) => code === 'ar';
