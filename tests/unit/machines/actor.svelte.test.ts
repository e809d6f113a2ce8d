import { describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { useActor } from '../../../src/lib/machines/actor.svelte.ts';
import { lessonMachine, questionSnapshot, type LessonInput } from '../../../src/lib/machines/lesson.machine.ts';
import { questionMachine } from '../../../src/lib/machines/question.machine.ts';
import { choice, fakeGrader } from './fakes.ts';

const INPUT: LessonInput = {
	slug: 'demo',
	maxTries: 2,
	sections: [{ id: 's1', questions: [{ id: 'q1', type: 'single-choice', hintCount: 1 }] }]
};

function lesson() {
	const grader = fakeGrader({ q1: choice('o1') }, 2);
	return lessonMachine.provide({ actors: { question: questionMachine.provide({ actors: grader.actors }) } });
}

describe('useActor', () => {
	it('starts the actor and follows its snapshots, including the synced question', async () => {
		const saved: string[] = [];
		const handle = useActor(lesson(), {
			input: INPUT,
			onSnapshot: (_, actor) => saved.push(JSON.stringify(actor.getPersistedSnapshot()))
		});
		expect(handle.actor.getSnapshot().status).toBe('active');
		expect(handle.snapshot.value).toBe('intro');

		handle.send({ type: 'lesson.start' });
		handle.send({ type: 'section.read' });
		handle.send({ type: 'answer.change', response: choice('o1') });
		expect(questionSnapshot(handle.snapshot)?.context.response).toEqual(choice('o1'));
		expect(saved.length).toBeGreaterThanOrEqual(3);
		expect(saved.at(-1)).toContain('"optionId":"o1"');

		handle.send({ type: 'answer.submit' });
		await waitFor(handle.actor, (s) => questionSnapshot(s)?.matches('feedback') === true);
		expect(questionSnapshot(handle.snapshot)?.value).toEqual({ feedback: 'final' });
		handle.stop();
	});

	it('resumes from a saved snapshot', async () => {
		const machine = lesson();
		const first = useActor(machine, { input: INPUT });
		first.send({ type: 'lesson.start' });
		first.send({ type: 'section.read' });
		first.send({ type: 'hint.request' });
		await waitFor(first.actor, (s) => questionSnapshot(s)?.context.hintsUsed === 1);
		const stored = JSON.parse(JSON.stringify(first.actor.getPersistedSnapshot()));
		first.stop();

		const second = useActor(machine, { input: INPUT, snapshot: stored });
		expect(second.snapshot.value).toEqual({ section: 'questions' });
		expect(questionSnapshot(second.snapshot)?.context.hintsUsed).toBe(1);
		second.stop();
	});

	it('stop() stops the actor; later sends change nothing and a second stop is harmless', () => {
		const handle = useActor(lesson(), { input: INPUT });
		handle.stop();
		handle.stop();
		handle.send({ type: 'lesson.start' });
		expect(handle.actor.getSnapshot().status).toBe('stopped');
		expect(handle.snapshot.value).toBe('intro');
	});
});
