/**
 * Student codes as people read and type them: shown as two groups of four (ABCD-EFGH), accepted
 * with or without the dash or spaces, in any case. Safe in the browser and on the server.
 */

/** Upper-cases and drops spaces and dashes, so "abcd-efgh" typed by a student finds ABCDEFGH. */
export function normaliseStudentCode(input: string): string {
	return input.replace(/[\s-]+/g, '').toUpperCase();
}

/** ABCDEFGH as ABCD-EFGH, the form a teacher reads aloud. */
export function formatStudentCode(code: string): string {
	return code.length > 4 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}
