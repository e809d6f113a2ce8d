/**
 * Simulated students for the benches: what one student does on each question of a module, as the
 * bodies their browser would send (public question ids, the labels of their own attempt), and what
 * the server should answer to each. Students differ by their number: on each question a student
 * answers right at once, or wrong and then right (after a hint where the question has one and hints
 * are on), or wrong and then asks to see the answer (where reveals are allowed). Over a class every
 * question type gets right and wrong answers, hints and reveals.
 *
 * The right answers are worked out from the attempt's secret, which a measuring tool reads from the
 * server's database (a browser never sees it); the wrong ones are built so that no grader accepts them.
 */
import { randomUUID } from 'node:crypto';
import type { Module, ResolvedQuestion } from '../src/lib/content/module.ts';
import { labelling } from '../src/lib/content/public.ts';
import { responseFromSolution, solutionFor } from '../src/lib/scoring/grade.ts';
import type { Response } from '../src/lib/scoring/response.ts';
import { publicResponse } from '../src/lib/server/attempts/student-view.ts';

/** What the server's answer to an action must show for the run to count it as a success. */
export type Expect = 'correct' | 'not-correct' | 'revealed' | 'hint';

export interface PlannedAction {
	/** The body without the owner fields (practice token, or attempt id and device token). */
	body: Record<string, unknown>;
	expect: Expect;
}

export interface PlanOptions {
	hints: boolean;
	reveals: boolean;
}

/** A response to `q` that no grader accepts, in the attempt's labels (author ids for items and blanks). */
export function wrongResponse(q: ResolvedQuestion, seed: string): Response {
	const labels = labelling(q, seed);
	const solution = solutionFor(q, labels);
	switch (solution.type) {
		case 'single-choice':
			return { type: solution.type, optionId: Object.keys(labels.options).find((l) => l !== solution.optionId)! };
		case 'multi-select': {
			const wrong = Object.keys(labels.options).filter((l) => !solution.optionIds.includes(l));
			return { type: solution.type, optionIds: wrong.slice(0, 1) };
		}
		case 'true-false-not-stated':
			return { type: solution.type, choice: solution.choice === 'true' ? 'false' : 'true' };
		case 'short-answer':
			return { type: solution.type, text: 'i do not know' };
		case 'ordering':
			return { type: solution.type, order: [...solution.order].reverse() };
		case 'matching': {
			const rights = Object.values(solution.pairs);
			const lefts = Object.keys(solution.pairs);
			return {
				type: solution.type,
				pairs: Object.fromEntries(lefts.map((l, i) => [l, rights[(i + 1) % rights.length] ?? null]))
			};
		}
		case 'cloze':
			return {
				type: solution.type,
				blanks: Object.fromEntries(Object.keys(solution.blanks).map((id) => [id, 'zzz']))
			};
		case 'evidence': {
			const other = (q.resolved.selectableSentences ?? []).find((s) => !solution.sentences.includes(s));
			return { type: solution.type, sentences: other ? [other] : [] };
		}
		case 'evidence-paired': {
			const a = Object.keys(labels.options).find((l) => l !== solution.partA)!;
			return { type: solution.type, partA: a, partB: solution.partB };
		}
	}
}

/** The right response to `q` in the attempt's labels (author ids for items and blanks). */
export function rightResponse(q: ResolvedQuestion, seed: string): Response {
	return responseFromSolution(solutionFor(q, labelling(q, seed)));
}

/** Every action of student number `index` on `module`, in order. */
export function planStudent(
	module: Module,
	index: number,
	seedFor: (q: ResolvedQuestion) => string,
	publicId: (authorId: string) => string,
	options: PlanOptions
): PlannedAction[] {
	const actions: PlannedAction[] = [];
	module.questions.forEach((q, j) => {
		const seed = seedFor(q);
		const questionId = publicId(q.id);
		const answer = (response: Response, expect: Expect): PlannedAction => ({
			body: { action: 'answer', questionId, answerId: randomUUID(), response: publicResponse(q, seed, response) },
			expect
		});
		const pattern = (index + j) % 3;
		if (pattern === 0) {
			actions.push(answer(rightResponse(q, seed), 'correct'));
			return;
		}
		actions.push(answer(wrongResponse(q, seed), 'not-correct'));
		if (pattern === 2 && options.reveals) {
			actions.push({ body: { action: 'reveal', questionId, answerId: randomUUID() }, expect: 'revealed' });
			return;
		}
		if (options.hints && q.hints.length > 0) {
			actions.push({ body: { action: 'hint', questionId, hint: 1 }, expect: 'hint' });
		}
		actions.push(answer(rightResponse(q, seed), 'correct'));
	});
	return actions;
}

/** Whether the server's reply (status and JSON text) is what the action should get. */
export function replyMatches(expect: Expect, status: number, text: string): boolean {
	if (status < 200 || status >= 300) return false;
	let body: { verdict?: string; revealed?: boolean; hints?: unknown[] };
	try {
		body = JSON.parse(text);
	} catch {
		return false;
	}
	switch (expect) {
		case 'correct':
			return body.verdict === 'correct';
		case 'not-correct':
			return typeof body.verdict === 'string' && body.verdict !== 'correct';
		case 'revealed':
			return body.revealed === true;
		case 'hint':
			return Array.isArray(body.hints) && body.hints.length > 0;
	}
}
