/**
 * The passage model: an article's body split into sections, paragraphs (p1, p2, …) and sentences
 * (p3.s2), with character offsets into one passage text, and quote → range resolution.
 *
 * The passage text is the paragraphs joined by a blank line ("\n\n"); headings are not part of it.
 * Every paragraph keeps its exact characters, so a range slices exactly the quoted words.
 */
import { splitSentences } from './sentences.ts';

export interface SentenceNode {
	id: string; // p3.s2
	start: number;
	end: number;
}

export interface ParagraphNode {
	id: string; // p3
	section: string; // s1
	start: number;
	end: number;
	/** 1-based line of the paragraph in article.md, for error messages. */
	line: number;
	sentences: SentenceNode[];
}

export interface SectionNode {
	id: string; // s1
	heading: string | null;
	paragraphs: string[];
	start: number;
	end: number;
}

export interface Passage {
	text: string;
	sections: SectionNode[];
	paragraphs: ParagraphNode[];
}

export interface Range {
	start: number;
	end: number;
}

export interface ResolvedRange extends Range {
	/** Sentences the range touches, in order. */
	sentences: string[];
}

export interface BodyLine {
	text: string;
	/** 1-based line number in the file. */
	line: number;
}

/**
 * Build the passage from the article body's lines. `##` headings start sections; blank (or
 * white-space-only) lines separate paragraphs; lines inside a paragraph are joined by a space.
 */
export function buildPassage(lines: BodyLine[]): Passage {
	const sections: SectionNode[] = [];
	const paragraphs: ParagraphNode[] = [];
	let text = '';
	let pending: BodyLine[] = [];

	const currentSection = (): SectionNode => {
		let section = sections.at(-1);
		if (!section) {
			section = { id: 's1', heading: null, paragraphs: [], start: text.length, end: text.length };
			sections.push(section);
		}
		return section;
	};

	const flush = () => {
		if (pending.length === 0) return;
		const section = currentSection();
		const paragraphText = pending.map((l) => l.text.trim()).join(' ');
		if (text.length > 0) text += '\n\n';
		const start = text.length;
		text += paragraphText;
		const id = `p${paragraphs.length + 1}`;
		const sentences = splitSentences(paragraphText).map((span, i) => ({
			id: `${id}.s${i + 1}`,
			start: start + span.start,
			end: start + span.end
		}));
		paragraphs.push({ id, section: section.id, start, end: text.length, line: pending[0]!.line, sentences });
		if (section.paragraphs.length === 0) section.start = start;
		section.paragraphs.push(id);
		section.end = text.length;
		pending = [];
	};

	for (const line of lines) {
		const heading = /^##\s+(.+?)\s*#*\s*$/.exec(line.text);
		if (heading) {
			flush();
			const previous = sections.at(-1);
			// A heading before any text names the first section instead of following an empty one.
			if (previous && previous.paragraphs.length === 0 && previous.heading === null) {
				previous.heading = heading[1]!;
			} else {
				sections.push({
					id: `s${sections.length + 1}`,
					heading: heading[1]!,
					paragraphs: [],
					start: text.length,
					end: text.length
				});
			}
		} else if (line.text.trim() === '') {
			flush();
		} else {
			pending.push(line);
		}
	}
	flush();
	return { text, sections, paragraphs };
}

const QUOTE_MAP: Record<string, string> = {
	'\u2018': "'",
	'\u2019': "'",
	'\u201A': "'",
	'\u201B': "'",
	'\u2032': "'",
	'`': "'",
	'\u201C': '"',
	'\u201D': '"',
	'\u201E': '"',
	'\u201F': '"',
	'\u2033': '"',
	'\u00AB': '"',
	'\u00BB': '"',
	'\u2010': '-',
	'\u2011': '-',
	'\u2012': '-',
	'\u2013': '-',
	'\u2014': '-',
	'\u2026': '...'
};

/**
 * Normalise text for matching: typographic quotes and apostrophes become straight ones, dashes
 * become hyphens, and every run of white space (non-breaking spaces included) becomes one space.
 * Returns the normalised string and, for each of its characters, the index of the source character.
 */
export function normalizeForMatch(source: string): { text: string; map: number[] } {
	let out = '';
	const map: number[] = [];
	let inSpace = false;
	for (let i = 0; i < source.length; i++) {
		const ch = source[i]!;
		if (/\s/u.test(ch)) {
			if (!inSpace) {
				out += ' ';
				map.push(i);
			}
			inSpace = true;
			continue;
		}
		inSpace = false;
		const replacement = QUOTE_MAP[ch] ?? ch;
		for (const r of replacement) {
			out += r;
			map.push(i);
		}
	}
	return { text: out, map };
}

export type QuoteResolution =
	{ ok: true; range: ResolvedRange } | { ok: false; reason: 'not-found' | 'ambiguous' | 'empty'; count: number };

/** The sentence ids a range touches. */
export function sentencesInRange(passage: Passage, range: Range): string[] {
	const ids: string[] = [];
	for (const p of passage.paragraphs) {
		if (p.end <= range.start || p.start >= range.end) continue;
		for (const s of p.sentences) {
			if (s.end > range.start && s.start < range.end) ids.push(s.id);
		}
	}
	return ids;
}

/** A normaliser bound to one passage, so that many quotes are resolved against one pass. */
export function createQuoteResolver(passage: Passage): (quote: string) => QuoteResolution {
	const normal = normalizeForMatch(passage.text);
	return (quote) => {
		const needle = normalizeForMatch(quote.trim()).text;
		if (needle.length === 0) return { ok: false, reason: 'empty', count: 0 };
		const hits: number[] = [];
		let from = 0;
		for (;;) {
			const at = normal.text.indexOf(needle, from);
			if (at < 0) break;
			hits.push(at);
			from = at + 1;
		}
		if (hits.length !== 1)
			return { ok: false, reason: hits.length === 0 ? 'not-found' : 'ambiguous', count: hits.length };
		const first = hits[0]!;
		const last = first + needle.length - 1;
		const start = normal.map[first]!;
		const end = normal.map[last]! + 1;
		return { ok: true, range: { start, end, sentences: sentencesInRange(passage, { start, end }) } };
	};
}

/** Resolve one quote against a passage (see createQuoteResolver for many). */
export function resolveQuote(passage: Passage, quote: string): QuoteResolution {
	return createQuoteResolver(passage)(quote);
}

/** Reading time in whole minutes at about 200 words a minute, at least one. */
export function readingMinutes(passage: Passage): number {
	const words = passage.text.split(/\s+/).filter(Boolean).length;
	return Math.max(1, Math.round(words / 200));
}
