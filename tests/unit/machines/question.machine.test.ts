import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { createActor as create, fromPromise } from 'xstate';
import {
	describeError,
	panelState,
	questionMachine,
	questionOutput,
	type QuestionInput
} from '../../../src/lib/machines/question.machine.ts';
import {
	postAction,
	RefusedError,
	type GradeAction,
	type HintAction
} from '../../../src/lib/machines/server-actions.ts';
import type { GradeResult, HintReply } from '../../../src/lib/scoring/types.ts';
import { choice, fakeGrader, heldGrader, unserialisablePaths } from './fakes.ts';

const KEY = { q1: choice('o2') };

function input(overrides: Partial<QuestionInput> = {}): QuestionInput {
	return {
		questionId: 'q1',
		questionType: 'single-choice',
		hintCount: 2,
		maxTries: 3,
		...overrides
	};
}

function start(overrides: Partial<QuestionInput> = {}, grader = fakeGrader(KEY, overrides.maxTries ?? 3)) {
	const actor = createActor(questionMachine.provide({ actors: grader.actors }), {
		input: input(overrides)
	}).start();
	return { actor, grader };
}

type QuestionActor = ReturnType<typeof start>['actor'];

/** Ask for a hint and wait until the server's answer is in. */
async function askHint(actor: QuestionActor) {
	actor.send({ type: 'hint.request' });
	return waitFor(actor, (s) => !s.matches({ answering: 'loading' }) && !s.matches({ feedback: { retry: 'loading' } }));
}

async function answer(actor: QuestionActor, optionId: string) {
	actor.send({ type: 'answer.change', response: choice(optionId) });
	actor.send({ type: 'answer.submit' });
	return waitFor(actor, (s) => !s.matches('grading'));
}

describe('question machine', () => {
	it('starts answering on try 1 with no draft', () => {
		const { actor } = start();
		const s = actor.getSnapshot();
		expect(s.matches('answering')).toBe(true);
		expect(s.context).toMatchObject({ tryNumber: 1, hintsUsed: 0, response: null, result: null, history: [] });
	});

	it('right first try: final feedback, then done with the output', async () => {
		const { actor, grader } = start();
		const s = await answer(actor, 'o2');
		expect(s.value).toEqual({ feedback: 'final' });
		expect(s.context.result?.verdict).toBe('correct');
		expect(s.context.history).toEqual([{ tryNumber: 1, verdict: 'correct', credit: 1 }]);
		// Only what the student did: no try number, no hint count.
		expect(grader.requests).toEqual([
			{ action: 'answer', questionId: 'q1', answerId: expect.any(String), response: choice('o2') }
		] satisfies GradeAction[]);

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

	it('what the review records as a question turns final is what the machine gives back when it is done', async () => {
		const { actor } = start();
		await answer(actor, 'o1');
		actor.send({ type: 'answer.retry' });
		const final = await answer(actor, 'o2');
		expect(panelState(final).stage).toBe('final');
		const read = questionOutput(final.context);
		expect(read).toMatchObject({ questionId: 'q1', hintsUsed: 0, response: choice('o2') });
		expect(read.history.map((t) => t.verdict)).toEqual(['incorrect', 'correct']);
		actor.send({ type: 'question.next' });
		expect(actor.getSnapshot().output).toEqual(read);
	});

	it('wrong then right: try number goes up, the draft is kept to edit, history records both', async () => {
		const { actor, grader } = start();
		let s = await answer(actor, 'o1');
		expect(s.matches({ feedback: 'retry' })).toBe(true);
		expect(s.context.result?.verdict).toBe('incorrect');

		actor.send({ type: 'answer.retry' });
		s = actor.getSnapshot();
		expect(s.matches('answering')).toBe(true);
		expect(s.context.tryNumber).toBe(2);
		expect(s.context.response).toEqual(choice('o1'));

		s = await answer(actor, 'o2');
		expect(s.value).toEqual({ feedback: 'final' });
		expect(s.context.history).toEqual([
			{ tryNumber: 1, verdict: 'incorrect', credit: 0 },
			{ tryNumber: 2, verdict: 'correct', credit: 1 }
		]);
		expect(grader.requests.map((r) => r.action)).toEqual(['answer', 'answer']);
		expect(new Set(grader.requests.map((r) => r.answerId)).size).toBe(2);
	});

	it.each([
		{ hintCount: 0, asks: 1, used: 0 },
		{ hintCount: 1, asks: 1, used: 1 },
		{ hintCount: 2, asks: 5, used: 2 }
	])(
		'hints: $asks requests with $hintCount hints use $used, each served by the server',
		async ({ hintCount, asks, used }) => {
			const { actor, grader } = start({ hintCount });
			for (let i = 0; i < asks; i++) await askHint(actor);
			expect(actor.getSnapshot().context.hintsUsed).toBe(used);
			expect(actor.getSnapshot().context.hints).toEqual(['First hint.', 'Second hint.'].slice(0, used));
			expect(grader.hintRequests.map((h) => h.hint)).toEqual(Array.from({ length: used }, (_, i) => i + 1));
			await answer(actor, 'o2');
			expect(grader.requests[0]).not.toHaveProperty('hintsUsed');
		}
	);

	it('hints can be asked for after a wrong try, but not once the question is over', async () => {
		const { actor } = start({ hintCount: 3 });
		await answer(actor, 'o1');
		await askHint(actor);
		expect(actor.getSnapshot().context.hintsUsed).toBe(1);
		actor.send({ type: 'answer.retry' });
		await answer(actor, 'o2');
		await askHint(actor);
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
		expect(actor.getSnapshot().matches('answering')).toBe(true);
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
		expect(grader.requests.at(-1)).toEqual({ action: 'reveal', questionId: 'q1', answerId: expect.any(String) });
		// The server numbers the reveal after the last graded try, whatever the page showed.
		expect(s.context.result?.tryNumber).toBe(1);
		void tryNumber;
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
		// The same action id both times, so the server applies the answer once.
		expect(grader.requests).toHaveLength(2);
		expect(grader.requests[1]).toEqual(grader.requests[0]);
	});

	it('after an error the student can go back and edit the answer', async () => {
		const { actor, grader } = start();
		grader.failNext();
		await answer(actor, 'o1');
		actor.send({ type: 'answer.edit' });
		const s = actor.getSnapshot();
		expect(s.matches('answering')).toBe(true);
		expect(s.context).toMatchObject({ error: null, tryNumber: 1, response: choice('o1') });
	});

	it('ignores submitting without an answer and answers of another question type', () => {
		const { actor, grader } = start();
		actor.send({ type: 'answer.submit' });
		actor.send({ type: 'answer.change', response: { type: 'short-answer', text: 'hello' } });
		expect(actor.getSnapshot().matches('answering')).toBe(true);
		expect(actor.getSnapshot().context.response).toBeNull();
		expect(grader.requests).toHaveLength(0);
	});

	it('while grading, edits and second submits are ignored', async () => {
		const grader = heldGrader(KEY);
		const actor = createActor(questionMachine.provide({ actors: grader.actors }), {
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

	it('the panel reads each stage of a question: answering, grading, retry with a hint, final', async () => {
		const grader = heldGrader(KEY);
		const actor = createActor(questionMachine.provide({ actors: grader.actors }), { input: input() }).start();
		expect(panelState(actor.getSnapshot())).toMatchObject({ stage: 'answering', tryNumber: 1, maxTries: 3 });
		actor.send({ type: 'answer.change', response: choice('o1') });
		actor.send({ type: 'answer.submit' });
		expect(panelState(actor.getSnapshot())).toMatchObject({ stage: 'grading', response: choice('o1') });
		grader.pending[0]?.release();
		const wrong = await waitFor(actor, (x) => x.matches('feedback'));
		expect(panelState(wrong)).toMatchObject({ stage: 'retry', hintLoading: false });
		expect(panelState(wrong).result?.verdict).toBe('incorrect');
		actor.send({ type: 'hint.request' });
		expect(panelState(actor.getSnapshot()).hintLoading).toBe(true);
		const hinted = await askHint(actor);
		expect(panelState(hinted)).toMatchObject({ stage: 'retry', hintLoading: false });
		expect(panelState(hinted).hints).toHaveLength(1);
		actor.send({ type: 'answer.retry' });
		expect(panelState(actor.getSnapshot())).toMatchObject({ stage: 'answering', tryNumber: 2 });
		actor.send({ type: 'answer.change', response: choice('o2') });
		actor.send({ type: 'answer.submit' });
		grader.pending[1]?.release();
		const right = await waitFor(actor, (x) => x.matches('feedback'));
		expect(panelState(right).stage).toBe('final');
	});

	it('resumes from `initial` input (try, hints, draft)', async () => {
		const { actor, grader } = start({ initial: { tryNumber: 2, hints: ['Look again.'], response: choice('o2') } });
		expect(actor.getSnapshot().context).toMatchObject({
			tryNumber: 2,
			hintsUsed: 1,
			hints: ['Look again.'],
			response: choice('o2')
		});
		actor.send({ type: 'answer.submit' });
		await waitFor(actor, (x) => x.matches('feedback'));
		expect(grader.requests[0]).toMatchObject({ action: 'answer', response: choice('o2') });
	});

	it('a persisted snapshot survives JSON and resumes with draft, try and hints', async () => {
		const grader = fakeGrader(KEY);
		const machine = questionMachine.provide({ actors: grader.actors });
		const first = createActor(machine, { input: input() }).start();
		await answer(first, 'o1');
		first.send({ type: 'answer.retry' });
		await askHint(first);
		first.send({ type: 'answer.change', response: choice('o3') });
		const persisted = first.getPersistedSnapshot();
		first.stop();
		expect(unserialisablePaths(persisted)).toEqual([]);

		const restored = createActor(machine, { snapshot: JSON.parse(JSON.stringify(persisted)), input: input() }).start();
		const s = restored.getSnapshot();
		expect(s.matches('answering')).toBe(true);
		expect(s.context).toMatchObject({ tryNumber: 2, hintsUsed: 1, response: choice('o3') });
		expect(s.context.history).toHaveLength(1);
		restored.send({ type: 'answer.change', response: choice('o2') });
		restored.send({ type: 'answer.submit' });
		const after = await waitFor(restored, (x) => x.matches('feedback'));
		expect(after.value).toEqual({ feedback: 'final' });
		expect(after.context.result?.tryNumber).toBe(2);
		expect(grader.requests.at(-1)).toMatchObject({ action: 'answer', response: choice('o2') });
	});

	it('a refused answer (the same as the last try) asks for a change instead of sending it again', async () => {
		const refusing = fromPromise<GradeResult, GradeAction>(async () => {
			throw new RefusedError('That is the same answer as your last try.', 409);
		});
		const hint = fromPromise<HintReply, HintAction>(async ({ input }) => ({
			questionId: input.questionId,
			hints: []
		}));
		const actor = create(questionMachine.provide({ actors: { grade: refusing, hint } }), {
			input: input()
		}).start();
		const s = await answer(actor, 'o1');
		expect(s.value).toBe('error');
		expect(s.context).toMatchObject({ refused: true, error: 'That is the same answer as your last try.' });
		actor.send({ type: 'answer.edit' });
		expect(actor.getSnapshot().context).toMatchObject({ refused: false, error: null });
	});
});

describe('postAction (how the actors reach the server)', () => {
	const action: GradeAction = { action: 'answer', questionId: 'q1', answerId: 'a-1', response: choice('o1') };

	it('posts JSON and returns the parsed answer', async () => {
		const calls: [string, RequestInit | undefined][] = [];
		const fetchFn = (async (url: string, init?: RequestInit) => {
			calls.push([url, init]);
			return new Response(JSON.stringify({ questionId: 'q1', verdict: 'correct' }), { status: 200 });
		}) as typeof fetch;
		const result = await postAction('/api/grade', { ...action, token: 't' }, undefined, fetchFn);
		expect(result).toMatchObject({ questionId: 'q1', verdict: 'correct' });
		expect(calls[0]?.[0]).toBe('/api/grade');
		expect(calls[0]?.[1]?.method).toBe('POST');
		expect(JSON.parse(String(calls[0]?.[1]?.body))).toEqual({ ...action, token: 't' });
	});

	it.each([
		{
			name: 'a 4xx with the server message',
			reply: () => new Response(JSON.stringify({ message: 'This question is finished.' }), { status: 409 }),
			message: 'This question is finished.',
			refused: true
		},
		{
			name: 'a 5xx without JSON',
			reply: () => new Response('<h1>oops</h1>', { status: 502, statusText: 'Bad Gateway' }),
			message: 'The answer could not be checked (502 Bad Gateway).',
			refused: false
		},
		{
			name: 'no network',
			reply: () => {
				throw new TypeError('Failed to fetch');
			},
			message: 'Could not reach the server. Check your connection and try again.',
			refused: false
		}
	])('throws a readable message on $name', async ({ reply, message, refused }) => {
		const fetchFn = (async () => reply()) as typeof fetch;
		const error = await postAction('/api/grade', action, undefined, fetchFn).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toBe(message);
		expect(error instanceof RefusedError).toBe(refused);
	});

	it.each([
		{ error: new Error('Server said no.'), message: 'Server said no.' },
		{ error: 'plain words', message: 'plain words' },
		{ error: { weird: true }, message: 'The answer could not be checked. Try again.' }
	])('describeError($error) → $message', ({ error, message }) => {
		expect(describeError(error)).toBe(message);
	});
});
