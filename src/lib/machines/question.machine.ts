/**
 * One question, from the first draft to the final verdict:
 *
 *   answering ──answer.submit──► grading ──done──► feedback.retry ──answer.retry──► answering …
 *       ▲                          │   └──done (final)──► feedback.final ──question.next──► done
 *       └────answer.edit──── error ◄┘ (grade failed; grade.retry grades again)
 *
 * Grading is an invoked promise actor (`grade`) that asks the server; the key never reaches the
 * browser. Context holds only plain data, so `getPersistedSnapshot()` survives JSON and a reload
 * resumes with the same draft, try and hints.
 */
import { assertEvent, assign, fromPromise, setup } from 'xstate';
import type { QuestionType } from '../content/schema.ts';
import type { Response } from '../scoring/response.ts';
import type { GradeRequest, GradeResult, Verdict } from '../scoring/types.ts';

export interface QuestionInput {
	slug: string;
	/** Seed of the public labelling the student sees. */
	seed: string;
	questionId: string;
	questionType: QuestionType;
	/** How many hints the question has. */
	hintCount: number;
	maxTries: number;
	/** Where to pick up, e.g. from answers saved on the server. */
	initial?: { tryNumber: number; hintsUsed: number; response: Response | null };
}

/** One graded try (reveals are not tries). */
export interface TryRecord {
	tryNumber: number;
	verdict: Verdict;
	credit: number;
}

export interface QuestionContext {
	slug: string;
	seed: string;
	questionId: string;
	questionType: QuestionType;
	hintCount: number;
	maxTries: number;
	/** The try being worked on, 1-based. */
	tryNumber: number;
	hintsUsed: number;
	/** The draft answer; kept after grading so a retry edits it. */
	response: Response | null;
	/** The latest grade, null until the first one. */
	result: GradeResult | null;
	/** Readable reason the last grading failed. */
	error: string | null;
	/** Whether the grading in progress (or that failed) is a request to see the answer. */
	reveal: boolean;
	history: TryRecord[];
}

export type QuestionEvent =
	| { type: 'answer.change'; response: Response | null }
	| { type: 'answer.submit' }
	| { type: 'answer.retry' }
	| { type: 'answer.reveal' }
	| { type: 'answer.edit' }
	| { type: 'hint.request' }
	| { type: 'grade.retry' }
	| { type: 'question.next' };

export interface QuestionOutput {
	questionId: string;
	/** The final grade (always set when the machine is done). */
	result: GradeResult | null;
	history: TryRecord[];
	hintsUsed: number;
	/** The student's last answer, for review. */
	response: Response | null;
}

/** Posts a grade request and returns the server's verdict; throws an Error with a readable message. */
export async function requestGrade(
	request: GradeRequest,
	fetchFn: typeof fetch = fetch,
	signal?: AbortSignal
): Promise<GradeResult> {
	let res: globalThis.Response;
	try {
		res = await fetchFn('/api/grade', {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify(request),
			signal
		});
	} catch (err) {
		if (signal?.aborted) throw err;
		throw new Error('Could not reach the server. Check your connection and try again.', { cause: err });
	}
	if (!res.ok) throw new Error(await serverMessage(res));
	return (await res.json()) as GradeResult;
}

async function serverMessage(res: globalThis.Response): Promise<string> {
	try {
		const body: unknown = await res.json();
		if (body && typeof body === 'object' && 'message' in body && typeof body.message === 'string') {
			return body.message;
		}
	} catch {
		// not JSON: fall through to the status line
	}
	return `The answer could not be checked (${res.status}${res.statusText ? ' ' + res.statusText : ''}).`;
}

/** Turns whatever a grade actor threw into a sentence for the student. */
export function describeError(error: unknown): string {
	if (error instanceof Error && error.message) return error.message;
	if (typeof error === 'string' && error) return error;
	return 'The answer could not be checked. Try again.';
}

/** The default grader: the server's `/api/grade`. Tests replace it with `machine.provide`. */
export const gradeOnServer = fromPromise<GradeResult, GradeRequest>(({ input, signal }) =>
	requestGrade(input, fetch, signal)
);

function gradeRequestFrom(context: QuestionContext): GradeRequest {
	return {
		slug: context.slug,
		seed: context.seed,
		questionId: context.questionId,
		tryNumber: context.tryNumber,
		hintsUsed: context.hintsUsed,
		reveal: context.reveal,
		response: context.response
	};
}

export const questionMachine = setup({
	types: {
		input: {} as QuestionInput,
		context: {} as QuestionContext,
		events: {} as QuestionEvent,
		output: {} as QuestionOutput
	},
	actors: { grade: gradeOnServer },
	guards: {
		canUseHint: ({ context }) => context.hintsUsed < context.hintCount,
		hasResponse: ({ context }) => context.response !== null,
		fitsQuestion: ({ context, event }) =>
			event.type === 'answer.change' && (event.response === null || event.response.type === context.questionType),
		hasGradedTry: ({ context }) => context.history.length > 0,
		hasTriesLeft: ({ context }) => context.tryNumber < context.maxTries,
		isFinalResult: (_, params: { result: GradeResult }) => params.result.final
	},
	actions: {
		setDraft: assign({
			response: ({ event }) => {
				assertEvent(event, 'answer.change');
				return event.response;
			}
		}),
		useHint: assign({ hintsUsed: ({ context }) => context.hintsUsed + 1 }),
		prepareAnswer: assign({ reveal: false, error: null }),
		prepareReveal: assign({ reveal: true, error: null }),
		storeResult: assign(({ context }, params: { result: GradeResult }) => ({
			result: params.result,
			error: null,
			history: context.reveal
				? context.history
				: [
						...context.history,
						{
							tryNumber: context.tryNumber,
							verdict: params.result.verdict,
							credit: params.result.credit
						}
					]
		})),
		storeError: assign((_, params: { error: unknown }) => ({ error: describeError(params.error) })),
		clearError: assign({ error: null }),
		nextTry: assign({ tryNumber: ({ context }) => context.tryNumber + 1 })
	}
}).createMachine({
	id: 'question',
	context: ({ input }) => ({
		slug: input.slug,
		seed: input.seed,
		questionId: input.questionId,
		questionType: input.questionType,
		hintCount: input.hintCount,
		maxTries: Math.max(1, input.maxTries),
		tryNumber: Math.max(1, input.initial?.tryNumber ?? 1),
		hintsUsed: Math.min(input.hintCount, Math.max(0, input.initial?.hintsUsed ?? 0)),
		response: input.initial?.response ?? null,
		result: null,
		error: null,
		reveal: false,
		history: []
	}),
	initial: 'answering',
	states: {
		answering: {
			on: {
				'answer.change': { guard: 'fitsQuestion', actions: 'setDraft' },
				'hint.request': { guard: 'canUseHint', actions: 'useHint' },
				'answer.submit': { guard: 'hasResponse', target: 'grading', actions: 'prepareAnswer' },
				'answer.reveal': { guard: 'hasGradedTry', target: 'grading', actions: 'prepareReveal' }
			}
		},
		grading: {
			invoke: {
				id: 'grade',
				src: 'grade',
				input: ({ context }) => gradeRequestFrom(context),
				onDone: [
					{
						guard: { type: 'isFinalResult', params: ({ event }) => ({ result: event.output }) },
						target: 'feedback.final',
						actions: { type: 'storeResult', params: ({ event }) => ({ result: event.output }) }
					},
					{
						target: 'feedback.retry',
						actions: { type: 'storeResult', params: ({ event }) => ({ result: event.output }) }
					}
				],
				onError: {
					target: 'error',
					actions: { type: 'storeError', params: ({ event }) => ({ error: event.error }) }
				}
			}
		},
		error: {
			on: {
				'grade.retry': { target: 'grading' },
				'answer.edit': { target: 'answering', actions: 'clearError' }
			}
		},
		feedback: {
			initial: 'retry',
			states: {
				retry: {
					on: {
						'answer.retry': { guard: 'hasTriesLeft', target: '#question.answering', actions: 'nextTry' },
						'answer.reveal': { target: '#question.grading', actions: 'prepareReveal' },
						'hint.request': { guard: 'canUseHint', actions: 'useHint' }
					}
				},
				final: {
					on: { 'question.next': { target: '#question.done' } }
				}
			}
		},
		done: {
			type: 'final'
		}
	},
	output: ({ context }) => ({
		questionId: context.questionId,
		result: context.result,
		history: context.history,
		hintsUsed: context.hintsUsed,
		response: context.response
	})
});

export type QuestionMachine = typeof questionMachine;
