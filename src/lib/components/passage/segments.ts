/**
 * Cutting a paragraph into the pieces the passage view renders: sentences, and inside them runs of
 * text that are highlighted and/or carry a glossary term. Pure, so it is unit-tested.
 */
export interface RangeLike {
	start: number;
	end: number;
}

export interface GlossaryMark<G> {
	range: RangeLike;
	entry: G;
}

export interface Piece<G> {
	start: number;
	end: number;
	text: string;
	highlighted: boolean;
	glossary: G | null;
}

export interface SentencePieces<G> {
	id: string | null; // null for the white space between sentences
	pieces: Piece<G>[];
}

export function paragraphPieces<G>(
	text: string,
	paragraph: { start: number; end: number; sentences: { id: string; start: number; end: number }[] },
	highlights: RangeLike[],
	glossary: GlossaryMark<G>[]
): SentencePieces<G>[] {
	const spans: { id: string | null; start: number; end: number }[] = [];
	let cursor = paragraph.start;
	for (const s of paragraph.sentences) {
		if (s.start > cursor) spans.push({ id: null, start: cursor, end: s.start });
		spans.push(s);
		cursor = s.end;
	}
	if (cursor < paragraph.end) spans.push({ id: null, start: cursor, end: paragraph.end });

	const terms = glossary.filter((g) => g.range.start >= paragraph.start && g.range.end <= paragraph.end);
	const cuts = new Set<number>();
	for (const h of highlights) cuts.add(h.start).add(h.end);
	for (const g of terms) cuts.add(g.range.start).add(g.range.end);

	return spans.map((span) => {
		const points = [
			span.start,
			...[...cuts].filter((c) => c > span.start && c < span.end).sort((a, b) => a - b),
			span.end
		];
		const pieces: Piece<G>[] = [];
		for (let i = 0; i < points.length - 1; i++) {
			const start = points[i]!;
			const end = points[i + 1]!;
			const highlighted = highlights.some((h) => h.start <= start && h.end >= end);
			// A highlighted word is shown as part of the highlight, not as a glossary button.
			const term = highlighted ? null : (terms.find((g) => g.range.start === start && g.range.end === end) ?? null);
			pieces.push({ start, end, text: text.slice(start, end), highlighted, glossary: term ? term.entry : null });
		}
		return { id: span.id, pieces: mergeRuns(pieces) };
	});
}

/** Join neighbouring pieces that render alike, so a highlight is one <mark> even across cut points. */
function mergeRuns<G>(pieces: Piece<G>[]): Piece<G>[] {
	const out: Piece<G>[] = [];
	for (const piece of pieces) {
		const last = out.at(-1);
		if (
			last &&
			!last.glossary &&
			!piece.glossary &&
			last.highlighted === piece.highlighted &&
			last.end === piece.start
		) {
			out[out.length - 1] = { ...last, end: piece.end, text: last.text + piece.text };
		} else {
			out.push(piece);
		}
	}
	return out;
}
