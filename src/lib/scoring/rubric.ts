/**
 * Judging a typed answer by meaning: a rubric lists the concepts a right answer contains (each a
 * set of alternative words or phrases) and the concepts it must not contain. Words match on their
 * stems and forgive a typo or two (words.ts); concepts may come in any order, with any other words
 * around them. A phrase matches its words in order and next to each other (articles aside).
 *
 * `matchRubric` is the one entry point: pure, server only, and cheap enough to call on every
 * answer (a rubric is compiled once and kept).
 */
import type { Concept, Rubric } from '../content/schema.ts';
import { neverATypo, typoAllowance, typoDistance, wordsOf, type Word } from './words.ts';

export interface RubricMatch {
	/** 0..1: 1 when every required concept is there and no forbidden one; a share of them with partial credit. */
	credit: number;
	/** Every required concept found and no forbidden one. */
	accepted: boolean;
	/** Required concepts found, each named by its first alternative. */
	matched: string[];
	/** For each required concept found, the alternative (as the rubric writes it) that was found. */
	found: string[];
	/** Required concepts not found. */
	missing: string[];
	/** Forbidden concepts found (any one makes the credit 0). */
	forbidden: string[];
	/** The authored feedback that fits best: the first forbidden concept's, else the first missing one's (when another was found). */
	feedback: string | null;
}

/** One word of an alternative, ready to compare. */
interface Pattern {
	text: string;
	stem: string;
	allowance: number;
}

interface CompiledConcept {
	label: string;
	feedback: string | null;
	/** The alternatives as written, beside their compiled words. */
	written: string[];
	alternatives: Pattern[][];
}

interface CompiledRubric {
	required: CompiledConcept[];
	forbidden: CompiledConcept[];
	partialCredit: boolean;
	/** Every stem the rubric names: a word typed exactly as one of them is not a typo of another. */
	vocabulary: Set<string>;
}

/** At most this many words of an answer are read (a short answer is at most 500 characters). */
const MAX_WORDS = 120;

function compileConcept(c: Concept): CompiledConcept {
	const list = (Array.isArray(c) ? c : c.any).filter((alt) => wordsOf(alt).length > 0);
	return {
		label: (Array.isArray(c) ? c : c.any)[0]!,
		feedback: Array.isArray(c) ? null : (c.feedback ?? null),
		written: list,
		alternatives: list.map((alt) => wordsOf(alt).map((w) => ({ ...w, allowance: typoAllowance(w.text) })))
	};
}

const compiled = new WeakMap<Rubric, CompiledRubric>();

function compile(rubric: Rubric): CompiledRubric {
	let c = compiled.get(rubric);
	if (!c) {
		const required = rubric.required.map(compileConcept);
		const forbidden = (rubric.forbidden ?? []).map(compileConcept);
		const vocabulary = new Set(
			[...required, ...forbidden].flatMap((k) => k.alternatives.flatMap((alt) => alt.map((w) => w.stem)))
		);
		c = { required, forbidden, partialCredit: rubric.partialCredit ?? false, vocabulary };
		compiled.set(rubric, c);
	}
	return c;
}

/**
 * A typed word matches a word of the rubric when their stems are equal, or, for a word that is not
 * itself in the rubric nor an everyday word, when it is within the typo allowance of the rubric's
 * word: the same first letter and at most one or two letters wrong, missing, extra or swapped,
 * compared as typed or, for longer stems, stem to stem ("monitered" ~ "monitor").
 */
function wordMatches(word: Word, pattern: Pattern, vocabulary: Set<string>): boolean {
	if (word.stem === pattern.stem || word.text === pattern.text) return true;
	if (pattern.allowance === 0 || word.digit || word.text.length < 3 || word.text[0] !== pattern.text[0]) return false;
	if (Math.abs(word.text.length - pattern.text.length) > pattern.allowance + 3) return false;
	if (vocabulary.has(word.stem) || neverATypo(word.text)) return false;
	if (typoDistance(word.text, pattern.text, pattern.allowance) <= pattern.allowance) return true;
	const stemAllowance = Math.min(pattern.allowance, typoAllowance(pattern.stem));
	return pattern.stem.length >= 5 && typoDistance(word.stem, pattern.stem, stemAllowance) <= stemAllowance;
}

/** Whether the words contain the alternative: its words in order, next to each other. */
function containsAlternative(words: Word[], alternative: Pattern[], vocabulary: Set<string>): boolean {
	const last = words.length - alternative.length;
	for (let start = 0; start <= last; start++) {
		if (alternative.every((pattern, k) => wordMatches(words[start + k]!, pattern, vocabulary))) return true;
	}
	return false;
}

/** The first alternative of the concept that the words contain, as written, or null. */
function find(words: Word[], concept: CompiledConcept, vocabulary: Set<string>): string | null {
	const i = concept.alternatives.findIndex((alt) => containsAlternative(words, alt, vocabulary));
	return i < 0 ? null : concept.written[i]!;
}

/**
 * Match a typed answer against a rubric. An empty answer finds nothing. With partial credit the
 * credit is the share of required concepts found; without it, 1 or 0. A forbidden concept makes
 * the credit 0 either way.
 */
export function matchRubric(rubric: Rubric, text: string): RubricMatch {
	const r = compile(rubric);
	const words = wordsOf(text).slice(0, MAX_WORDS);
	const matched: string[] = [];
	const found: string[] = [];
	const missing: CompiledConcept[] = [];
	for (const concept of r.required) {
		const alternative = find(words, concept, r.vocabulary);
		if (alternative === null) missing.push(concept);
		else {
			matched.push(concept.label);
			found.push(alternative);
		}
	}
	const forbidden = r.forbidden.filter((concept) => find(words, concept, r.vocabulary) !== null);
	const all = missing.length === 0;
	let credit = 0;
	if (forbidden.length === 0) {
		if (all) credit = 1;
		else if (r.partialCredit) credit = matched.length / r.required.length;
	}
	const feedback =
		forbidden.find((f) => f.feedback)?.feedback ??
		(matched.length > 0 ? (missing.find((m) => m.feedback)?.feedback ?? null) : null);
	return {
		credit,
		accepted: credit === 1,
		matched,
		found,
		missing: missing.map((m) => m.label),
		forbidden: forbidden.map((f) => f.label),
		feedback
	};
}

/** Compiled wordings of answers a teacher accepted, kept per text (a class types against the same few). */
const wordings = new Map<string, { words: Pattern[]; vocabulary: Set<string> }>();
const WORDING_CACHE_LIMIT = 5_000;

/**
 * The words of a text for comparing wordings: as wordsOf gives them, with runs of single letters
 * joined, so that "U.S." and "US" are one word whether or not the text was normalised first
 * (normalising turns "U.S." into "u s").
 */
function wordingOf(text: string): Word[] {
	const out: (Word & { joined: boolean })[] = [];
	for (const w of wordsOf(text)) {
		const prev = out.at(-1);
		if (prev && w.text.length === 1 && !w.digit && /^\p{L}+$/u.test(prev.text) && prev.joined) {
			const text = prev.text + w.text;
			out[out.length - 1] = { text, stem: text, digit: false, joined: true };
		} else out.push({ ...w, joined: w.text.length === 1 && !w.digit });
	}
	return out;
}

/**
 * Whether a typed answer says the same as an answer a teacher accepted, word for word: the same
 * words in the same order, each matched as the rubrics match them (stems, a typo or two, case,
 * punctuation and articles aside), and no word more or less. An answer that merely shares some
 * of the words, or adds its own, is not the accepted answer: it is graded as usual.
 */
export function sameWording(accepted: string, given: string): boolean {
	let w = wordings.get(accepted);
	if (!w) {
		const words = wordingOf(accepted).map((x) => ({ text: x.text, stem: x.stem, allowance: typoAllowance(x.text) }));
		w = { words, vocabulary: new Set(words.map((x) => x.stem)) };
		if (wordings.size >= WORDING_CACHE_LIMIT) wordings.clear();
		wordings.set(accepted, w);
	}
	const typed = wordingOf(given).slice(0, MAX_WORDS + 1);
	if (w.words.length === 0 || typed.length !== w.words.length) return false;
	const { words, vocabulary } = w;
	return typed.every((word, i) => wordMatches(word, words[i]!, vocabulary));
}
