import { describe, expect, it } from 'vitest';
import { buildPassage, normalizeForMatch, resolveQuote, type BodyLine } from '../../../src/lib/content/passage.ts';

const lines = (text: string): BodyLine[] => text.split('\n').map((t, i) => ({ text: t, line: i + 1 }));

const passage = buildPassage(
	lines(
		[
			'Seoul’s spy agency alleged that North Korea sent soldiers. The U.S. confirmed it on Wednesday.',
			'',
			'Pyongyang labelled the reports “groundless rumours.”',
			'   ',
			'## Russia ‘shaking the order’: Yoon',
			'',
			'Yoon spoke with   Rutte.\u00a0It was a call. It was short.',
			'',
			'A wrapped line',
			'continues here.'
		].join('\n')
	)
);

describe('buildPassage', () => {
	it('numbers paragraphs and sentences and groups them by section', () => {
		expect(passage.paragraphs.map((p) => p.id)).toEqual(['p1', 'p2', 'p3', 'p4']);
		expect(passage.paragraphs[0]!.sentences.map((s) => s.id)).toEqual(['p1.s1', 'p1.s2']);
		expect(passage.sections.map((s) => [s.id, s.heading, s.paragraphs])).toEqual([
			['s1', null, ['p1', 'p2']],
			['s2', 'Russia ‘shaking the order’: Yoon', ['p3', 'p4']]
		]);
	});

	it('keeps exact characters and joins wrapped lines with a space', () => {
		const p3 = passage.paragraphs[2]!;
		expect(passage.text.slice(p3.start, p3.end)).toBe('Yoon spoke with   Rutte.\u00a0It was a call. It was short.');
		const p4 = passage.paragraphs[3]!;
		expect(passage.text.slice(p4.start, p4.end)).toBe('A wrapped line continues here.');
		expect(p3.line).toBe(7);
		expect(p4.line).toBe(9);
	});

	it('joins paragraphs with a blank line', () => {
		expect(passage.text.startsWith('Seoul’s spy agency')).toBe(true);
		expect(passage.text).toContain('Wednesday.\n\nPyongyang');
	});
});

describe('normalizeForMatch', () => {
	it('maps curly quotes, dashes and white space, keeping a map to the source', () => {
		const { text, map } = normalizeForMatch('“a”\u00a0 —b’s');
		expect(text).toBe('"a" -b\'s');
		expect(map).toEqual([0, 1, 2, 3, 5, 6, 7, 8]);
	});
});

describe('resolveQuote', () => {
	it.each([
		['straight apostrophe matches a curly one', "Seoul's spy agency", 'Seoul’s spy agency'],
		['straight quotes match curly ones', 'the reports "groundless rumours."', 'the reports “groundless rumours.”'],
		['curly quote in the quote matches itself', 'the reports “groundless rumours', 'the reports “groundless rumours'],
		['single space matches repeated spaces', 'spoke with Rutte', 'spoke with   Rutte'],
		['space matches a non-breaking space', 'Rutte. It was', 'Rutte.\u00a0It was'],
		['leading and trailing white space is ignored', '  The U.S. confirmed it  ', 'The U.S. confirmed it'],
		['typographic quotes in a heading-free passage', 'labelled the reports', 'labelled the reports']
	])('%s', (_name, quote, expected) => {
		const r = resolveQuote(passage, quote);
		expect(r.ok).toBe(true);
		if (r.ok) expect(passage.text.slice(r.range.start, r.range.end)).toBe(expected);
	});

	it('reports the sentences a range touches', () => {
		const r = resolveQuote(passage, 'sent soldiers. The U.S.');
		expect(r.ok && r.range.sentences).toEqual(['p1.s1', 'p1.s2']);
	});

	it.each([
		['not found', 'Moscow vetoed', 'not-found', 0],
		['ambiguous', 'It was', 'ambiguous', 2],
		['empty', '   ', 'empty', 0]
	])('%s', (_name, quote, reason, count) => {
		const r = resolveQuote(passage, quote);
		expect(r).toEqual({ ok: false, reason, count });
	});

	it('is case-sensitive, so a quote must keep the article’s capitals', () => {
		expect(resolveQuote(passage, 'the u.s. confirmed').ok).toBe(false);
	});
});
