/**
 * How long a lesson takes: the reading (from the passage's length) and the questions (a typical time
 * per question type, looking back at the passage included). Whole minutes, rounded up.
 */
import type { QuestionType } from './schema.ts';

export const MINUTES_PER_QUESTION: Readonly<Record<QuestionType, number>> = {
	'true-false-not-stated': 1,
	'single-choice': 1,
	'multi-select': 1.5,
	cloze: 1.5,
	evidence: 2,
	'evidence-paired': 2,
	matching: 2,
	ordering: 2,
	'short-answer': 3
};

export function questionMinutes(questions: readonly { type: QuestionType }[]): number {
	return Math.ceil(questions.reduce((sum, q) => sum + MINUTES_PER_QUESTION[q.type], 0));
}
