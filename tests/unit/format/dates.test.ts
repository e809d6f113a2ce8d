import { describe, expect, it } from 'vitest';
import { shortDate } from '../../../src/lib/format/dates.ts';

describe('shortDate', () => {
	it('gives a short date and the time to the minute, without seconds', () => {
		const text = shortDate('2026-03-01T09:05:37Z', 'en-GB');
		expect(text).toMatch(/^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}$/);
		expect(text).not.toContain(':37');
	});
});
