/**
 * Grading one response against one question: how right it is (credit 0..1, with partial credit
 * per question type), the feedback for what the student chose, and per-part marks. Pure: no
 * policy, no tries, no points (see score.ts). Choices arrive as public labels (o1, b1, r1, l1) and
 * are mapped back to the author's ids with the labelling the student saw.
 */
import type { ResolvedQuestion } from '../content/module.ts';
import type { Labelling } from '../content/public.ts';
import type { QuestionOf, Rubric } from '../content/schema.ts';
import { answersMatch } from './normalize.ts';
import { matchRubric } from './rubric.ts';
import type { Response, ResponseOf } from './response.ts';
import type { Grade, Solution, Verdict } from './types.ts';
import { withoutVerdict } from '../format/verdict.ts';

type Resolved<T extends ResolvedQuestion['type']> = QuestionOf<T> & Pick<ResolvedQuestion, 'resolved'>;

export function verdictFor(credit: number): Verdict {
	if (credit >= 1) return 'correct';
	return credit > 0 ? 'partial' : 'incorrect';
}

/** Keep credit tidy for JSON (2/3 → 0.6667) without ever rounding a partial answer up to 1. */
export function tidy(credit: number): number {
	const clamped = Math.min(1, Math.max(0, credit));
	if (clamped < 1) return Math.min(0.9999, Math.round(clamped * 1e4) / 1e4);
	return 1;
}

function result(credit: number, feedback: string[], marks: Record<string, boolean>): Grade {
	const c = tidy(credit);
	// The verdict is said once, by the feedback's heading: lines do not open with one of their own.
	return { verdict: verdictFor(c), credit: c, feedback: feedback.map(withoutVerdict), marks };
}

const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];

function plural(n: number, one: string, many: string): string {
	return `${n} ${n === 1 ? one : many}`;
}

function gradeSingleChoice(q: Resolved<'single-choice'>, r: ResponseOf<'single-choice'>, l: Labelling): Grade {
	const option = q.options.find((o) => o.id === l.options[r.optionId]);
	if (!option) return result(0, ['That choice is not one of the options.'], { [r.optionId]: false });
	return result(option.correct ? 1 : 0, [option.feedback], { [r.optionId]: option.correct });
}

function gradeMultiSelect(q: Resolved<'multi-select'>, r: ResponseOf<'multi-select'>, l: Labelling): Grade {
	const correctCount = q.options.filter((o) => o.correct).length;
	const marks: Record<string, boolean> = {};
	const feedback: string[] = [];
	let right = 0;
	let wrong = 0;
	for (const label of unique(r.optionIds)) {
		const option = q.options.find((o) => o.id === l.options[label]);
		const ok = option?.correct ?? false;
		marks[label] = ok;
		if (ok) right++;
		else wrong++;
		if (option) feedback.push(option.feedback);
	}
	const missing = correctCount - right;
	if (missing > 0) {
		feedback.push(
			`${missing === 1 ? 'There is' : 'There are'} ${plural(missing, 'more right answer', 'more right answers')} you did not choose.`
		);
	}
	return result(Math.max(0, (right - wrong) / correctCount), feedback, marks);
}

function gradeTrueFalseNotStated(q: Resolved<'true-false-not-stated'>, r: ResponseOf<'true-false-not-stated'>): Grade {
	const ok = r.choice === q.answer;
	return result(ok ? 1 : 0, [q.feedback[r.choice]], { [r.choice]: ok });
}

/**
 * A typed answer judged by its rubric. The feedback is the most specific there is: an authored
 * wrong answer typed the same way, else the rubric's own (a forbidden concept found, or a required
 * one missing), else the general line.
 */
function judgeTyped(
	rubric: Rubric,
	wrongAnswers: readonly { answer: string; feedback: string }[],
	given: string,
	otherwise: string
): { credit: number; feedback: string } {
	const m = matchRubric(rubric, given);
	if (m.accepted) return { credit: 1, feedback: '' };
	const known = wrongAnswers.find((w) => answersMatch(given, [w.answer]));
	return { credit: m.credit, feedback: known?.feedback ?? m.feedback ?? otherwise };
}

function gradeShortAnswer(q: Resolved<'short-answer'>, r: ResponseOf<'short-answer'>): Grade {
	const { credit, feedback } = judgeTyped(q.rubric, q.wrongAnswers, r.text, q.feedback.incorrect);
	if (credit >= 1) return result(1, [q.feedback.correct], { text: true });
	return result(credit, [feedback], { text: false });
}

/** Share of item pairs in the right relative order; a malformed order (unknown, repeated or missing ids) earns 0. */
function gradeOrdering(q: Resolved<'ordering'>, r: ResponseOf<'ordering'>): Grade {
	const rank = new Map(q.items.map((it, i) => [it.id, i]));
	const wellFormed =
		r.order.length === q.items.length &&
		new Set(r.order).size === r.order.length &&
		r.order.every((id) => rank.has(id));
	if (!wellFormed) {
		return result(0, [q.feedback.incorrect], Object.fromEntries(r.order.map((id) => [id, false])));
	}
	const ranks = r.order.map((id) => rank.get(id)!);
	let inOrder = 0;
	for (let i = 0; i < ranks.length; i++) {
		for (let j = i + 1; j < ranks.length; j++) if (ranks[i]! < ranks[j]!) inOrder++;
	}
	const pairs = (ranks.length * (ranks.length - 1)) / 2;
	const credit = inOrder / pairs;
	const marks = Object.fromEntries(r.order.map((id, i) => [id, rank.get(id) === i]));
	return result(credit, [credit === 1 ? q.feedback.correct : q.feedback.incorrect], marks);
}

function gradeMatching(q: Resolved<'matching'>, r: ResponseOf<'matching'>, l: Labelling): Grade {
	const marks: Record<string, boolean> = {};
	const feedback: string[] = [];
	let right = 0;
	q.pairs.forEach((pair, i) => {
		const left = `l${i + 1}`;
		const chosen = r.pairs[left];
		const ok = chosen != null && l.right[chosen] === pair.id;
		marks[left] = ok;
		if (ok) right++;
		else feedback.push(pair.feedback);
	});
	return result(right / q.pairs.length, feedback, marks);
}

/** Share of blanks right; a typed blank whose rubric gives partial credit counts its share. */
function gradeCloze(q: Resolved<'cloze'>, r: ResponseOf<'cloze'>): Grade {
	const marks: Record<string, boolean> = {};
	const feedback: string[] = [];
	let right = 0;
	for (const blank of q.blanks) {
		const given = r.blanks[blank.id] ?? '';
		let credit: number;
		let line = blank.feedback;
		if (blank.choices || !blank.rubric) {
			credit = given.trim() !== '' && given.trim().toLowerCase() === blank.answer.trim().toLowerCase() ? 1 : 0;
		} else {
			const judged = judgeTyped(blank.rubric, blank.wrongAnswers, given, blank.feedback);
			credit = judged.credit;
			line = judged.feedback;
		}
		marks[blank.id] = credit >= 1;
		right += credit;
		if (credit < 1) feedback.push(line);
	}
	return result(right / q.blanks.length, feedback, marks);
}

/**
 * Agreement between the chosen and the expected sentences (F1). A sentence outside the selectable
 * ones, or chosen beyond maxSelect, counts as a wrong choice.
 */
function gradeEvidence(q: Resolved<'evidence'>, r: ResponseOf<'evidence'>): Grade {
	const expected = new Set(q.resolved.expectedSentences ?? []);
	const selectable = new Set(q.resolved.selectableSentences ?? []);
	const chosen = unique(r.sentences);
	const marks: Record<string, boolean> = {};
	let hits = 0;
	chosen.forEach((id, i) => {
		const ok = i < q.maxSelect && selectable.has(id) && expected.has(id);
		marks[id] = ok;
		if (ok) hits++;
	});
	const denominator = chosen.length + expected.size;
	const credit = denominator === 0 ? 0 : (2 * hits) / denominator;
	const line = credit >= 1 ? q.feedback.correct : credit > 0 ? q.feedback.partial : q.feedback.incorrect;
	return result(credit, [line], marks);
}

/** Part A right and part B right: 1; part A right only: 0.5; part A wrong: 0. */
function gradeEvidencePaired(q: Resolved<'evidence-paired'>, r: ResponseOf<'evidence-paired'>, l: Labelling): Grade {
	const a = q.options.find((o) => o.id === l.options[r.partA]);
	const b = q.partB.options.find((o) => o.id === l.partB[r.partB]);
	const aRight = a?.correct ?? false;
	const bRight = b?.correct ?? false;
	const feedback = [
		a?.feedback ?? 'Your Part A choice is not one of the options.',
		b?.feedback ?? 'Your Part B choice is not one of the options.'
	];
	const credit = aRight ? (bRight ? 1 : 0.5) : 0;
	return result(credit, feedback, { [r.partA]: aRight, [r.partB]: bRight });
}

/**
 * Grade a response. The response must be of the question's type: the caller checks that first
 * (a mismatch is a bad request, not a wrong answer) and this function throws if it is not.
 */
export function grade(question: ResolvedQuestion, response: Response, labels: Labelling): Grade {
	const q = question;
	const r = response;
	if (q.type === 'single-choice' && r.type === 'single-choice') return gradeSingleChoice(q, r, labels);
	if (q.type === 'multi-select' && r.type === 'multi-select') return gradeMultiSelect(q, r, labels);
	if (q.type === 'true-false-not-stated' && r.type === 'true-false-not-stated') return gradeTrueFalseNotStated(q, r);
	if (q.type === 'short-answer' && r.type === 'short-answer') return gradeShortAnswer(q, r);
	if (q.type === 'ordering' && r.type === 'ordering') return gradeOrdering(q, r);
	if (q.type === 'matching' && r.type === 'matching') return gradeMatching(q, r, labels);
	if (q.type === 'cloze' && r.type === 'cloze') return gradeCloze(q, r);
	if (q.type === 'evidence' && r.type === 'evidence') return gradeEvidence(q, r);
	if (q.type === 'evidence-paired' && r.type === 'evidence-paired') return gradeEvidencePaired(q, r, labels);
	throw new TypeError(`a ${r.type} response cannot answer the ${q.type} question "${q.id}"`);
}

/** The public label of an author id under a labelling (o1 for "a"). */
function labelOf(map: Record<string, string>, authorId: string): string | undefined {
	return Object.entries(map).find(([, id]) => id === authorId)?.[0];
}

const byLabelNumber = (a: string, b: string) => Number(a.slice(1)) - Number(b.slice(1));

/** The key in public labels, shown once the question is over. */
export function solutionFor(q: ResolvedQuestion, labels: Labelling): Solution {
	switch (q.type) {
		case 'single-choice':
			return { type: q.type, optionId: labelOf(labels.options, q.options.find((o) => o.correct)!.id)! };
		case 'multi-select':
			return {
				type: q.type,
				optionIds: q.options
					.filter((o) => o.correct)
					.map((o) => labelOf(labels.options, o.id)!)
					.sort(byLabelNumber)
			};
		case 'true-false-not-stated':
			return { type: q.type, choice: q.answer };
		case 'short-answer':
			return { type: q.type, answers: [q.answer] };
		case 'ordering':
			return { type: q.type, order: q.items.map((it) => it.id) };
		case 'matching':
			return {
				type: q.type,
				pairs: Object.fromEntries(q.pairs.map((p, i) => [`l${i + 1}`, labelOf(labels.right, p.id)!]))
			};
		case 'cloze':
			return { type: q.type, blanks: Object.fromEntries(q.blanks.map((b) => [b.id, b.answer])) };
		case 'evidence':
			return { type: q.type, sentences: [...(q.resolved.expectedSentences ?? [])] };
		case 'evidence-paired':
			return {
				type: q.type,
				partA: labelOf(labels.options, q.options.find((o) => o.correct)!.id)!,
				partB: labelOf(labels.partB, q.partB.options.find((o) => o.correct)!.id)!
			};
	}
}

/** The response that gives exactly this solution: a full-marks answer to the question. */
export function responseFromSolution(s: Solution): Response {
	switch (s.type) {
		case 'single-choice':
			return { type: s.type, optionId: s.optionId };
		case 'multi-select':
			return { type: s.type, optionIds: [...s.optionIds] };
		case 'true-false-not-stated':
			return { type: s.type, choice: s.choice };
		case 'short-answer':
			return { type: s.type, text: s.answers[0]! };
		case 'ordering':
			return { type: s.type, order: [...s.order] };
		case 'matching':
			return { type: s.type, pairs: { ...s.pairs } };
		case 'cloze':
			return { type: s.type, blanks: { ...s.blanks } };
		case 'evidence':
			return { type: s.type, sentences: [...s.sentences] };
		case 'evidence-paired':
			return { type: s.type, partA: s.partA, partB: s.partB };
	}
}
