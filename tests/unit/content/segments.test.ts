import { describe, expect, it } from 'vitest';
import { paragraphPieces } from '../../../src/lib/components/passage/segments.ts';

const text = 'The U.S. confirmed the reports. Pyongyang denied them.';
const paragraph = {
	start: 0,
	end: text.length,
	sentences: [
		{ id: 'p1.s1', start: 0, end: 31 },
		{ id: 'p1.s2', start: 32, end: text.length }
	]
};
const term = (word: string) => {
	const start = text.indexOf(word);
	return { range: { start, end: start + word.length }, entry: word };
};
const render = (pieces: ReturnType<typeof paragraphPieces<string>>) =>
	pieces.map((s) => [
		s.id,
		s.pieces.map((p) => (p.highlighted ? `[${p.text}]` : p.glossary ? `{${p.text}}` : p.text)).join('|')
	]);

describe('paragraphPieces', () => {
	it('cuts sentences, the white space between them and glossary terms', () => {
		expect(render(paragraphPieces(text, paragraph, [], [term('confirmed'), term('Pyongyang')]))).toEqual([
			['p1.s1', 'The U.S. |{confirmed}| the reports.'],
			[null, ' '],
			['p1.s2', '{Pyongyang}| denied them.']
		]);
	});

	it('keeps a highlight in one piece even when a glossary term lies inside it', () => {
		const highlight = { start: 4, end: 22 }; // "U.S. confirmed the"
		expect(render(paragraphPieces(text, paragraph, [highlight], [term('confirmed')]))).toEqual([
			['p1.s1', 'The |[U.S. confirmed the]| reports.'],
			[null, ' '],
			['p1.s2', 'Pyongyang denied them.']
		]);
	});

	it('splits a highlight that spans two sentences at the sentence boundary', () => {
		const highlight = { start: 19, end: 41 };
		expect(render(paragraphPieces(text, paragraph, [highlight], []))).toEqual([
			['p1.s1', 'The U.S. confirmed |[the reports.]'],
			[null, '[ ]'],
			['p1.s2', '[Pyongyang]| denied them.']
		]);
	});
});
