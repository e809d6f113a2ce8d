import { describe, expect, it } from 'vitest';
import {
	exportFileName,
	exportList,
	forget,
	mergeImport,
	parseImport,
	parseStoredList,
	remember,
	type MyAssignment
} from '../../../src/lib/teach/my-assignments.ts';
import { toLocalInput } from '../../../src/lib/format/local-input.ts';

const entry = (n: number, over: Partial<MyAssignment> = {}): MyAssignment => ({
	secret: `${'s'.repeat(31)}${n}`,
	code: 'ABCD2345',
	title: `Period ${n}`,
	lesson: 'Seoul',
	createdAt: `2026-03-0${n}T09:00:00.000Z`,
	dueAt: null,
	...over
});

describe('My assignments, kept on the device', () => {
	it('keeps the newest first, once per results secret, and forgets one', () => {
		let list = remember([], entry(1));
		list = remember(list, entry(2));
		list = remember(list, entry(1, { title: 'Period 1, renamed' }));
		expect(list.map((e) => e.title)).toEqual(['Period 1, renamed', 'Period 2']);
		expect(forget(list, entry(2).secret).map((e) => e.title)).toEqual(['Period 1, renamed']);
	});

	it('reads a damaged store as empty instead of failing', () => {
		expect(parseStoredList(null)).toEqual([]);
		expect(parseStoredList('{')).toEqual([]);
		expect(parseStoredList('[{"secret":"x"}]')).toEqual([]);
		expect(parseStoredList(JSON.stringify([entry(1)]))).toEqual([entry(1)]);
	});

	it('an export imports back, and merging adds only the entries not already here', () => {
		const file = exportList([entry(1), entry(2)], new Date('2026-03-05T10:00:00Z'));
		const parsed = parseImport(file);
		if (!parsed.ok) throw new Error(parsed.message);
		const merged = mergeImport([entry(2, { title: 'Kept as it is here' }), entry(3)], parsed.assignments);
		expect(merged.added).toBe(1);
		expect(merged.already).toBe(1);
		expect(merged.list.map((e) => e.title)).toEqual(['Period 3', 'Kept as it is here', 'Period 1']);
		expect(exportFileName(new Date(2026, 2, 5))).toBe('closeread-assignments-2026-03-05.json');
	});

	it.each([
		['not JSON', '{"format"', /not JSON/],
		['another tool’s file', JSON.stringify({ format: 'closeread-review', version: 1 }), /not a Closeread list/],
		['a newer version', JSON.stringify({ format: 'closeread-assignments', version: 9 }), /newer version/],
		[
			'a damaged secret',
			JSON.stringify({
				format: 'closeread-assignments',
				version: 1,
				exportedAt: '2026-03-05T10:00:00.000Z',
				assignments: [entry(1, { secret: 'short' })]
			}),
			/results link is damaged.*Nothing was imported/
		],
		[
			'an extra field',
			JSON.stringify({
				format: 'closeread-assignments',
				version: 1,
				exportedAt: '2026-03-05T10:00:00.000Z',
				assignments: [{ ...entry(1), html: '<script>' }]
			}),
			/damaged/
		],
		['too large a file', 'x'.repeat(1024 * 1024 + 1), /too large/]
	])('refuses %s whole, with a message', (_what, text, message) => {
		const parsed = parseImport(text);
		expect(parsed.ok).toBe(false);
		expect(!parsed.ok && parsed.message).toMatch(message);
	});
});

describe('times in a datetime-local field', () => {
	it('shows an ISO time as the wall time of the given offset, or nothing', () => {
		expect(toLocalInput('2027-01-15T09:30:00.000Z', 0)).toBe('2027-01-15T09:30');
		expect(toLocalInput('2027-01-15T09:30:00.000Z', -60)).toBe('2027-01-15T10:30');
		expect(toLocalInput('2027-01-15T09:30:00.000Z', 300)).toBe('2027-01-15T04:30');
		expect(toLocalInput(null, 0)).toBe('');
		expect(toLocalInput('soon', 0)).toBe('');
	});
});
