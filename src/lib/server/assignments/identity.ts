/**
 * Resume codes on the server: drawn at random, stored only as a SHA-256 hash salted with the
 * assignment and the student's normalised name, so equal codes of two students hash apart.
 */
import { randomInt } from 'node:crypto';
import { normaliseResumeCode, RESUME_CODE_ALPHABET, RESUME_CODE_LENGTH } from '../../student-identity.ts';
import { sha256Hex } from './secrets.ts';

export function generateResumeCode(): string {
	let code = '';
	for (let i = 0; i < RESUME_CODE_LENGTH; i++) code += RESUME_CODE_ALPHABET[randomInt(RESUME_CODE_ALPHABET.length)];
	return code;
}

/** The stored form of a code as typed (any case, with or without the dash). */
export function resumeCodeHash(assignmentId: string, nameKey: string, typed: string): string {
	return sha256Hex(`${assignmentId}\n${nameKey}\n${normaliseResumeCode(typed)}`);
}
