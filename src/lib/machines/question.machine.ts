/**
 * One question, from the first draft to the final verdict:
 *
 *   answering ──answer.submit──► grading ──done──► feedback.retry ──answer.retry──► answering …
 *       ▲                          │   └──done (final)──► feedback.final ──question.next──► done
 *       └────answer.edit──── error ◄┘ (grade failed; grade.retry grades again)
 *
 * Grading is an invoked promise actor (`grade`) that sends the server only what the student did
 * (the answer, or "show me the answer"); the server numbers the try, counts the hints and grades.
 * Hints come from the server one at a time through the `hint` actor, while the student works on.
 * The page provides both actors (practice, review, assignment). Context holds only plain data, so
 * `getPersistedSnapshot()` survives JSON and a reload resumes with the same draft, try and hints.
 */
import { assertEvent, assign, fromPromise, setup, type SnapshotFrom } from 'xstate';
import type { QuestionType } from '../content/schema.ts';
import type { Response } from '../scoring/response.ts';
import type { GradeResult, HintReply, Verdict } from '../scoring/types.ts';
import { RefusedError, type GradeAction, type HintAction } from './server-actions.ts';

export interface QuestionInput {
	/** The public (opaque) id of the question, as the server named it. */
	questionId: string;
	questionType: QuestionType;
	/** How many hints the question has (their texts come from the server when asked for). */
	hintCount: number;
	maxTries: number;
	/** Where to pick up, e.g. from answers saved on the server. */
	initial?: { tryNumber: number; hints: string[]; response: Response | null };
}

/** One graded try (reveals are not tries). */
export interface TryRecord {
	tryNumber: number;
	verdict: Verdict;
	credit: number;
}

export interface QuestionContext {
	questionId: string;
	questionType: QuestionType;
	hintCount: number;
	maxTries: number;
	/** The try being worked on, 1-based, as the server numbers it. */
	tryNumber: number;
	/** The hints the server has served, in order. */
	hints: string[];
	/** How many hints were used (hints.length, kept for readers of the outcome). */
	hintsUsed: number;
	/** The draft answer; kept after grading so a retry edits it. */
	response: Response | null;
	/** The latest grade, null until the first one. */
	result: GradeResult | null;
	/** Readable reason the last grading failed. */
	error: string | null;
	/** The server refused the last answer for good (not a connection problem): it must change. */
	refused: boolean;
	/** Readable reason the last hint request failed. */
	hintError: string | null;
	/** Whether the grading in progress (or that failed) is a request to see the answer. */
	reveal: boolean;
	/** Id of the action being sent: the same on a retry, so the server applies it once. */
	actionId: string;
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

/** What a question gives back when it is done (the machine's output), read from its context. */
export function questionOutput(context: QuestionContext): QuestionOutput {
	return {
		questionId: context.questionId,
		result: context.result,
		history: context.history,
		hintsUsed: context.hintsUsed,
		response: context.response
	};
}

/** Turns whatever a grade actor threw into a sentence for the student. */
export function describeError(error: unknown): string {
	if (error instanceof Error && error.message) return error.message;
	if (typeof error === 'string' && error) return error;
	return 'The answer could not be checked. Try again.';
}

const notProvided = (what: string) => () => Promise.reject(new Error(`No ${what} is connected to this question.`));

/** The graders are provided by the page (practice, review or assignment): `machine.provide({ actors })`. */
export const gradeOnServer = fromPromise<GradeResult, GradeAction>(notProvided('grader'));
export const hintFromServer = fromPromise<HintReply, HintAction>(notProvided('hint source'));

/** A fresh id for an action (unique per answer or reveal, reused when the same one is sent again). */
function newActionId(): string {
	return globalThis.crypto.randomUUID();
}

function gradeActionFrom(context: QuestionContext): GradeAction {
	return context.reveal
		? { action: 'reveal', questionId: context.questionId, answerId: context.actionId }
		: { action: 'answer', questionId: context.questionId, answerId: context.actionId, response: context.response! };
}

/** Asking for a hint: the hint actor runs while the student goes on working. */
const hintStates = {
	initial: 'idle',
	states: {
		idle: {
			on: { 'hint.request': { guard: 'canUseHint', target: 'loading' } }
		},
		loading: {
			invoke: {
				src: 'hint',
				input: ({ context }: { context: QuestionContext }): HintAction => ({
					action: 'hint',
					questionId: context.questionId,
					hint: context.hints.length + 1
				}),
				onDone: {
					target: 'idle',
					actions: {
						type: 'storeHints',
						params: ({ event }: { event: { output: HintReply } }) => ({ reply: event.output })
					}
				},
				onError: {
					target: 'idle',
					actions: {
						type: 'storeHintError',
						params: ({ event }: { event: { error: unknown } }) => ({ error: event.error })
					}
				}
			}
		}
	}
} as const;

export const questionMachine = setup({
	types: {
		input: {} as QuestionInput,
		context: {} as QuestionContext,
		events: {} as QuestionEvent,
		output: {} as QuestionOutput
	},
	actors: { grade: gradeOnServer, hint: hintFromServer },
	guards: {
		canUseHint: ({ context }) => context.hints.length < context.hintCount,
		hasResponse: ({ context }) => context.response !== null,
		fitsQuestion: ({ context, event }) =>
			event.type === 'answer.change' && (event.response === null || event.response.type === context.questionType),
		hasGradedTry: ({ context }) => context.history.length > 0,
		hasTriesLeft: ({ context }) => (context.result?.triesLeft ?? 0) > 0,
		isFinalResult: (_, params: { result: GradeResult }) => params.result.final
	},
	actions: {
		setDraft: assign({
			response: ({ event }) => {
				assertEvent(event, 'answer.change');
				return event.response;
			}
		}),
		storeHints: assign((_, params: { reply: HintReply }) => ({
			hints: params.reply.hints,
			hintsUsed: params.reply.hints.length,
			hintError: null
		})),
		storeHintError: assign((_, params: { error: unknown }) => ({ hintError: describeError(params.error) })),
		prepareAnswer: assign({ reveal: false, error: null, actionId: () => newActionId() }),
		prepareReveal: assign({ reveal: true, error: null, actionId: () => newActionId() }),
		storeResult: assign(({ context }, params: { result: GradeResult }) => ({
			result: params.result,
			error: null,
			tryNumber: params.result.tryNumber,
			history:
				params.result.revealed || context.history.some((h) => h.tryNumber === params.result.tryNumber)
					? context.history
					: [
							...context.history,
							{
								tryNumber: params.result.tryNumber,
								verdict: params.result.verdict,
								credit: params.result.credit
							}
						]
		})),
		storeError: assign((_, params: { error: unknown }) => ({
			error: describeError(params.error),
			refused: params.error instanceof RefusedError
		})),
		clearError: assign({ error: null, refused: false }),
		nextTry: assign({ tryNumber: ({ context }) => (context.result?.tryNumber ?? context.tryNumber) + 1 })
	}
}).createMachine({
	id: 'question',
	context: ({ input }) => ({
		questionId: input.questionId,
		questionType: input.questionType,
		hintCount: input.hintCount,
		maxTries: Math.max(1, input.maxTries),
		tryNumber: Math.max(1, input.initial?.tryNumber ?? 1),
		hints: input.initial?.hints.slice(0, input.hintCount) ?? [],
		hintsUsed: Math.min(input.hintCount, input.initial?.hints.length ?? 0),
		response: input.initial?.response ?? null,
		result: null,
		error: null,
		refused: false,
		hintError: null,
		reveal: false,
		actionId: '',
		history: []
	}),
	initial: 'answering',
	states: {
		answering: {
			...hintStates,
			on: {
				'answer.change': { guard: 'fitsQuestion', actions: 'setDraft' },
				'answer.submit': { guard: 'hasResponse', target: 'grading', actions: 'prepareAnswer' },
				'answer.reveal': { guard: 'hasGradedTry', target: 'grading', actions: 'prepareReveal' }
			}
		},
		grading: {
			invoke: {
				id: 'grade',
				src: 'grade',
				input: ({ context }) => gradeActionFrom(context),
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
					...hintStates,
					on: {
						'answer.retry': { guard: 'hasTriesLeft', target: '#question.answering', actions: 'nextTry' },
						'answer.reveal': { target: '#question.grading', actions: 'prepareReveal' }
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
	output: ({ context }) => questionOutput(context)
});

export type QuestionMachine = typeof questionMachine;

/** Where a question stands, as the question panel shows it. */
export type QuestionStage = 'answering' | 'grading' | 'retry' | 'final' | 'error';

export function questionStage(snap: SnapshotFrom<QuestionMachine>): QuestionStage {
	if (snap.matches('grading')) return 'grading';
	if (snap.matches('error')) return 'error';
	if (snap.matches({ feedback: 'final' }) || snap.matches('done')) return 'final';
	if (snap.matches({ feedback: 'retry' })) return 'retry';
	return 'answering';
}

/**
 * What the question panel shows of a question's snapshot: its stage, its tries and hints, the answer
 * and its result. The lesson and the review both read a question through this.
 */
export function panelState(snap: SnapshotFrom<QuestionMachine>) {
	const { context } = snap;
	return {
		stage: questionStage(snap),
		tryNumber: context.tryNumber,
		maxTries: context.maxTries,
		hints: context.hints,
		hintLoading: snap.matches({ answering: 'loading' }) || snap.matches({ feedback: { retry: 'loading' } }),
		hintError: context.hintError,
		response: context.response,
		result: context.result,
		error: context.error,
		refused: context.refused
	};
}
