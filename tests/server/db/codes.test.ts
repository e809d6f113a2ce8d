import { describe, expect, it } from 'vitest';
import {
	generateStudentCode,
	isStudentCode,
	normaliseStudentCode,
	STUDENT_CODE_ALPHABET
} from '../../../src/lib/server/db/codes.ts';

describe('student codes', () => {
	it('draws eight characters from an alphabet without look-alikes', () => {
		const codes = Array.from({ length: 200 }, () => generateStudentCode());
		for (const code of codes) expect(isStudentCode(code)).toBe(true);
		expect(STUDENT_CODE_ALPHABET).not.toMatch(/[01ILOU]/);
		expect(new Set(codes).size).toBe(codes.length);
	});

	it.each([
		['abcd-efgh', 'ABCDEFGH'],
		[' 23xy 45zz ', '23XY45ZZ'],
		['K7M2-P9QR', 'K7M2P9QR']
	])('reads %j as %s', (typed, code) => {
		expect(normaliseStudentCode(typed)).toBe(code);
	});

	it.each([
		['K7M2P9QR', true],
		['K7M2P9Q', false],
		['K7M2P9QRS', false],
		['K0M2P9QR', false],
		['k7m2p9qr', false],
		['<script>', false]
	])('%s is a student code: %s', (input, expected) => {
		expect(isStudentCode(input)).toBe(expected);
	});
});
