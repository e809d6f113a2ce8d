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

function endsWithAbbreviation(segment: string): 'title' | 'acronym' | null {
	const trimmed = segment.trimEnd();
	const match = /(\S+)$/.exec(trimmed);
	if (!match) return null;
	const word = match[1]!.replace(/^[("'“‘[]+/, '');
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

function shouldJoin(current: string, next: string): boolean {
	const kind = endsWithAbbreviation(current);
	if (!kind) return false;
	if (kind === 'title') return true;
	const word = nextWord(next);
	if (!word) return false;
	if (!/^\p{Lu}/u.test(word)) return true; // "U.S. officials", "D.C. 2024"
	return !SENTENCE_OPENERS.has(word.toLowerCase());
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Split a paragraph into sentence spans. */
export function splitSentences(paragraph: string): Span[] {
	const raw = [...segmenter.segment(paragraph)].map((s) => ({ text: s.segment, start: s.index }));
	const merged: { text: string; start: number }[] = [];
	for (const seg of raw) {
		const last = merged.at(-1);
		if (last && shouldJoin(last.text, seg.text)) {
			last.text += seg.text;
		} else {
			merged.push({ ...seg });
		}
	}
	return merged
		.map((seg) => {
			const leading = seg.text.length - seg.text.trimStart().length;
			const start = seg.start + leading;
			return { start, end: start + seg.text.trim().length };
		})
		.filter((span) => span.end > span.start);
}
