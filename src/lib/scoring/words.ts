/**
 * Words of a typed answer, as the rubric matcher compares them: normalised like whole answers
 * (case, accents, punctuation, "3,000" = "three thousand"; see normalize.ts), with possessives and
 * dotted abbreviations joined ("Korea's" → "korea", "U.N." → "un"), articles dropped, each word
 * with its English stem (Porter2, the Snowball English stemmer) and a bounded typo distance. Server
 * only: the grader is the only user. Pure.
 */
import porter2 from 'wink-porter2-stemmer';
import { normalizeAnswer } from './normalize.ts';

export interface Word {
	/** The word as normalised ("monitering"). */
	text: string;
	/** Its stem ("moniter"). */
	stem: string;
	/** It has a digit: a number, compared exactly. */
	digit: boolean;
}

const ARTICLES = new Set(['the', 'a', 'an']);

/**
 * Everyday words that are never read as a typo of another word: "case" is not a misspelt "cash",
 * nor "them" a misspelt "then". They still match themselves (and their stems) exactly.
 */
const NEVER_A_TYPO = new Set(
	(
		'about above after again against also another any area back been before being below between both but by ' +
		'came case come could did does done down each even ever every fact few find first for form four from ' +
		'gave give goes gone good have having here his how into its just kind know last late later less like ' +
		'made make many more most much must near need never next none nor not now off once one only onto other ' +
		'our out over part said same saw says see seen she should since some such sure take than that their ' +
		'them then there these they thing this those three through time told took two under until upon very ' +
		'want was way well went were what when where which while who whom whose why will with word work would ' +
		'year yet you your'
	).split(' ')
);

/** Stems are cached: a class types the same few hundred words again and again. */
const stems = new Map<string, string>();
const STEM_CACHE_LIMIT = 20_000;

export function stemOf(word: string): string {
	let s = stems.get(word);
	if (s === undefined) {
		s = /\d/.test(word) ? word : porter2(word);
		if (stems.size >= STEM_CACHE_LIMIT) stems.clear();
		stems.set(word, s);
	}
	return s;
}

/** The words of a text, in order, without articles. */
export function wordsOf(text: string): Word[] {
	const joined = text
		// "U.N.", "D.C.", "U.S" → "UN", "DC", "US".
		.replace(/(?<![\p{L}\p{N}])(?:\p{L}\.){1,}\p{L}(?![\p{L}\p{N}])\.?/gu, (m) => m.replace(/\./g, ''))
		// "Korea's", "Korea’s", "UN's" → "Korea", "UN"; "it's" → "it".
		.replace(/(\p{L})['’‘`´]s(?!\p{L})/gu, '$1');
	const normal = normalizeAnswer(joined);
	if (normal === '') return [];
	return normal
		.split(' ')
		.filter((w) => !ARTICLES.has(w))
		.map((w) => ({ text: w, stem: stemOf(w), digit: /\d/.test(w) }));
}

/**
 * How many typos a word of the rubric tolerates: none up to three letters or in a number, one up to
 * seven letters, two from eight letters on.
 */
export function typoAllowance(word: string): number {
	if (/\d/.test(word) || word.length <= 3) return 0;
	return word.length <= 7 ? 1 : 2;
}

/**
 * Optimal string alignment distance (insertions, deletions, substitutions and swaps of two
 * neighbouring letters each cost one), or max + 1 as soon as it must exceed `max`.
 */
export function typoDistance(a: string, b: string, max: number): number {
	if (a === b) return 0;
	if (Math.abs(a.length - b.length) > max) return max + 1;
	const n = b.length;
	// Three rows of the table: two rows back (for swaps), the previous one and the current one.
	let before = rows[0]!;
	let previous = rows[1]!;
	let current = rows[2]!;
	if (previous.length <= n) {
		for (let k = 0; k < 3; k++) rows[k] = new Uint16Array(n + 16);
		[before, previous, current] = [rows[0]!, rows[1]!, rows[2]!];
	}
	for (let j = 0; j <= n; j++) previous[j] = j;
	for (let i = 1; i <= a.length; i++) {
		current[0] = i;
		let rowMin = i;
		for (let j = 1; j <= n; j++) {
			const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
			let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
			current[j] = d;
			if (d < rowMin) rowMin = d;
		}
		if (rowMin > max) return max + 1;
		[before, previous, current] = [previous, current, before];
	}
	return Math.min(previous[n]!, max + 1);
}

/** Rows reused by typoDistance (grading is synchronous, so one set serves every call). */
const rows: Uint16Array[] = [new Uint16Array(64), new Uint16Array(64), new Uint16Array(64)];

/** Whether an everyday word, which is never read as a typo. */
export function neverATypo(word: string): boolean {
	return NEVER_A_TYPO.has(word);
}
