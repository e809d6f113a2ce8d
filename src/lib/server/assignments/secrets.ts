/**
 * Secrets of an assignment: the teacher's results link and a student's device token. Only their
 * SHA-256 hashes are stored; lookups hash what the browser sends and compare in constant time.
 * Nothing here logs a secret.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Bytes of randomness in a results secret: 24 bytes = 192 bits, 32 base64url characters. */
export const RESULTS_SECRET_BYTES = 24;

/** A fresh results secret: base64url, at least 128 random bits. */
export function newResultsSecret(): string {
	return randomBytes(RESULTS_SECRET_BYTES).toString('base64url');
}

/** A results secret's shape: base64url of the right length (anything else is a 404 at once). */
export function looksLikeResultsSecret(input: string): boolean {
	return /^[A-Za-z0-9_-]{32}$/.test(input);
}

/** SHA-256 of a secret, as lower-case hex. */
export function sha256Hex(secret: string): string {
	return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compare two hex digests in constant time (false when their lengths differ). */
export function sameDigest(a: string, b: string): boolean {
	const x = Buffer.from(a, 'hex');
	const y = Buffer.from(b, 'hex');
	return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** A fresh per-attempt secret for shuffling questions and options (128 bits; never sent to the browser). */
export function newSeed(): string {
	return randomBytes(16).toString('base64url');
}

/** A fresh practice-attempt token for the browser to keep (192 bits). */
export function newToken(): string {
	return randomBytes(24).toString('base64url');
}
