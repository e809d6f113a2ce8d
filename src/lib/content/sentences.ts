/**
 * Sentence splitting: Intl.Segmenter, then re-joining the splits it makes after abbreviations
 * ("Mr. Smith", "U.S. President"). Ranges are [start, end) offsets into the paragraph, trailing
 * white space excluded.
 */

/** Abbreviations that never end a sentence in news prose. */
const TITLES = new Set([
	'mr',
	'mrs',
	'ms',
	'dr',
	'prof',
	'st',
	'gen',
	'sen',
	'rep',
	'gov',
	'lt',
	'col',
	'sgt',
	'capt',
	'cmdr',
	'adm',
	'maj',
	'pres',
	'rev',
	'hon',
	'jr',
	'sr',
	'vs',
	'no',
	'e.g',
	'i.e',
	'etc',
	'approx',
	'dept',
	'fig',
	'jan',
	'feb',
	'mar',
	'apr',
	'aug',
	'sept',
	'sep',
	'oct',
	'nov',
	'dec',
	'mt',
	'ft'
]);

/** Capitalised words that usually open a new sentence: after "U.S." they mean the sentence ended. */
const SENTENCE_OPENERS = new Set([
	'the',
	'a',
	'an',
	'this',
	'that',
	'these',
	'those',
	'he',
	'she',
	'it',
	'they',
	'we',
	'i',
	'you',
	'but',
	'and',
	'or',
	'so',
	'yet',
	'in',
	'on',
	'at',
	'after',
	'before',
	'when',
	'while',
	'if',
	'as',
	'some',
	'many',
	'most',
	'there',
	'his',
	'her',
	'its',
	'their',
	'our',
	'however',
	'meanwhile',
	'still',
	'then',
	'days',
	'last',
	'earlier',
	'later'
]);

export interface Span {
	start: number;
	end: number;
}

/** Longest word looked at when asking whether a sentence ends in an abbreviation. */
const LONGEST_ABBREVIATION = 32;

/**
 * The last word of `text[from, to)` (white space at its end left out), or null when it is longer
 * than any abbreviation. Looks at no more than LONGEST_ABBREVIATION characters, so asking costs the
 * same however long the sentence is.
 */
function lastWord(text: string, from: number, to: number): string | null {
	let end = to;
	while (end > from && /\s/.test(text[end - 1]!)) end--;
	let start = end;
	while (start > from && !/\s/.test(text[start - 1]!)) {
		start--;
		if (end - start > LONGEST_ABBREVIATION) return null;
	}
	return start < end ? text.slice(start, end) : null;
}

function endsWithAbbreviation(text: string, from: number, to: number): 'title' | 'acronym' | null {
	const last = lastWord(text, from, to);
	if (!last) return null;
	const word = last.replace(/^[("'“‘[]+/, '');
	if (!word.endsWith('.')) return null;
	// "e.g." and "i.e." look like acronyms but never end a sentence: "e.g. The Times".
	if (TITLES.has(word.slice(0, -1).toLowerCase())) return 'title';
	if (/^(?:[A-Za-z]\.){2,}$/.test(word)) return 'acronym'; // U.S.  D.C.  U.K.
	if (/^[A-Z]\.$/.test(word)) return 'title'; // an initial: "John F. Kennedy"
	const bare = word.slice(0, -1).toLowerCase();
	return TITLES.has(bare) ? 'title' : null;
}

function nextWord(segment: string): string {
	return /^\s*([\p{L}\p{N}]+)/u.exec(segment)?.[1] ?? '';
}

function shouldJoin(text: string, from: number, to: number, next: string): boolean {
	const kind = endsWithAbbreviation(text, from, to);
	if (!kind) return false;
	if (kind === 'title') return true;
	const word = nextWord(next);
	if (!word) return false;
	if (!/^\p{Lu}/u.test(word)) return true; // "U.S. officials", "D.C. 2024"
	return !SENTENCE_OPENERS.has(word.toLowerCase());
}

/**
 * Made on first use, not when the module loads: building a sentence segmenter loads the browser's
 * sentence rules, the largest single piece of the start screen's script time when it was made at
 * load, and the start screen, which imports this module, splits no sentence.
 */
let sentenceSegmenter: Intl.Segmenter | null = null;
const segmenter = () => (sentenceSegmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' }));

/** Paragraphs up to this long go to Intl.Segmenter whole; longer ones in pieces (see `segments`). */
const PIECE = 2000;
/** A piece is cut where no sentence can go on: after . ! or ?, closing marks, space, a capital. */
const SURE_END = /[.!?]["'”’)\]]*\s+(?=\p{Lu})/gu;

interface Segment {
	segment: string;
	index: number;
	/** The piece before this one was cut where no sentence ended: carry on the sentence. */
	continues: boolean;
}

/**
 * Intl.Segmenter's sentences of a paragraph. V8's segmenter takes time growing with the square of
 * its input's length, so a long paragraph is given to it in pieces of about PIECE characters, cut
 * only where it would break a sentence anyway. A stretch with no such place within 2 × PIECE
 * characters is cut at a space, and the sentence carries on across that cut.
 */
function* segments(paragraph: string): Generator<Segment> {
	if (paragraph.length <= PIECE) {
		for (const { segment, index } of segmenter().segment(paragraph)) yield { segment, index, continues: false };
		return;
	}
	let from = 0;
	let carry = false;
	while (from < paragraph.length) {
		let to = paragraph.length;
		let forced = false;
		if (to - from > 2 * PIECE) {
			SURE_END.lastIndex = from + PIECE;
			const end = SURE_END.exec(paragraph);
			if (end && end.index + end[0].length - from <= 2 * PIECE) {
				to = end.index + end[0].length;
			} else {
				const space = paragraph.lastIndexOf(' ', from + 2 * PIECE);
				to = space > from ? space + 1 : from + 2 * PIECE;
				forced = true;
			}
		}
		let first = true;
		for (const { segment, index } of segmenter().segment(paragraph.slice(from, to))) {
			yield { segment, index: from + index, continues: first && carry };
			first = false;
		}
		carry = forced;
		from = to;
	}
}

/**
 * Split a paragraph into sentence spans. Linear in the paragraph's length: the segmenter sees
 * bounded pieces, sentences are joined by moving offsets (never by copying text), and each join
 * looks at a bounded number of characters.
 */
export function splitSentences(paragraph: string): Span[] {
	const merged: Span[] = [];
	let current: Span | null = null;
	for (const { segment, index, continues } of segments(paragraph)) {
		const end = index + segment.length;
		if (current && (continues || shouldJoin(paragraph, current.start, current.end, segment))) {
			current.end = end;
		} else {
			if (current) merged.push(current);
			current = { start: index, end };
		}
	}
	if (current) merged.push(current);
	const spans: Span[] = [];
	for (const { start, end } of merged) {
		let from = start;
		let to = end;
		while (from < to && /\s/.test(paragraph[from]!)) from++;
		while (to > from && /\s/.test(paragraph[to - 1]!)) to--;
		if (to > from) spans.push({ start: from, end: to });
	}
	return spans;
}
