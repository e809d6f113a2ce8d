import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import {
	describeError,
	questionMachine,
	requestGrade,
	type QuestionInput
} from '../../../src/lib/machines/question.machine.ts';
import type { GradeRequest } from '../../../src/lib/scoring/types.ts';
import { choice, fakeGrader, heldGrader, unserialisablePaths } from './fakes.ts';

const KEY = { q1: choice('o2') };

function input(overrides: Partial<QuestionInput> = {}): QuestionInput {
	return {
		slug: 'demo',
		seed: 'q1',
		questionId: 'q1',
		questionType: 'single-choice',
		hintCount: 2,
		maxTries: 3,
		...overrides
	};
}

function start(overrides: Partial<QuestionInput> = {}, grader = fakeGrader(KEY, overrides.maxTries ?? 3)) {
	const actor = createActor(questionMachine.provide({ actors: { grade: grader.logic } }), {
		input: input(overrides)
	}).start();
	return { actor, grader };
}

type QuestionActor = ReturnType<typeof start>['actor'];

async function answer(actor: QuestionActor, optionId: string) {
	actor.send({ type: 'answer.change', response: choice(optionId) });
	actor.send({ type: 'answer.submit' });
	return waitFor(actor, (s) => !s.matches('grading'));
}

describe('question machine', () => {
	it('starts answering on try 1 with no draft', () => {
		const { actor } = start();
		const s = actor.getSnapshot();
		expect(s.value).toBe('answering');
		expect(s.context).toMatchObject({ tryNumber: 1, hintsUsed: 0, response: null, result: null, history: [] });
	});

	it('right first try: final feedback, then done with the output', async () => {
		const { actor, grader } = start();
		const s = await answer(actor, 'o2');
		expect(s.value).toEqual({ feedback: 'final' });
		expect(s.context.result?.verdict).toBe('correct');
		expect(s.context.history).toEqual([{ tryNumber: 1, verdict: 'correct', credit: 1 }]);
		expect(grader.requests).toEqual([
			{
				slug: 'demo',
				seed: 'q1',
				questionId: 'q1',
				tryNumber: 1,
				hintsUsed: 0,
				reveal: false,
				response: choice('o2')
			}
		] satisfies GradeRequest[]);

		actor.send({ type: 'question.next' });
		const done = actor.getSnapshot();
		expect(done.status).toBe('done');
		expect(done.output).toMatchObject({
			questionId: 'q1',
			hintsUsed: 0,
			history: [{ tryNumber: 1, verdict: 'correct', credit: 1 }],
			response: choice('o2')
		});
		expect(done.output?.result?.points).toBe(10);
	});

	it('wrong then right: try number goes up, the draft is kept to edit, history records both', async () => {
		const { actor, grader } = start();
		let s = await answer(actor, 'o1');
		expect(s.value).toEqual({ feedback: 'retry' });
		expect(s.context.result?.verdict).toBe('incorrect');

		actor.send({ type: 'answer.retry' });
		s = actor.getSnapshot();
		expect(s.value).toBe('answering');
		expect(s.context.tryNumber).toBe(2);
		expect(s.context.response).toEqual(choice('o1'));

		s = await answer(actor, 'o2');
		expect(s.value).toEqual({ feedback: 'final' });
		expect(s.context.history).toEqual([
			{ tryNumber: 1, verdict: 'incorrect', credit: 0 },
			{ tryNumber: 2, verdict: 'correct', credit: 1 }
		]);
		expect(grader.requests.map((r) => r.tryNumber)).toEqual([1, 2]);
	});

	it.each([
		{ hintCount: 0, asks: 1, used: 0 },
		{ hintCount: 1, asks: 1, used: 1 },
		{ hintCount: 2, asks: 5, used: 2 }
	])('hints: $asks requests with $hintCount hints use $used', async ({ hintCount, asks, used }) => {
		const { actor, grader } = start({ hintCount });
		for (let i = 0; i < asks; i++) actor.send({ type: 'hint.request' });
		expect(actor.getSnapshot().context.hintsUsed).toBe(used);
		await answer(actor, 'o2');
		expect(grader.requests[0]?.hintsUsed).toBe(used);
	});

	it('hints can be asked for after a wrong try, but not once the question is over', async () => {
		const { actor } = start({ hintCount: 3 });
		await answer(actor, 'o1');
		actor.send({ type: 'hint.request' });
		expect(actor.getSnapshot().context.hintsUsed).toBe(1);
		actor.send({ type: 'answer.retry' });
		await answer(actor, 'o2');
		actor.send({ type: 'hint.request' });
		expect(actor.getSnapshot().context.hintsUsed).toBe(1);
	});

	it('out of tries: the last wrong try is final and no further retry is possible', async () => {
		const { actor } = start({ maxTries: 2 });
		await answer(actor, 'o1');
		actor.send({ type: 'answer.retry' });
		const s = await answer(actor, 'o3');
		expect(s.value).toEqual({ feedback: 'final' });
		expect(s.context.result).toMatchObject({ final: true, verdict: 'incorrect', triesLeft: 0 });
		expect(s.context.result?.solution).toEqual({ type: 'single-choice', optionId: 'o2' });
		actor.send({ type: 'answer.retry' });
		expect(actor.getSnapshot().value).toEqual({ feedback: 'final' });
		expect(actor.getSnapshot().context.tryNumber).toBe(2);
	});

	it('cannot reveal before any graded try', () => {
		const { actor, grader } = start();
		actor.send({ type: 'answer.change', response: choice('o1') });
		actor.send({ type: 'answer.reveal' });
		expect(actor.getSnapshot().value).toBe('answering');
		expect(grader.requests).toHaveLength(0);
	});

	it.each([
		{ from: 'feedback after a wrong try', retryFirst: false, tryNumber: 1 },
		{ from: 'the next try', retryFirst: true, tryNumber: 2 }
	])('reveal from $from: final and revealed, not counted as a try', async ({ retryFirst, tryNumber }) => {
		const { actor, grader } = start();
		await answer(actor, 'o1');
		if (retryFirst) actor.send({ type: 'answer.retry' });
		actor.send({ type: 'answer.reveal' });
		const s = await waitFor(actor, (x) => !x.matches('grading'));
		expect(s.value).toEqual({ feedback: 'final' });
		expect(s.context.result).toMatchObject({ revealed: true, final: true, points: 0 });
		expect(s.context.history).toHaveLength(1);
		expect(grader.requests.at(-1)).toMatchObject({ reveal: true, tryNumber });
	});

	it('network error: error state with a readable message; grading again keeps the answer', async () => {
		const { actor, grader } = start();
		grader.failNext();
		let s = await answer(actor, 'o2');
		expect(s.value).toBe('error');
		expect(s.context.error).toBe('Could not reach the server. Check your connection and try again.');
		expect(s.context.response).toEqual(choice('o2'));
		expect(s.context.history).toEqual([]);

		actor.send({ type: 'grade.retry' });
		s = await waitFor(actor, (x) => !x.matches('grading'));
		expect(s.value).toEqual({ feedback: 'final' });
		expect(s.context.error).toBeNull();
		expect(grader.requests.map((r) => [r.tryNumber, r.response])).toEqual([
			[1, choice('o2')],
			[1, choice('o2')]
		]);
	});

	it('after an error the student can go back and edit the answer', async () => {
		const { actor, grader } = start();
		grader.failNext();
		await answer(actor, 'o1');
		actor.send({ type: 'answer.edit' });
		const s = actor.getSnapshot();
		expect(s.value).toBe('answering');
		expect(s.context).toMatchObject({ error: null, tryNumber: 1, response: choice('o1') });
	});

	it('ignores submitting without an answer and answers of another question type', () => {
		const { actor, grader } = start();
		actor.send({ type: 'answer.submit' });
		actor.send({ type: 'answer.change', response: { type: 'short-answer', text: 'hello' } });
		expect(actor.getSnapshot().value).toBe('answering');
		expect(actor.getSnapshot().context.response).toBeNull();
		expect(grader.requests).toHaveLength(0);
	});

	it('while grading, edits and second submits are ignored', async () => {
		const grader = heldGrader(KEY);
		const actor = createActor(questionMachine.provide({ actors: { grade: grader.logic } }), {
			input: input()
		}).start();
		actor.send({ type: 'answer.change', response: choice('o2') });
		actor.send({ type: 'answer.submit' });
		actor.send({ type: 'answer.change', response: choice('o3') });
		actor.send({ type: 'answer.submit' });
		expect(actor.getSnapshot().value).toBe('grading');
		expect(actor.getSnapshot().context.response).toEqual(choice('o2'));
		expect(grader.pending).toHaveLength(1);
		grader.pending[0]?.release();
		const s = await waitFor(actor, (x) => x.matches('feedback'));
		expect(s.context.result?.verdict).toBe('correct');
	});

	it('resumes from `initial` input (try, hints, draft)', async () => {
		const { actor, grader } = start({ initial: { tryNumber: 2, hintsUsed: 1, response: choice('o2') } });
		expect(actor.getSnapshot().context).toMatchObject({ tryNumber: 2, hintsUsed: 1, response: choice('o2') });
		actor.send({ type: 'answer.submit' });
		await waitFor(actor, (x) => x.matches('feedback'));
		expect(grader.requests[0]).toMatchObject({ tryNumber: 2, hintsUsed: 1 });
	});

	it('a persisted snapshot survives JSON and resumes with draft, try and hints', async () => {
		const grader = fakeGrader(KEY);
		const machine = questionMachine.provide({ actors: { grade: grader.logic } });
		const first = createActor(machine, { input: input() }).start();
		await answer(first, 'o1');
		first.send({ type: 'answer.retry' });
		first.send({ type: 'hint.request' });
		first.send({ type: 'answer.change', response: choice('o3') });
		const persisted = first.getPersistedSnapshot();
		first.stop();
		expect(unserialisablePaths(persisted)).toEqual([]);

		const restored = createActor(machine, { snapshot: JSON.parse(JSON.stringify(persisted)), input: input() }).start();
		const s = restored.getSnapshot();
		expect(s.value).toBe('answering');
		expect(s.context).toMatchObject({ tryNumber: 2, hintsUsed: 1, response: choice('o3') });
		expect(s.context.history).toHaveLength(1);
		restored.send({ type: 'answer.change', response: choice('o2') });
		restored.send({ type: 'answer.submit' });
		const after = await waitFor(restored, (x) => x.matches('feedback'));
		expect(after.value).toEqual({ feedback: 'final' });
		expect(grader.requests.at(-1)).toMatchObject({ tryNumber: 2, hintsUsed: 1, response: choice('o2') });
	});
});

describe('requestGrade (the default grader)', () => {
	const request: GradeRequest = {
		slug: 'demo',
		questionId: 'q1',
		tryNumber: 1,
		hintsUsed: 0,
		response: choice('o1')
	};

	it('posts JSON to /api/grade and returns the result', async () => {
		const calls: [string, RequestInit | undefined][] = [];
		const fetchFn = (async (url: string, init?: RequestInit) => {
			calls.push([url, init]);
			return new Response(JSON.stringify({ questionId: 'q1', verdict: 'correct' }), { status: 200 });
		}) as typeof fetch;
		const result = await requestGrade(request, fetchFn);
		expect(result).toMatchObject({ questionId: 'q1', verdict: 'correct' });
		expect(calls[0]?.[0]).toBe('/api/grade');
		expect(calls[0]?.[1]?.method).toBe('POST');
		expect(JSON.parse(String(calls[0]?.[1]?.body))).toEqual(request);
	});

	it.each([
		{
			name: 'a 4xx with the server message',
			reply: () => new Response(JSON.stringify({ message: 'This question allows 3 tries.' }), { status: 422 }),
			message: 'This question allows 3 tries.'
		},
		{
			name: 'a 5xx without JSON',
			reply: () => new Response('<h1>oops</h1>', { status: 502, statusText: 'Bad Gateway' }),
			message: 'The answer could not be checked (502 Bad Gateway).'
		},
		{
			name: 'no network',
			reply: () => {
				throw new TypeError('Failed to fetch');
			},
			message: 'Could not reach the server. Check your connection and try again.'
		}
	])('throws a readable message on $name', async ({ reply, message }) => {
		const fetchFn = (async () => reply()) as typeof fetch;
		await expect(requestGrade(request, fetchFn)).rejects.toThrow(message);
	});

	it.each([
		{ error: new Error('Server said no.'), message: 'Server said no.' },
		{ error: 'plain words', message: 'plain words' },
		{ error: { weird: true }, message: 'The answer could not be checked. Try again.' }
	])('describeError($error) → $message', ({ error, message }) => {
		expect(describeError(error)).toBe(message);
	});
});
