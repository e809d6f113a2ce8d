import { describe, expect, it } from 'vitest';
import {
	IDLE,
	currentItem,
	feedbackItems,
	passageItems,
	questionItems,
	step,
	type QueueEvent,
	type SpeechItem,
	type SpeechQueue
} from '../../../src/lib/speech/queue';
import { buildPassage } from '../../../src/lib/content/passage';

const items: SpeechItem[] = [
	{ text: 'One.', sentenceId: 'p1.s1' },
	{ text: 'Two.', sentenceId: 'p1.s2' },
	{ text: 'Three.', sentenceId: 'p2.s1' }
];

const run = (...events: QueueEvent[]) => events.reduce<SpeechQueue>(step, IDLE);
const start: QueueEvent = { type: 'start', label: 'the passage', items };
const said = (q: SpeechQueue) => currentItem(q)?.text ?? null;

describe('the sentence queue', () => {
	it('starts at the first sentence and moves on as each one ends, then finishes', () => {
		let q = run(start);
		expect([q.status, said(q)]).toEqual(['speaking', 'One.']);
		q = step(q, { type: 'ended' });
		expect(said(q)).toBe('Two.');
		q = step(step(q, { type: 'ended' }), { type: 'ended' });
		expect(q.status).toBe('finished');
		expect(said(q)).toBeNull();
	});

	it('asks for a new utterance (a new turn) on every start, move and resume, not on pause', () => {
		const q1 = run(start);
		const paused = step(q1, { type: 'pause' });
		expect(paused.turn).toBe(q1.turn);
		expect([paused.status, said(paused)]).toEqual(['paused', 'One.']);
		const resumed = step(paused, { type: 'resume' });
		expect(resumed.turn).toBe(q1.turn + 1);
		expect([resumed.status, said(resumed)]).toEqual(['speaking', 'One.']);
	});

	it('ignores the end of a sentence while paused (the cancelled utterance)', () => {
		const q = run(start, { type: 'pause' }, { type: 'ended' });
		expect([q.status, said(q)]).toEqual(['paused', 'One.']);
	});

	it.each([
		['next', [start, { type: 'next' }], 'Two.'],
		['next twice', [start, { type: 'next' }, { type: 'next' }], 'Three.'],
		['previous at the start stays on the first', [start, { type: 'previous' }], 'One.'],
		['previous after next', [start, { type: 'next' }, { type: 'next' }, { type: 'previous' }], 'Two.'],
		['next while paused speaks the next one', [start, { type: 'pause' }, { type: 'next' }], 'Two.']
	] as const)('%s', (_name, events, expected) => {
		const q = run(...(events as readonly QueueEvent[]));
		expect([q.status, said(q)]).toEqual(['speaking', expected]);
	});

	it('finishes on next at the last sentence; resume then reads again from the start', () => {
		const done = run(start, { type: 'next' }, { type: 'next' }, { type: 'next' });
		expect(done.status).toBe('finished');
		const again = step(done, { type: 'resume' });
		expect([again.status, said(again)]).toEqual(['speaking', 'One.']);
	});

	it('stops to idle, and nothing but start leaves idle', () => {
		const stopped = run(start, { type: 'stop' });
		expect(stopped.status).toBe('idle');
		for (const type of ['pause', 'resume', 'previous', 'next', 'ended'] as const)
			expect(step(stopped, { type }).status).toBe('idle');
	});

	it('skips empty text, and an empty list stays idle', () => {
		const q = run({ type: 'start', label: 'x', items: [{ text: '  ', sentenceId: null }, ...items] });
		expect(q.items).toHaveLength(3);
		expect(run({ type: 'start', label: 'x', items: [] }).status).toBe('idle');
	});
});

describe('what is read', () => {
	const passage = buildPassage(
		['First one. Second one.', '', '## Later', '', 'Third one.'].map((text, i) => ({ text, line: i + 1 }))
	);
	const sections = passage.sections.map((s) => ({ ...s, title: s.heading ?? 'Start' }));

	it('reads the passage sentence by sentence with its sentence ids, each heading first', () => {
		expect(passageItems(passage, sections)).toEqual([
			{ text: 'First one.', sentenceId: 'p1.s1' },
			{ text: 'Second one.', sentenceId: 'p1.s2' },
			{ text: 'Later', sentenceId: null },
			{ text: 'Third one.', sentenceId: 'p2.s1' }
		]);
	});

	it('reads one section alone', () => {
		expect(passageItems(passage, sections, ['s2']).map((i) => i.text)).toEqual(['Later', 'Third one.']);
	});

	it('reads a question with its options, lettered', () => {
		const q = questionItems({
			id: 'q1',
			type: 'single-choice',
			section: 's1',
			objective: 'facts',
			prompt: 'How many? Pick one.',
			points: 1,
			hintCount: 0,
			options: [
				{ id: 'o1', text: 'Two' },
				{ id: 'o2', text: 'Three' }
			]
		});
		expect(q.map((i) => i.text)).toEqual(['How many?', 'Pick one.', 'Choose one.', 'A: Two', 'B: Three']);
	});

	it('reads the feedback: one verdict, the lines, the explanation', () => {
		expect(feedbackItems('Partly right', ['One of them is right.'], 'The U.S. said so. Seoul agreed.')).toEqual([
			{ text: 'Partly right', sentenceId: null },
			{ text: 'One of them is right.', sentenceId: null },
			{ text: 'The U.S. said so.', sentenceId: null },
			{ text: 'Seoul agreed.', sentenceId: null }
		]);
	});
});
