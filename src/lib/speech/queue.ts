/**
 * Read aloud, as pure data: what to say (a list of sentences, each tied to a passage sentence id
 * when it comes from the passage) and where the reader is. `step` is the whole behaviour: start,
 * pause, resume, previous and next sentence, stop, and the end of one sentence moving to the next.
 * `turn` counts the times a sentence must be (re)started, so the speaking side knows when to
 * cancel what it is saying and say the current sentence from its start.
 */
import type { Passage } from '$lib/content/passage';
import type { PublicQuestion } from '$lib/content/public';
import { splitSentences } from '$lib/content/sentences';

export interface SpeechItem {
	text: string;
	/** The passage sentence (p3.s2) this is, to highlight while it is said; null for other text. */
	sentenceId: string | null;
}

export type QueueStatus = 'idle' | 'speaking' | 'paused' | 'finished';

export interface SpeechQueue {
	/** What is being read, for the controls ("the passage", "the question"). */
	label: string;
	items: readonly SpeechItem[];
	index: number;
	status: QueueStatus;
	turn: number;
}

export type QueueEvent =
	| { type: 'start'; label: string; items: readonly SpeechItem[] }
	| { type: 'pause' }
	| { type: 'resume' }
	| { type: 'previous' }
	| { type: 'next' }
	| { type: 'ended' }
	| { type: 'stop' };

export const IDLE: SpeechQueue = { label: '', items: [], index: 0, status: 'idle', turn: 0 };

export function step(q: SpeechQueue, event: QueueEvent): SpeechQueue {
	const speakAt = (index: number): SpeechQueue => ({ ...q, index, status: 'speaking', turn: q.turn + 1 });
	switch (event.type) {
		case 'start': {
			const items = event.items.filter((i) => i.text.trim() !== '');
			if (items.length === 0) return { ...IDLE, turn: q.turn };
			return { label: event.label, items, index: 0, status: 'speaking', turn: q.turn + 1 };
		}
		case 'pause':
			return q.status === 'speaking' ? { ...q, status: 'paused' } : q;
		case 'resume':
			if (q.status === 'paused') return speakAt(q.index);
			if (q.status === 'finished') return speakAt(0);
			return q;
		case 'previous':
			return q.status === 'idle' ? q : speakAt(Math.max(0, q.index - 1));
		case 'next':
			if (q.status === 'idle') return q;
			return q.index + 1 < q.items.length ? speakAt(q.index + 1) : { ...q, status: 'finished' };
		case 'ended':
			if (q.status !== 'speaking') return q;
			return q.index + 1 < q.items.length ? speakAt(q.index + 1) : { ...q, status: 'finished' };
		case 'stop':
			return { ...IDLE, turn: q.turn };
	}
}

/** The sentence being said (or paused on); null when nothing is being read. */
export function currentItem(q: SpeechQueue): SpeechItem | null {
	return q.status === 'speaking' || q.status === 'paused' ? (q.items[q.index] ?? null) : null;
}

interface SectionLike {
	id: string;
	title: string;
	heading: string | null;
	paragraphs: string[];
}

/** The passage's sentences, section by section (each heading first), or only the sections given. */
export function passageItems(
	passage: Passage,
	sections: readonly SectionLike[],
	only?: readonly string[]
): SpeechItem[] {
	const paragraphs = new Map(passage.paragraphs.map((p) => [p.id, p]));
	return sections
		.filter((s) => !only || only.includes(s.id))
		.flatMap((s) => [
			...(s.heading ? [{ text: s.heading, sentenceId: null }] : []),
			...s.paragraphs.flatMap(
				(pid) =>
					paragraphs.get(pid)?.sentences.map((sentence) => ({
						text: passage.text.slice(sentence.start, sentence.end),
						sentenceId: sentence.id
					})) ?? []
			)
		]);
}

/** Text other than the passage, sentence by sentence. */
export function textItems(...texts: (string | null | undefined)[]): SpeechItem[] {
	return texts
		.filter((t): t is string => !!t && t.trim() !== '')
		.flatMap((t) => splitSentences(t).map((span) => ({ text: t.slice(span.start, span.end), sentenceId: null })));
}

const letter = (i: number) => String.fromCharCode(65 + i);

/** A question: its prompt, then what the student answers with (options, statement, items…). */
export function questionItems(q: PublicQuestion): SpeechItem[] {
	const say = (text: string): SpeechItem => ({ text, sentenceId: null });
	const prompt = textItems(q.prompt);
	switch (q.type) {
		case 'single-choice':
		case 'multi-select':
			return [
				...prompt,
				say(q.type === 'multi-select' ? 'Choose all that apply.' : 'Choose one.'),
				...q.options.map((o, i) => say(`${letter(i)}: ${o.text}`))
			];
		case 'true-false-not-stated':
			return [...prompt, say('Statement:'), ...textItems(q.statement), say('True, false, or not stated?')];
		case 'ordering':
			return [...prompt, ...q.items.map((it, i) => say(`${i + 1}: ${it.text}`))];
		case 'matching':
			return [
				...prompt,
				...q.left.map((l, i) => say(`${i + 1}: ${l.text}`)),
				say('Choices:'),
				...q.right.map((r, i) => say(`${letter(i)}: ${r.text}`))
			];
		case 'cloze':
			return [...prompt, ...textItems(q.parts.map((p) => (p.kind === 'text' ? p.text : ' blank ')).join(''))];
		case 'evidence':
			return [...prompt, say('Claim:'), ...textItems(q.claim)];
		case 'evidence-paired':
			return [
				...prompt,
				...q.options.map((o, i) => say(`${letter(i)}: ${o.text}`)),
				say('Part B.'),
				...textItems(q.partB.prompt),
				...q.partB.options.map((o, i) => say(`${letter(i)}: ${o.text}`))
			];
		case 'short-answer':
			return prompt;
	}
}

/** Feedback on an answer: the verdict once, the feedback lines, then the explanation. */
export function feedbackItems(verdict: string, lines: readonly string[], explanation: string | null): SpeechItem[] {
	return textItems(verdict, ...lines, explanation);
}
