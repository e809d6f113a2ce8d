/**
 * Student codes: short, easy to read aloud and type. The alphabet leaves out 0/O, 1/I/L and U
 * (which reads as V on some boards), so no two characters are confused. Eight characters from 30
 * give about 6.6e11 codes; the code only finds an assignment, it grants nothing a teacher owns.
 */
import { randomInt } from 'node:crypto';

export const STUDENT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const STUDENT_CODE_LENGTH = 8;

export function generateStudentCode(length: number = STUDENT_CODE_LENGTH): string {
	let code = '';
	for (let i = 0; i < length; i++) code += STUDENT_CODE_ALPHABET[randomInt(STUDENT_CODE_ALPHABET.length)];
	return code;
}

export { normaliseStudentCode } from '../../student-code.ts';

export function isStudentCode(input: string): boolean {
	return new RegExp(`^[${STUDENT_CODE_ALPHABET}]{${STUDENT_CODE_LENGTH}}$`).test(input);
}
