/** A date and time as a short local date, without seconds ("27/11/2026, 14:05" in en-GB). */
export function shortDate(iso: string | Date, locale?: string): string {
	return new Date(iso).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' });
}
