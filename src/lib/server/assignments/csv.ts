/**
 * CSV for spreadsheets. Cells that a spreadsheet would run as a formula (starting with =, +, -, @,
 * or a tab or carriage return) get a leading apostrophe, so a student named "=HYPERLINK(…)" stays text.
 */
import Papa from 'papaparse';

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: unknown): string {
	const text = value === null || value === undefined ? '' : String(value);
	return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A header row and data rows as CSV text (CRLF line ends, every cell neutralised). */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
	return Papa.unparse(
		{ fields: header.map(neutraliseCell), data: rows.map((row) => row.map(neutraliseCell)) },
		{ newline: '\r\n', quotes: false }
	);
}

/**
 * A CSV download: UTF-8 with a byte order mark, which Excel needs to read non-ASCII names (김민준,
 * José) as UTF-8 rather than the system code page; other spreadsheets and gradebook imports skip it.
 */
export function csvDownload(csv: string, filename: string): Response {
	return new Response('\uFEFF' + csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`
		}
	});
}
