/**
 * Who a student is within an assignment: their name, compared in a normalised form, plus a short
 * resume code they are shown when they start. Safe in the browser and on the server (the code's
 * generation and hashing live in $lib/server/assignments/identity.ts).
 */

/**
 * Characters that do not show but make two names differ: zero-width spaces and joiners, bidi
 * controls, the soft hyphen, the word joiner, the byte order mark, variation selectors, Hangul
 * fillers and every other default-ignorable code point, plus control characters.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u0000-\u001f\u007f-\u009f]/gu;
/** Any run of white space or other separator (no-break, thin, ideographic spaces, line separators). */
const SPACING = /[\s\p{Z}]+/gu;

/**
 * The key that decides whether two names are the same student: NFC, every invisible character
 * removed, spacing collapsed, case folded (ß and SS, final and medial sigma alike).
 */
export function nameKey(input: string): string {
	const spaced = input.normalize('NFC').replace(SPACING, ' ').replace(INVISIBLE, '').replace(SPACING, ' ').trim();
	// Upper then lower folds ß to ss and ς to σ (then back to ς at a word's end) like full case folding.
	return spaced.toUpperCase().toLowerCase().normalize('NFC');
}

/** Resume codes: six characters from an alphabet without 0/O, 1/I/L or U, shown as ABC-DEF. */
export const RESUME_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RESUME_CODE_LENGTH = 6;

/** What a student typed, in the stored form: upper case, no spaces or dashes. */
export function normaliseResumeCode(input: string): string {
	return input.replace(/[\s-]+/g, '').toUpperCase();
}

export function isResumeCode(input: string): boolean {
	return new RegExp(`^[${RESUME_CODE_ALPHABET}]{${RESUME_CODE_LENGTH}}$`).test(input);
}

/** ABCDEF as ABC-DEF: two groups of three, unlike the class code's two groups of four. */
export function formatResumeCode(code: string): string {
	return code.length === RESUME_CODE_LENGTH ? `${code.slice(0, 3)}-${code.slice(3)}` : code;
}
