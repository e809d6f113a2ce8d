import { describe, expect, it } from 'vitest';
import {
	formatResumeCode,
	isResumeCode,
	nameKey,
	normaliseResumeCode,
	RESUME_CODE_ALPHABET
} from '../../src/lib/student-identity.ts';
import { generateResumeCode, resumeCodeHash } from '../../src/lib/server/assignments/identity.ts';

describe('two names are the same student', () => {
	it.each([
		['Ana Maria', 'ana maria', 'case'],
		['  Ana    Maria ', 'Ana Maria', 'spacing and ends'],
		['Ana\tMaria', 'Ana Maria', 'a tab'],
		['Ana\u00a0Maria', 'Ana Maria', 'a no-break space'],
		['Ana\u3000Maria', 'Ana Maria', 'an ideographic space'],
		['Zoe\u0308', 'Zoë', 'decomposed and composed (NFC)'],
		['Ana\u200bMaria', 'AnaMaria', 'a zero-width space'],
		['An\u200da', 'Ana', 'a zero-width joiner'],
		['\u2066Ana\u2069', 'Ana', 'bidi isolates'],
		['\u202eAna', 'Ana', 'a right-to-left override'],
		['Ana\u200f', 'Ana', 'a right-to-left mark'],
		['An\u00ada', 'Ana', 'a soft hyphen'],
		['\ufeffAna', 'Ana', 'a byte order mark'],
		['Ana\u2060', 'Ana', 'a word joiner'],
		['Ana\ufe0f', 'Ana', 'a variation selector'],
		['Stra\u00dfe', 'STRASSE', 'ß and SS'],
		['ΟΔΥΣΣΕΑΣ', 'οδυσσεασ', 'final and medial sigma'],
		['김민준', ' 김민준 ', 'Hangul with spaces']
	])('%j and %j (%s)', (a, b) => {
		expect(nameKey(a)).toBe(nameKey(b));
	});

	it.each([
		['Ana', 'Anna'],
		['Ana Maria', 'AnaMaria'],
		['Zoë', 'Zoe'],
		['김민준', '김민중']
	])('%j and %j stay two students', (a, b) => {
		expect(nameKey(a)).not.toBe(nameKey(b));
	});
});

describe('resume codes', () => {
	it('are six characters with nothing to confuse (no 0/O, 1/I/L, U), shown as ABC-DEF', () => {
		for (let i = 0; i < 50; i++) {
			const code = generateResumeCode();
			expect(isResumeCode(code)).toBe(true);
			expect(formatResumeCode(code)).toMatch(new RegExp(`^[${RESUME_CODE_ALPHABET}]{3}-[${RESUME_CODE_ALPHABET}]{3}$`));
		}
		expect(RESUME_CODE_ALPHABET).not.toMatch(/[01OILU]/);
	});

	it('are accepted in any case, with or without the dash or spaces', () => {
		expect(normaliseResumeCode(' k7m-3qx ')).toBe('K7M3QX');
		expect(resumeCodeHash('a', 'ana', 'k7m 3qx')).toBe(resumeCodeHash('a', 'ana', 'K7M-3QX'));
	});

	it('hash apart for two students or two assignments, and never contain the code', () => {
		const hash = resumeCodeHash('a', 'ana', 'K7M3QX');
		expect(hash).not.toBe(resumeCodeHash('a', 'bo', 'K7M3QX'));
		expect(hash).not.toBe(resumeCodeHash('b', 'ana', 'K7M3QX'));
		expect(hash).toMatch(/^[0-9a-f]{64}$/);
	});
});
