import { describe, expect, it } from 'vitest';
import { dueDate, dueLevel, NEAR_MS, SOON_MS, timeLeft, untilNextChange } from '../../../src/lib/format/due.ts';

const DUE = Date.parse('2027-01-15T09:30:00Z');
const MIN = 60_000;

describe('dueLevel', () => {
	it.each([
		[NEAR_MS + MIN, 'later'],
		[NEAR_MS, 'near'],
		[SOON_MS + 1, 'near'],
		[SOON_MS, 'soon'],
		[1, 'soon'],
		[0, 'past'],
		[-3 * MIN, 'past']
	] as const)('%i ms before the due time is %s', (left, level) => {
		expect(dueLevel(DUE, DUE - left)).toBe(level);
	});
});

describe('untilNextChange', () => {
	it('waits for the next threshold when it comes within the minute', () => {
		expect(untilNextChange(DUE, DUE - SOON_MS - 20_000)).toBe(20_000);
		expect(untilNextChange(DUE, DUE - 5_000)).toBe(5_000);
		expect(untilNextChange(DUE, DUE - NEAR_MS - 30_000)).toBe(30_000);
	});
	it('ticks at most once a minute, and at least once a second', () => {
		expect(untilNextChange(DUE, DUE - 3 * NEAR_MS)).toBe(MIN);
		expect(untilNextChange(DUE, DUE + 10 * MIN)).toBe(MIN);
		expect(untilNextChange(DUE, DUE - 200)).toBe(1_000);
	});
});

describe('dueDate', () => {
	const now = new Date('2027-01-10T12:00:00Z');
	it('is in the student’s zone, never in UTC', () => {
		expect(dueDate(new Date(DUE), now, { locale: 'en-GB', timeZone: 'Asia/Seoul' })).toBe('Friday 15 January at 18:30');
		const la = dueDate(new Date(DUE), now, { locale: 'en-US', timeZone: 'America/Los_Angeles' });
		expect(la).toMatch(/^Friday, January 15\b/);
		expect(la).toMatch(/\b1:30\sAM$/);
		expect(la).not.toMatch(/UTC|GMT/);
	});
	it('moves to the previous or next day where the zone does', () => {
		const late = new Date('2027-01-15T23:30:00Z');
		expect(dueDate(late, now, { locale: 'en-GB', timeZone: 'Asia/Seoul' })).toBe('Saturday 16 January at 08:30');
		expect(dueDate(late, now, { locale: 'en-GB', timeZone: 'UTC' })).toBe('Friday 15 January at 23:30');
	});
	it('names the year only when it is not the current one', () => {
		const text = dueDate(new Date(DUE), new Date('2026-12-20T12:00:00Z'), { locale: 'en-GB', timeZone: 'UTC' });
		expect(text).toMatch(/^Friday,? 15 January 2027\b/);
		expect(text).toMatch(/\b09:30$/);
	});
	it('follows the language', () => {
		expect(dueDate(new Date(DUE), now, { locale: 'de-DE', timeZone: 'Europe/Berlin' })).toMatch(
			/^Freitag, 15\. Januar/
		);
	});
});

describe('timeLeft', () => {
	it.each([
		[23 * 60 * MIN + 59 * MIN, 'in 23 hours'],
		[2 * 60 * MIN, 'in 2 hours'],
		[119 * MIN, 'in 119 minutes'],
		[14 * MIN + 1_000, 'in 15 minutes'],
		[MIN, 'in 1 minute'],
		[5_000, 'in 1 minute']
	])('%i ms is "%s"', (ms, text) => {
		expect(timeLeft(ms, 'en')).toBe(text);
	});
});
