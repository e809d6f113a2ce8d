/**
 * The teacher's paper copies and per-student drill-down: questions as students see them (no key),
 * the key in words, and one student's answers in words. Pure over the module.
 */
import type { Module } from '../../content/module.ts';
import { labelling, toPublicQuestion, type PublicQuestion } from '../../content/public.ts';
import { questionLabel } from '../../content/label.ts';
import { solutionFor } from '../../scoring/grade.ts';
import type { Answer, Assignment, Attempt } from '../db/repository.ts';
import { describeAnswer, publicQuestionFor } from './stats.ts';

function sentenceRanges(module: Module) {
	const ranges = new Map<string, { start: number; end: number }>();
	for (const p of module.passage.paragraphs)
		for (const s of p.sentences) ranges.set(s.id, { start: s.start, end: s.end });
	return (id: string) => ranges.get(id);
}

/** The questions in lesson order as students see them by default (labelling seed = question id). */
export function worksheet(module: Module): PublicQuestion[] {
	return module.questions.map((q) => toPublicQuestion(q, module.passage.text));
}

export interface KeyEntry {
	id: string;
	prompt: string;
	points: number;
	answer: string;
	explanation: string;
}

export function answerKey(module: Module): KeyEntry[] {
	const range = sentenceRanges(module);
	return module.questions.map((q) => {
		const pub = toPublicQuestion(q, module.passage.text);
		return {
			id: q.id,
			prompt: q.prompt,
			points: q.points,
			answer: describeAnswer(pub, module.passage.text, range, solutionFor(q, labelling(q))),
			explanation: q.explanation.text
		};
	});
}

export interface DrillAnswer {
	id: string;
	questionId: string;
	prompt: string;
	tryNumber: number;
	hintsUsed: number;
	revealed: boolean;
	verdict: string;
	points: number | null;
	final: boolean;
	answer: string;
	createdAt: string;
}

export function drillDown(
	module: Module,
	assignment: Assignment,
	attempt: Attempt,
	answers: readonly Answer[]
): DrillAnswer[] {
	const range = sentenceRanges(module);
	const byId = new Map(module.questions.map((q) => [q.id, q]));
	return answers.map((a) => {
		const q = byId.get(a.questionId);
		const pub = q ? publicQuestionFor(module, assignment, attempt.seed, q) : null;
		return {
			id: a.id,
			questionId: a.questionId,
			prompt: q ? questionLabel(q) : a.questionId,
			tryNumber: a.tryNumber,
			hintsUsed: a.hintsUsed,
			revealed: a.revealed,
			verdict: a.verdict,
			points: a.points,
			final: a.final,
			answer: pub ? describeAnswer(pub, module.passage.text, range, a.response) : '',
			createdAt: a.createdAt
		};
	});
}
