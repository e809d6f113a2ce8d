/**
 * Whether two answers are the same once normalised: typed text compared without case, outer or
 * doubled spaces and Unicode form; chosen sets compared without order. Used to refuse sending the
 * same answer twice in a row, which would only use up a try.
 */
import type { Response } from '../../scoring/response.ts';

const text = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
const sorted = (xs: readonly string[]) => [...xs].sort();
const entries = (r: Record<string, string | null>, f: (v: string) => string = (v) => v) =>
	Object.entries(r)
		.filter(([, v]) => v !== null && v !== '')
		.map(([k, v]) => `${k}=${f(v!)}`)
		.sort();

/** A canonical form of an answer: equal forms mean the same answer. */
export function canonicalResponse(r: Response): string {
	switch (r.type) {
		case 'single-choice':
			return JSON.stringify([r.type, r.optionId]);
		case 'multi-select':
			return JSON.stringify([r.type, sorted(r.optionIds)]);
		case 'true-false-not-stated':
			return JSON.stringify([r.type, r.choice]);
		case 'short-answer':
			return JSON.stringify([r.type, text(r.text)]);
		case 'ordering':
			return JSON.stringify([r.type, r.order]);
		case 'matching':
			return JSON.stringify([r.type, entries(r.pairs)]);
		case 'cloze':
			return JSON.stringify([r.type, entries(r.blanks, text)]);
		case 'evidence':
			return JSON.stringify([r.type, sorted(r.sentences)]);
		case 'evidence-paired':
			return JSON.stringify([r.type, r.partA, r.partB]);
	}
}

export function sameResponse(a: Response, b: Response): boolean {
	return canonicalResponse(a) === canonicalResponse(b);
}
