/**
 * A due time as a student reads it: in their own time zone and language, and how near it is. Pure
 * and browser-safe: the clock, the language and the zone are arguments (the browser's own when
 * left out). The server decides from its own clock what counts as on time; this is what is shown.
 */

/** From this much time before the due time, the student sees how much is left. */
export const NEAR_MS = 24 * 60 * 60_000;
/** From this much time before the due time, the student is told to submit soon. */
export const SOON_MS = 15 * 60_000;

/** How near the due time is: more than a day away, within a day, within minutes, or past. */
export type DueLevel = 'later' | 'near' | 'soon' | 'past';

export function dueLevel(due: number, now: number): DueLevel {
	const left = due - now;
	if (left <= 0) return 'past';
	if (left <= SOON_MS) return 'soon';
	if (left <= NEAR_MS) return 'near';
	return 'later';
}

/** How long until the level changes (or the count of time left may), for a timer; at most a minute. */
export function untilNextChange(due: number, now: number): number {
	const left = due - now;
	const boundaries = [left - NEAR_MS, left - SOON_MS, left].filter((ms) => ms > 0);
	return Math.max(1_000, Math.min(60_000, ...boundaries));
}

export interface Where {
	/** A BCP 47 language tag; the browser's language when left out. */
	locale?: string;
	/** An IANA time zone; the browser's own when left out. */
	timeZone?: string;
}

/**
 * The due date and time in the student's zone and language: "Friday 15 January at 10:30" (en-GB),
 * "Friday, January 15 at 10:30 AM" (en-US). The year only when it is not the current one.
 */
export function dueDate(due: Date, now: Date, { locale, timeZone }: Where = {}): string {
	const year = (d: Date) => new Intl.DateTimeFormat('en', { year: 'numeric', timeZone }).format(d);
	// A 24-hour clock reads "08:30"; a 12-hour one "8:30 AM".
	const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
	return new Intl.DateTimeFormat(locale, {
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		...(year(due) === year(now) ? {} : { year: 'numeric' }),
		hour: cycle === 'h23' || cycle === 'h24' ? '2-digit' : 'numeric',
		minute: '2-digit',
		timeZone
	}).format(due);
}

/**
 * Time left in words: "in 5 hours" from two hours on (whole hours, rounded down, so never more than
 * is left), "in 95 minutes" or "in 1 minute" below (whole minutes, rounded up).
 */
export function timeLeft(ms: number, locale?: string): string {
	const words = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
	const minutes = Math.max(1, Math.ceil(ms / 60_000));
	return minutes >= 120 ? words.format(Math.floor(minutes / 60), 'hour') : words.format(minutes, 'minute');
}
