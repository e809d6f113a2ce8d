/**
 * A whole module: intro → for each section: reading → questions → recap → summary.
 *
 * While in `section.questions` the lesson invokes the question machine (id `question`) for the
 * current question. The page talks to the lesson actor only: question events (`answer.*`,
 * `hint.request`, `grade.retry`, `question.next`) are forwarded to the child, and the child's
 * snapshots are synced back (invoke `onSnapshot`), so one subscription to the lesson actor sees
 * every change of the question too. Read the child with `questionSnapshot(snapshot)`.
 *
 * `getPersistedSnapshot()` includes the child's persisted state (draft, try, hints), so
 * `createActor(lessonMachine, { snapshot, input })` resumes mid-question.
 * No clock inside: the page passes times in events (`lesson.start` { at }).
 */
import { assign, forwardTo, setup, type SnapshotFrom } from 'xstate';
import type { QuestionType } from '../content/schema.ts';
import type { Response } from '../scoring/response.ts';
import type { GradeResult, Verdict } from '../scoring/types.ts';
import { questionMachine, type QuestionEvent, type QuestionInput, type QuestionOutput } from './question.machine.ts';

export interface LessonQuestionInfo {
	id: string;
	type: QuestionType;
	/** How many hints the question has. */
	hintCount: number;
}

export interface LessonSectionInfo {
	id: string;
	questions: LessonQuestionInfo[];
}

export interface LessonInput {
	slug: string;
	sections: LessonSectionInfo[];
	maxTries: number;
}

/** What became of one question, for the recap, the summary and review. */
export interface QuestionOutcome {
	/** Graded tries (a reveal is not a try). */
	tries: number;
	hintsUsed: number;
	revealed: boolean;
	credit: number;
	points: number;
	firstTryCorrect: boolean;
	verdict: Verdict;
	/** The final grade with its explanation and solution, for review. */
	result: GradeResult | null;
	/** The student's last answer. */
	response: Response | null;
}

export interface LessonContext extends LessonInput {
	sectionIndex: number;
	questionIndex: number;
	outcomes: Record<string, QuestionOutcome>;
	/** ISO time the page passed with `lesson.start`, if any. */
	startedAt: string | null;
	/** Question being revisited from the summary. */
	reviewing: string | null;
}

export type LessonEvent =
	/** `outcomes`: questions already finished on the server (another device of the student's): the lesson starts where they left off. */
	| { type: 'lesson.start'; at?: string; outcomes?: Record<string, QuestionOutcome> }
	| { type: 'section.read' }
	| { type: 'recap.continue' }
	| { type: 'lesson.restart' }
	| { type: 'review.question'; questionId: string }
	| { type: 'review.close' }
	| QuestionEvent;

export function currentSection(context: LessonContext): LessonSectionInfo | undefined {
	return context.sections[context.sectionIndex];
}

export function currentQuestion(context: LessonContext): LessonQuestionInfo | undefined {
	return currentSection(context)?.questions[context.questionIndex];
}

/** The first question of `section`, from index `from` on, not finished; -1 when there is none. */
function nextUnfinished(
	section: LessonSectionInfo | undefined,
	outcomes: Record<string, QuestionOutcome>,
	from = 0
): number {
	const questions = section?.questions ?? [];
	for (let i = from; i < questions.length; i++) if (!Object.hasOwn(outcomes, questions[i]!.id)) return i;
	return -1;
}

/** Whether the section has a question after the current one still to answer (not finished elsewhere). */
export function hasQuestionAfter(context: LessonContext): boolean {
	return nextUnfinished(currentSection(context), context.outcomes, context.questionIndex + 1) >= 0;
}

/**
 * Where a lesson continues given questions already finished (on another device of the student's):
 * the first section not yet done, at its first question not finished; null when every question is
 * finished. A section is done when all its questions are; one without questions, when the student
 * has finished a question after it (without one, it is where they are: it is read, not passed).
 * `begun` when some of the section's questions are finished: the student has read it, and goes on
 * to its questions. Questions may have been finished out of order (two devices at once): those
 * are passed over wherever they fall.
 */
export function resumePoint(
	sections: LessonSectionInfo[],
	outcomes: Record<string, QuestionOutcome>
): { sectionIndex: number; questionIndex: number; begun: boolean } | null {
	const finished = (q: LessonQuestionInfo) => Object.hasOwn(outcomes, q.id);
	const reached = sections.findLastIndex((section) => section.questions.some(finished));
	for (const [sectionIndex, section] of sections.entries()) {
		const questionIndex = nextUnfinished(section, outcomes);
		if (questionIndex >= 0) return { sectionIndex, questionIndex, begun: section.questions.some(finished) };
		if (section.questions.length === 0 && sectionIndex > reached)
			return { sectionIndex, questionIndex: 0, begun: false };
	}
	return null;
}

const startOutcomes = (event: LessonEvent) => (event.type === 'lesson.start' ? (event.outcomes ?? {}) : {});
const hasStartOutcomes = (event: LessonEvent) => Object.keys(startOutcomes(event)).length > 0;

/** The outcome a finished question leaves behind. */
export function outcomeFrom(output: QuestionOutput): QuestionOutcome {
	const result = output.result;
	return {
		tries: output.history.length,
		hintsUsed: output.hintsUsed,
		revealed: result?.revealed ?? false,
		credit: result?.credit ?? 0,
		points: result?.points ?? 0,
		firstTryCorrect: output.history[0]?.verdict === 'correct',
		verdict: result?.verdict ?? 'incorrect',
		result,
		response: output.response
	};
}

/** The lesson input for a module as the page has it (the public module of the attempt). */
export function lessonInputFrom(module: {
	slug: string;
	sections: { id: string; questionIds: string[] }[];
	questions: { id: string; type: QuestionType; hintCount: number }[];
	scoring: { maxTries: number };
}): LessonInput {
	const byId = new Map(module.questions.map((q) => [q.id, q]));
	return {
		slug: module.slug,
		maxTries: module.scoring.maxTries,
		sections: module.sections.map((section) => ({
			id: section.id,
			questions: section.questionIds.flatMap((id) => {
				const q = byId.get(id);
				return q ? [{ id: q.id, type: q.type, hintCount: q.hintCount }] : [];
			})
		}))
	};
}

function questionInputFrom(context: LessonContext): QuestionInput {
	const question = currentQuestion(context);
	if (!question) throw new Error(`Section ${context.sectionIndex} has no question ${context.questionIndex}.`);
	return {
		questionId: question.id,
		questionType: question.type,
		hintCount: question.hintCount,
		maxTries: context.maxTries
	};
}

const forwardToQuestion = { actions: 'forwardToQuestion' } as const;

export const lessonMachine = setup({
	types: {
		input: {} as LessonInput,
		context: {} as LessonContext,
		events: {} as LessonEvent,
		children: {} as { question: 'question' }
	},
	actors: { question: questionMachine },
	guards: {
		hasSections: ({ context }) => context.sections.length > 0,
		/** Started with every question already finished elsewhere. */
		allFinishedElsewhere: ({ context, event }) =>
			hasStartOutcomes(event) && resumePoint(context.sections, startOutcomes(event)) === null,
		/** Started with some questions of a section finished elsewhere: continue at its next question. */
		midSectionElsewhere: ({ context, event }) =>
			hasStartOutcomes(event) && resumePoint(context.sections, startOutcomes(event))?.begun === true,
		/** The section has a question not finished (here, or elsewhere before the start). */
		sectionHasQuestionsLeft: ({ context }) => nextUnfinished(currentSection(context), context.outcomes) >= 0,
		hasNextQuestion: ({ context }) => hasQuestionAfter(context),
		hasNextSection: ({ context }) => context.sectionIndex + 1 < context.sections.length,
		hasOutcome: ({ context, event }) =>
			event.type === 'review.question' && Object.hasOwn(context.outcomes, event.questionId)
	},
	actions: {
		markStarted: assign({
			startedAt: ({ event }) => (event.type === 'lesson.start' ? (event.at ?? null) : null)
		}),
		/** Take the outcomes finished elsewhere and move to the first question not finished. */
		continueFromOutcomes: assign(({ context, event }) => {
			const outcomes = startOutcomes(event);
			const at = resumePoint(context.sections, outcomes);
			return {
				outcomes: { ...context.outcomes, ...outcomes },
				sectionIndex: at?.sectionIndex ?? Math.max(0, context.sections.length - 1),
				questionIndex: at?.questionIndex ?? 0
			};
		}),
		recordOutcome: assign(({ context }, params: { output: QuestionOutput }) => ({
			outcomes: { ...context.outcomes, [params.output.questionId]: outcomeFrom(params.output) }
		})),
		// Questions finished elsewhere (out of order) are passed over.
		nextQuestion: assign({
			questionIndex: ({ context }) =>
				nextUnfinished(currentSection(context), context.outcomes, context.questionIndex + 1)
		}),
		nextSection: assign(({ context }) => ({
			sectionIndex: context.sectionIndex + 1,
			questionIndex: Math.max(0, nextUnfinished(context.sections[context.sectionIndex + 1], context.outcomes))
		})),
		reset: assign({
			sectionIndex: 0,
			questionIndex: 0,
			outcomes: {},
			startedAt: null,
			reviewing: null
		}),
		startReview: assign({
			reviewing: ({ event }) => (event.type === 'review.question' ? event.questionId : null)
		}),
		closeReview: assign({ reviewing: null }),
		forwardToQuestion: forwardTo('question')
	}
}).createMachine({
	id: 'lesson',
	context: ({ input }) => ({
		slug: input.slug,
		sections: input.sections,
		maxTries: input.maxTries,
		sectionIndex: 0,
		questionIndex: 0,
		outcomes: {},
		startedAt: null,
		reviewing: null
	}),
	initial: 'intro',
	on: {
		'lesson.restart': { target: '.intro', actions: 'reset' }
	},
	states: {
		intro: {
			on: {
				'lesson.start': [
					{ guard: 'allFinishedElsewhere', target: 'summary', actions: ['markStarted', 'continueFromOutcomes'] },
					{
						guard: 'midSectionElsewhere',
						target: 'section.questions',
						actions: ['markStarted', 'continueFromOutcomes']
					},
					{ guard: 'hasSections', target: 'section', actions: ['markStarted', 'continueFromOutcomes'] },
					{ target: 'summary', actions: 'markStarted' }
				]
			}
		},
		section: {
			initial: 'reading',
			states: {
				reading: {
					on: {
						'section.read': [{ guard: 'sectionHasQuestionsLeft', target: 'questions' }, { target: 'recap' }]
					}
				},
				questions: {
					invoke: {
						id: 'question',
						src: 'question',
						input: ({ context }) => questionInputFrom(context),
						// Sync the child's snapshots so lesson subscribers (and savers) see every change.
						onSnapshot: {},
						onDone: [
							{
								guard: 'hasNextQuestion',
								target: 'questions',
								reenter: true,
								actions: [{ type: 'recordOutcome', params: ({ event }) => ({ output: event.output }) }, 'nextQuestion']
							},
							{
								target: 'recap',
								actions: [{ type: 'recordOutcome', params: ({ event }) => ({ output: event.output }) }]
							}
						]
					},
					on: {
						'answer.change': forwardToQuestion,
						'answer.submit': forwardToQuestion,
						'answer.retry': forwardToQuestion,
						'answer.reveal': forwardToQuestion,
						'answer.edit': forwardToQuestion,
						'hint.request': forwardToQuestion,
						'grade.retry': forwardToQuestion,
						'question.next': forwardToQuestion
					}
				},
				recap: {
					on: {
						'recap.continue': [
							{ guard: 'hasNextSection', target: 'reading', actions: 'nextSection' },
							{ target: '#lesson.summary' }
						]
					}
				}
			}
		},
		summary: {
			on: {
				'review.question': { guard: 'hasOutcome', actions: 'startReview' },
				'review.close': { actions: 'closeReview' }
			}
		}
	}
});

export type LessonMachine = typeof lessonMachine;
export type LessonSnapshot = SnapshotFrom<typeof lessonMachine>;

/** The current question actor's snapshot, or undefined outside `section.questions`. */
export function questionSnapshot(snapshot: LessonSnapshot) {
	return snapshot.children.question?.getSnapshot();
}
