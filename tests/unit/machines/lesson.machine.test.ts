import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import {
	currentQuestion,
	hasQuestionAfter,
	lessonInputFrom,
	lessonMachine,
	questionSnapshot,
	type LessonInput,
	type LessonSnapshot
} from '../../../src/lib/machines/lesson.machine.ts';
import { questionMachine } from '../../../src/lib/machines/question.machine.ts';
import { choice, fakeGrader, heldGrader, unserialisablePaths } from './fakes.ts';

const KEYS = { q1: choice('o1'), q2: choice('o2'), q3: choice('o3') };

const INPUT: LessonInput = {
	slug: 'demo',
	maxTries: 2,
	sections: [
		{
			id: 'opening',
			questions: [
				{ id: 'q1', type: 'single-choice', hintCount: 1 },
				{ id: 'q2', type: 'single-choice', hintCount: 0 }
			]
		},
		{ id: 'context', questions: [] },
		{ id: 'ending', questions: [{ id: 'q3', type: 'single-choice', hintCount: 2 }] }
	]
};

function machineWith(actors: ReturnType<typeof fakeGrader>['actors'] | ReturnType<typeof heldGrader>['actors']) {
	return lessonMachine.provide({
		actors: { question: questionMachine.provide({ actors }) }
	});
}

/** Ask the current question for a hint and wait until the server's answer is in. */
async function askHint(actor: { send: (e: { type: 'hint.request' }) => void } & Parameters<typeof waitFor>[0]) {
	actor.send({ type: 'hint.request' });
	return waitFor(actor, (s) => {
		const q = questionSnapshot(s as LessonSnapshot);
		return !q || (!q.matches({ answering: 'loading' }) && !q.matches({ feedback: { retry: 'loading' } }));
	});
}

function start(input: LessonInput = INPUT) {
	const grader = fakeGrader(KEYS, input.maxTries);
	const actor = createActor(machineWith(grader.actors), { input }).start();
	return { actor, grader };
}

type LessonActor = ReturnType<typeof start>['actor'];

/** Answers the current question through the lesson actor and waits for the feedback. */
async function answer(actor: LessonActor, optionId: string) {
	actor.send({ type: 'answer.change', response: choice(optionId) });
	actor.send({ type: 'answer.submit' });
	return waitFor(actor, (s) => questionSnapshot(s)?.matches('feedback') === true);
}

describe('lesson machine', () => {
	it('starts at the intro and records the start time the page gives', () => {
		const { actor } = start();
		expect(actor.getSnapshot().value).toBe('intro');
		actor.send({ type: 'lesson.start', at: '2025-01-02T03:04:05.000Z' });
		const s = actor.getSnapshot();
		expect(s.value).toEqual({ section: 'reading' });
		expect(s.context.startedAt).toBe('2025-01-02T03:04:05.000Z');
	});

	it('walks two sections with questions, a section without any, recaps and the summary', async () => {
		const { actor, grader } = start();
		actor.send({ type: 'lesson.start' });
		actor.send({ type: 'section.read' });
		let s = actor.getSnapshot();
		expect(s.value).toEqual({ section: 'questions' });
		expect(currentQuestion(s.context)?.id).toBe('q1');
		expect(questionSnapshot(s)?.context.questionId).toBe('q1');

		// q1: a hint, then right first try.
		await askHint(actor);
		await answer(actor, 'o1');
		actor.send({ type: 'question.next' });
		s = actor.getSnapshot();
		expect(s.value).toEqual({ section: 'questions' });
		expect(questionSnapshot(s)?.context).toMatchObject({ questionId: 'q2', tryNumber: 1, hintsUsed: 0 });

		// q2: wrong, then right on try 2.
		await answer(actor, 'o9');
		actor.send({ type: 'answer.retry' });
		await answer(actor, 'o2');
		actor.send({ type: 'question.next' });
		s = actor.getSnapshot();
		expect(s.value).toEqual({ section: 'recap' });
		expect(questionSnapshot(s)).toBeUndefined();

		// A section without questions goes straight from reading to its recap.
		actor.send({ type: 'recap.continue' });
		expect(actor.getSnapshot().value).toEqual({ section: 'reading' });
		expect(actor.getSnapshot().context.sectionIndex).toBe(1);
		actor.send({ type: 'section.read' });
		expect(actor.getSnapshot().value).toEqual({ section: 'recap' });

		// q3: wrong twice, out of tries.
		actor.send({ type: 'recap.continue' });
		actor.send({ type: 'section.read' });
		await answer(actor, 'o1');
		actor.send({ type: 'answer.retry' });
		await answer(actor, 'o2');
		actor.send({ type: 'question.next' });
		actor.send({ type: 'recap.continue' });

		s = actor.getSnapshot();
		expect(s.value).toBe('summary');
		expect(s.context.outcomes).toEqual({
			q1: expect.objectContaining({
				tries: 1,
				hintsUsed: 1,
				revealed: false,
				credit: 1,
				points: 9,
				firstTryCorrect: true,
				verdict: 'correct'
			}),
			q2: expect.objectContaining({ tries: 2, hintsUsed: 0, credit: 1, points: 5, firstTryCorrect: false }),
			q3: expect.objectContaining({ tries: 2, credit: 0, points: 0, verdict: 'incorrect', revealed: false })
		});
		expect(s.context.outcomes.q3?.result?.explanation?.text).toBe('Because of q3.');
		expect(s.context.outcomes.q2?.response).toEqual(choice('o2'));
		// The browser sends only what the student did: the server numbered the tries.
		expect(grader.requests.map((r) => [r.questionId, r.action])).toEqual([
			['q1', 'answer'],
			['q2', 'answer'],
			['q2', 'answer'],
			['q3', 'answer'],
			['q3', 'answer']
		]);
		expect(s.context.outcomes.q2?.result?.tryNumber).toBe(2);
	});

	it('records a revealed answer', async () => {
		const { actor } = start();
		actor.send({ type: 'lesson.start' });
		actor.send({ type: 'section.read' });
		await answer(actor, 'o4');
		actor.send({ type: 'answer.reveal' });
		await waitFor(actor, (s) => questionSnapshot(s)?.matches({ feedback: 'final' }) === true);
		actor.send({ type: 'question.next' });
		expect(actor.getSnapshot().context.outcomes.q1).toMatchObject({ tries: 1, revealed: true, points: 0 });
	});

	it('question events outside the questions are ignored', () => {
		const { actor } = start();
		actor.send({ type: 'answer.change', response: choice('o1') });
		actor.send({ type: 'lesson.start' });
		actor.send({ type: 'answer.submit' });
		actor.send({ type: 'question.next' });
		expect(actor.getSnapshot().value).toEqual({ section: 'reading' });
		expect(actor.getSnapshot().status).toBe('active');
	});

	describe('continuing on another device with the questions the server has as finished', () => {
		const done = (id: string) => ({
			tries: 1,
			hintsUsed: 0,
			revealed: false,
			credit: 1,
			points: 1,
			firstTryCorrect: true,
			verdict: 'correct' as const,
			result: null,
			response: choice(id)
		});

		it('lands at the first question not finished, in its section, with the finished ones kept', async () => {
			const { actor } = start();
			actor.send({ type: 'lesson.start', at: '2026-01-01T00:00:00Z', outcomes: { q1: done('o1') } });
			expect(actor.getSnapshot().matches({ section: 'questions' })).toBe(true);
			expect(currentQuestion(actor.getSnapshot().context)?.id).toBe('q2');
			expect(Object.keys(actor.getSnapshot().context.outcomes)).toEqual(['q1']);
			await answer(actor, 'o2');
			actor.send({ type: 'question.next' });
			expect(actor.getSnapshot().matches({ section: 'recap' })).toBe(true);
			expect(Object.keys(actor.getSnapshot().context.outcomes).sort()).toEqual(['q1', 'q2']);
		});

		it('a finished section is passed; the section without questions after it is read, not passed', () => {
			const { actor } = start();
			actor.send({ type: 'lesson.start', outcomes: { q1: done('o1'), q2: done('o2') } });
			// Nothing after the first section is finished: the student is at the section without questions.
			expect(actor.getSnapshot().matches({ section: 'reading' })).toBe(true);
			expect(actor.getSnapshot().context.sectionIndex).toBe(1);
			actor.send({ type: 'section.read' });
			expect(actor.getSnapshot().matches({ section: 'recap' })).toBe(true);
			actor.send({ type: 'recap.continue' });
			expect(actor.getSnapshot().matches({ section: 'reading' })).toBe(true);
			expect(actor.getSnapshot().context.sectionIndex).toBe(2);
		});

		it('a section without questions the student went past elsewhere is passed', () => {
			const input: LessonInput = {
				...INPUT,
				sections: [
					{ id: 'opening', questions: [{ id: 'q1', type: 'single-choice', hintCount: 0 }] },
					{ id: 'context', questions: [] },
					{
						id: 'ending',
						questions: [
							{ id: 'q2', type: 'single-choice', hintCount: 0 },
							{ id: 'q3', type: 'single-choice', hintCount: 0 }
						]
					}
				]
			};
			const { actor } = start(input);
			actor.send({ type: 'lesson.start', outcomes: { q1: done('o1'), q2: done('o2') } });
			expect(actor.getSnapshot().matches({ section: 'questions' })).toBe(true);
			expect(actor.getSnapshot().context.sectionIndex).toBe(2);
			expect(currentQuestion(actor.getSnapshot().context)?.id).toBe('q3');
		});

		it('questions finished out of order (two devices at once) are passed over, not asked again', async () => {
			const { actor } = start();
			// The second question of the first section and the last one were finished elsewhere.
			actor.send({ type: 'lesson.start', outcomes: { q2: done('o2'), q3: done('o3') } });
			// Begun elsewhere: straight to its first question not finished.
			expect(actor.getSnapshot().matches({ section: 'questions' })).toBe(true);
			expect(currentQuestion(actor.getSnapshot().context)?.id).toBe('q1');
			// The player's button says this question finishes the section.
			expect(hasQuestionAfter(actor.getSnapshot().context)).toBe(false);
			await answer(actor, 'o1');
			actor.send({ type: 'question.next' });
			// q2 is not asked again: the section's recap.
			expect(actor.getSnapshot().matches({ section: 'recap' })).toBe(true);
			actor.send({ type: 'recap.continue' });
			expect(actor.getSnapshot().context.sectionIndex).toBe(1);
			actor.send({ type: 'section.read' });
			actor.send({ type: 'recap.continue' });
			// The last section is read; its one question was finished elsewhere, so on to its recap.
			expect(actor.getSnapshot().matches({ section: 'reading' })).toBe(true);
			expect(actor.getSnapshot().context.sectionIndex).toBe(2);
			actor.send({ type: 'section.read' });
			expect(actor.getSnapshot().matches({ section: 'recap' })).toBe(true);
			actor.send({ type: 'recap.continue' });
			expect(actor.getSnapshot().matches('summary')).toBe(true);
			expect(Object.keys(actor.getSnapshot().context.outcomes).sort()).toEqual(['q1', 'q2', 'q3']);
		});

		it('a later question of the same section finished elsewhere is passed over after the current one', async () => {
			const input: LessonInput = {
				...INPUT,
				sections: [
					{
						id: 'opening',
						questions: [
							{ id: 'q1', type: 'single-choice', hintCount: 0 },
							{ id: 'q2', type: 'single-choice', hintCount: 0 },
							{ id: 'q3', type: 'single-choice', hintCount: 0 }
						]
					}
				]
			};
			const { actor } = start(input);
			actor.send({ type: 'lesson.start', outcomes: { q2: done('o2') } });
			expect(currentQuestion(actor.getSnapshot().context)?.id).toBe('q1');
			expect(hasQuestionAfter(actor.getSnapshot().context)).toBe(true);
			await answer(actor, 'o1');
			actor.send({ type: 'question.next' });
			expect(currentQuestion(actor.getSnapshot().context)?.id).toBe('q3');
			expect(hasQuestionAfter(actor.getSnapshot().context)).toBe(false);
			await answer(actor, 'o3');
			actor.send({ type: 'question.next' });
			expect(actor.getSnapshot().matches({ section: 'recap' })).toBe(true);
		});

		it('everything finished: the summary, with every outcome', () => {
			const { actor } = start();
			actor.send({ type: 'lesson.start', outcomes: { q1: done('o1'), q2: done('o2'), q3: done('o3') } });
			expect(actor.getSnapshot().matches('summary')).toBe(true);
			expect(Object.keys(actor.getSnapshot().context.outcomes).sort()).toEqual(['q1', 'q2', 'q3']);
		});

		it('a lesson whose sections have no questions starts at the first of them', () => {
			const { actor } = start({
				...INPUT,
				sections: [
					{ id: 'a', questions: [] },
					{ id: 'b', questions: [] }
				]
			});
			actor.send({ type: 'lesson.start', outcomes: {} });
			expect(actor.getSnapshot().matches({ section: 'reading' })).toBe(true);
			expect(actor.getSnapshot().context.sectionIndex).toBe(0);
		});

		it('nothing finished: the first section, as on a first start', () => {
			const { actor } = start();
			actor.send({ type: 'lesson.start', outcomes: {} });
			expect(actor.getSnapshot().matches({ section: 'reading' })).toBe(true);
			expect(actor.getSnapshot().context.sectionIndex).toBe(0);
		});
	});

	it('a lesson without sections goes from the intro to the summary', () => {
		const { actor } = start({ ...INPUT, sections: [] });
		actor.send({ type: 'lesson.start' });
		expect(actor.getSnapshot().value).toBe('summary');
	});

	it('review: only answered questions can be opened, and closed again', async () => {
		const input: LessonInput = { ...INPUT, sections: [INPUT.sections[1]!, INPUT.sections[2]!] };
		const { actor } = start(input);
		actor.send({ type: 'lesson.start' });
		actor.send({ type: 'section.read' });
		actor.send({ type: 'recap.continue' });
		actor.send({ type: 'section.read' });
		await answer(actor, 'o1');
		actor.send({ type: 'answer.retry' });
		await answer(actor, 'o1');
		actor.send({ type: 'question.next' });
		actor.send({ type: 'recap.continue' });
		expect(actor.getSnapshot().value).toBe('summary');

		actor.send({ type: 'review.question', questionId: 'q1' });
		expect(actor.getSnapshot().context.reviewing).toBeNull();
		actor.send({ type: 'review.question', questionId: 'q3' });
		expect(actor.getSnapshot().context.reviewing).toBe('q3');
		actor.send({ type: 'review.close' });
		expect(actor.getSnapshot().context.reviewing).toBeNull();
	});

	it.each([
		{ where: 'mid-question', steps: 1 },
		{ where: 'the summary', steps: 2 }
	])('restart from $where resets everything', async ({ steps }) => {
		const input: LessonInput = { ...INPUT, sections: [INPUT.sections[2]!] };
		const { actor } = start(input);
		actor.send({ type: 'lesson.start', at: '2025-01-01T00:00:00.000Z' });
		actor.send({ type: 'section.read' });
		actor.send({ type: 'hint.request' });
		const child = actor.getSnapshot().children.question;
		if (steps === 2) {
			await answer(actor, 'o3');
			actor.send({ type: 'question.next' });
			actor.send({ type: 'recap.continue' });
			actor.send({ type: 'review.question', questionId: 'q3' });
			expect(actor.getSnapshot().value).toBe('summary');
		}
		actor.send({ type: 'lesson.restart' });
		const s = actor.getSnapshot();
		expect(s.value).toBe('intro');
		expect(s.context).toMatchObject({
			sectionIndex: 0,
			questionIndex: 0,
			outcomes: {},
			startedAt: null,
			reviewing: null
		});
		expect(s.children.question).toBeUndefined();
		expect(child?.getSnapshot().status).not.toBe('active');

		// And the lesson can be taken again from the start, with a fresh question.
		actor.send({ type: 'lesson.start' });
		actor.send({ type: 'section.read' });
		expect(questionSnapshot(actor.getSnapshot())?.context).toMatchObject({ questionId: 'q3', hintsUsed: 0 });
	});

	it('subscribers see every change of the question (so a page can save on each)', async () => {
		const { actor } = start();
		const drafts: unknown[] = [];
		actor.subscribe((s) => drafts.push(questionSnapshot(s)?.context.response ?? null));
		actor.send({ type: 'lesson.start' });
		actor.send({ type: 'section.read' });
		actor.send({ type: 'answer.change', response: choice('o2') });
		expect(drafts.at(-1)).toEqual(choice('o2'));
		await answer(actor, 'o1');
		expect(drafts.at(-1)).toEqual(choice('o1'));
	});

	describe('persistence', () => {
		async function midQuestion() {
			const grader = fakeGrader(KEYS, INPUT.maxTries);
			const machine = machineWith(grader.actors);
			const actor = createActor(machine, { input: INPUT }).start();
			actor.send({ type: 'lesson.start' });
			actor.send({ type: 'section.read' });
			await answer(actor, 'o1');
			actor.send({ type: 'question.next' });
			// On q2 (try 1): wrong, retry, then a draft for try 2.
			await answer(actor, 'o3');
			actor.send({ type: 'answer.retry' });
			actor.send({ type: 'answer.change', response: choice('o4') });
			return { actor, machine, grader };
		}

		it('the persisted snapshot holds only plain data and survives JSON unchanged', async () => {
			const { actor } = await midQuestion();
			const persisted = actor.getPersistedSnapshot();
			expect(unserialisablePaths(persisted)).toEqual([]);
			expect(JSON.parse(JSON.stringify(persisted))).toEqual(persisted);
		});

		it('resumes mid-question after a JSON round trip: same section, draft, try and outcomes', async () => {
			const { actor, machine, grader } = await midQuestion();
			const stored = JSON.stringify(actor.getPersistedSnapshot());
			actor.stop();

			const restored = createActor(machine, { snapshot: JSON.parse(stored), input: INPUT }).start();
			let s = restored.getSnapshot();
			expect(s.value).toEqual({ section: 'questions' });
			expect(s.context.outcomes.q1?.firstTryCorrect).toBe(true);
			expect(questionSnapshot(s)?.matches('answering')).toBe(true);
			expect(questionSnapshot(s)?.context).toMatchObject({
				questionId: 'q2',
				tryNumber: 2,
				response: choice('o4'),
				history: [{ tryNumber: 1, verdict: 'incorrect', credit: 0 }]
			});

			restored.send({ type: 'answer.change', response: choice('o2') });
			restored.send({ type: 'answer.submit' });
			await waitFor(restored, (x) => questionSnapshot(x)?.matches({ feedback: 'final' }) === true);
			expect(grader.requests.at(-1)).toMatchObject({ questionId: 'q2', action: 'answer', response: choice('o2') });
			restored.send({ type: 'question.next' });
			s = restored.getSnapshot();
			expect(s.value).toEqual({ section: 'recap' });
			expect(s.context.outcomes.q2).toMatchObject({ tries: 2, credit: 1, firstTryCorrect: false });
		});

		it('keeps a used hint and a draft across the round trip', async () => {
			const grader = fakeGrader(KEYS, INPUT.maxTries);
			const machine = machineWith(grader.actors);
			const actor = createActor(machine, { input: INPUT }).start();
			actor.send({ type: 'lesson.start' });
			actor.send({ type: 'section.read' });
			await askHint(actor);
			actor.send({ type: 'answer.change', response: choice('o2') });
			const stored = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
			actor.stop();

			const restored = createActor(machine, { snapshot: stored, input: INPUT }).start();
			expect(questionSnapshot(restored.getSnapshot())?.context).toMatchObject({
				questionId: 'q1',
				hintsUsed: 1,
				tryNumber: 1,
				response: choice('o2')
			});
			// The one hint q1 has is used: asking again changes nothing.
			await askHint(restored);
			expect(questionSnapshot(restored.getSnapshot())?.context.hintsUsed).toBe(1);
			expect(grader.hintRequests).toEqual([{ action: 'hint', questionId: 'q1', hint: 1 }]);
			restored.send({ type: 'answer.change', response: choice('o1') });
			await answer(restored, 'o1');
			expect(grader.requests.at(-1)).toMatchObject({ questionId: 'q1', action: 'answer' });
			// The hint was charged by the server's count, not by anything the page sent.
			expect(questionSnapshot(restored.getSnapshot())?.context.result?.points).toBe(9);
		});

		it('a snapshot taken while grading grades again on resume', async () => {
			const held = heldGrader(KEYS, INPUT.maxTries);
			const machine = machineWith(held.actors);
			const actor = createActor(machine, { input: INPUT }).start();
			actor.send({ type: 'lesson.start' });
			actor.send({ type: 'section.read' });
			actor.send({ type: 'answer.change', response: choice('o1') });
			actor.send({ type: 'answer.submit' });
			expect(questionSnapshot(actor.getSnapshot())?.value).toBe('grading');
			const stored = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
			actor.stop();

			const restored = createActor(machine, { snapshot: stored, input: INPUT }).start();
			expect(held.pending).toHaveLength(2);
			held.pending[1]?.release();
			const s = await waitFor(restored, (x) => questionSnapshot(x)?.matches('feedback') === true);
			expect(questionSnapshot(s)?.context.result?.verdict).toBe('correct');
		});
	});
});

describe('lessonInputFrom', () => {
	it('builds sections in order with question types and hint counts', () => {
		const input = lessonInputFrom({
			slug: 'seoul',
			scoring: { maxTries: 3 },
			sections: [
				{ id: 's1', questionIds: ['b', 'a'] },
				{ id: 's2', questionIds: [] }
			],
			questions: [
				{ id: 'a', type: 'evidence', hintCount: 1 },
				{ id: 'b', type: 'ordering', hintCount: 0 }
			]
		});
		expect(input).toEqual({
			slug: 'seoul',
			maxTries: 3,
			sections: [
				{
					id: 's1',
					questions: [
						{ id: 'b', type: 'ordering', hintCount: 0 },
						{ id: 'a', type: 'evidence', hintCount: 1 }
					]
				},
				{ id: 's2', questions: [] }
			]
		});
	});
});
