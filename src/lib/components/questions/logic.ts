/**
 * Pure helpers behind the question components: what a click or a key press turns a response into.
 * No DOM, no Svelte: unit-tested in tests/unit/components/.
 */
import type { Choice, PublicQuestion } from '$lib/content/public';
import type { Response, ResponseOf } from '$lib/scoring/response';
import type { Solution } from '$lib/scoring/types';

export type QuestionOf<T extends PublicQuestion['type']> = T extends 'single-choice' | 'multi-select'
	? Extract<PublicQuestion, { type: 'single-choice' | 'multi-select' }>
	: Extract<PublicQuestion, { type: T }>;
export type SolutionOf<T extends Solution['type']> = Extract<Solution, { type: T }>;

/** The props every per-type answer component takes (QuestionInput narrows them to one type). */
export interface TypeInputProps<T extends PublicQuestion['type']> {
	question: QuestionOf<T>;
	response: ResponseOf<T> | null;
	onchange: (r: ResponseOf<T> | null) => void;
	disabled?: boolean;
	marks?: Record<string, boolean> | null;
	solution?: SolutionOf<T> | null;
	/** Id of an element that already shows the prompt (the group is named by it, without a legend). */
	labelledby?: string | undefined;
}

/** The response if it is of the given type, else null (a stale response from another question). */
export function responseOf<T extends Response['type']>(r: Response | null, type: T): ResponseOf<T> | null {
	return r && r.type === type ? (r as ResponseOf<T>) : null;
}

export function solutionOf<T extends Solution['type']>(s: Solution | null, type: T): SolutionOf<T> | null {
	return s && s.type === type ? (s as SolutionOf<T>) : null;
}

/**
 * The grader's mark for one part (an option, blank, item, left item or sentence id), or undefined
 * when that part carries no mark. `single` also accepts a lone mark under any key: questions with
 * one part (true/false/not stated, short answer) may be marked under the question id.
 */
export function markOf(marks: Record<string, boolean> | null, key: string, single = false): boolean | undefined {
	if (!marks) return undefined;
	if (key in marks) return marks[key];
	if (single) {
		const values = Object.values(marks);
		if (values.length === 1) return values[0];
	}
	return undefined;
}

/** Move the item at `index` by `delta` places; out-of-range moves return the order unchanged. */
export function moveItem<T>(order: readonly T[], index: number, delta: number): T[] {
	const to = index + delta;
	if (index < 0 || index >= order.length || to < 0 || to >= order.length || delta === 0) return [...order];
	const out = [...order];
	const [item] = out.splice(index, 1);
	out.splice(to, 0, item!);
	return out;
}

/**
 * The order to show: the response's order when it is a permutation of the items, else the items
 * as given (the shuffled order the student starts from is already an answer).
 */
export function currentOrder(items: readonly Choice[], response: ResponseOf<'ordering'> | null): string[] {
	const ids = items.map((i) => i.id);
	const order = response?.order;
	if (!order || order.length !== ids.length) return ids;
	const known = new Set(ids);
	if (new Set(order).size !== order.length || !order.every((id) => known.has(id))) return ids;
	return [...order];
}

/** Add or remove `id`, never going above `max` chosen. Keeps the given order; adds at the end. */
export function toggleLimited(selected: readonly string[], id: string, max = Infinity): string[] {
	if (selected.includes(id)) return selected.filter((x) => x !== id);
	if (selected.length >= max) return [...selected];
	return [...selected, id];
}

/** Multi-select after toggling one option; null when nothing is chosen. */
export function toggleOption(
	response: ResponseOf<'multi-select'> | null,
	optionId: string
): ResponseOf<'multi-select'> | null {
	const optionIds = toggleLimited(response?.optionIds ?? [], optionId);
	return optionIds.length ? { type: 'multi-select', optionIds } : null;
}

/** Evidence after toggling one sentence, respecting maxSelect; null when nothing is chosen. */
export function toggleSentence(
	response: ResponseOf<'evidence'> | null,
	sentenceId: string,
	maxSelect: number
): ResponseOf<'evidence'> | null {
	const sentences = toggleLimited(response?.sentences ?? [], sentenceId, maxSelect);
	return sentences.length ? { type: 'evidence', sentences } : null;
}

/** Matching after choosing `rightId` (null: "Choose…") for one left item. Every left id is a key. */
export function setPair(
	left: readonly Choice[],
	response: ResponseOf<'matching'> | null,
	leftId: string,
	rightId: string | null
): ResponseOf<'matching'> | null {
	const pairs: Record<string, string | null> = {};
	for (const l of left) pairs[l.id] = l.id === leftId ? rightId : (response?.pairs[l.id] ?? null);
	return Object.values(pairs).some((v) => v !== null) ? { type: 'matching', pairs } : null;
}

/** Cloze after filling one blank; an empty filling removes the blank; null when all are empty. */
export function setBlank(
	response: ResponseOf<'cloze'> | null,
	blankId: string,
	value: string
): ResponseOf<'cloze'> | null {
	const blanks = { ...(response?.blanks ?? {}) };
	if (value === '') delete blanks[blankId];
	else blanks[blankId] = value;
	return Object.keys(blanks).length ? { type: 'cloze', blanks } : null;
}

/** Text cut to about `max` characters at a word boundary, with an ellipsis when cut. */
export function shortText(text: string, max = 48): string {
	const clean = text.replace(/\s+/g, ' ').trim();
	if (clean.length <= max) return clean;
	const cut = clean.slice(0, max + 1);
	const atWord = cut.lastIndexOf(' ') > max / 2 ? cut.slice(0, cut.lastIndexOf(' ')) : clean.slice(0, max);
	return `${atWord.replace(/[\s,;:.!?]+$/, '')}…`;
}

/** "Move “North Korea blew up roads…” up": a button name that says which item it moves. */
export function moveLabel(text: string, direction: 'up' | 'down'): string {
	return `Move “${shortText(text)}” ${direction}`;
}

/** What the live region says after a move. */
export function movedMessage(text: string, to: number, count: number): string {
	return `“${shortText(text)}” moved to position ${to + 1} of ${count}.`;
}

/** "Paragraph 4" from a sentence id such as "p4.s1". */
export function paragraphLabel(sentenceId: string): string | null {
	const m = /^p(\d+)\./.exec(sentenceId);
	return m ? `Paragraph ${m[1]}` : null;
}
