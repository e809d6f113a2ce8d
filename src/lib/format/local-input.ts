/**
 * Times in <input type="datetime-local">, which holds a wall time without a zone. The page's script
 * sends its zone's offset (Date#getTimezoneOffset) beside it; without script both sides use UTC.
 */

/** An ISO time as the wall time `offsetMinutes` behind UTC ("2027-01-15T09:30"). */
export function toLocalInput(iso: string | null, offsetMinutes: number): string {
	if (!iso) return '';
	const t = Date.parse(iso);
	if (Number.isNaN(t)) return '';
	return new Date(t - offsetMinutes * 60_000).toISOString().slice(0, 16);
}
