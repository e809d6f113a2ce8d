/**
 * Answers a teacher accepts as right for everyone in an assignment. A step of its own, checked
 * before the question's own grading: a response that matches an accepted answer is right whatever
 * the key says, and one that does not goes on to be graded as usual. A short answer or a typed
 * cloze blank matches an accepted wording word for word as the rubrics match words (stems, a typo
 * or two, case, punctuation and articles aside; see `sameWording`), never by sharing only some of
 * its words; a cloze blank is accepted blank by blank; every other type matches the exact same response, written in the
 * author's ids so that it holds whatever order each student saw the choices in. Pure.
 */
import type { ResolvedQuestion } from '../content/module.ts';
import type { Labelling } from '../content/public.ts';
import { grade, tidy, verdictFor } from './grade.ts';
import { normalizeAnswer } from './normalize.ts';
import type { Response } from './response.ts';
import { sameWording } from './rubric.ts';
import type { Grade } from './types.ts';

/** What is compared: '' for the whole response or a cloze blank's id, and the normalised key. */
export interface AcceptedPart {
	part: string;
	key: string;
	/** The words as the student typed them (typed answers), for the teacher's list. */
	text: string | null;
}

/** Between the part and the key of an accepted answer in an AcceptedSet. */
const SEP = '\u0000';

export const ACCEPTED_FEEDBACK = 'Your teacher accepts this answer.';

const sortedUnique = (ids: readonly string[]) => [...new Set(ids)].sort().join(',');

/** The parts of a response a teacher can accept; empty when there is nothing to accept (a blank answer, an unknown choice). */
export function acceptedParts(q: ResolvedQuestion, r: Response, labels: Labelling): AcceptedPart[] {
	const whole = (key: string | undefined): AcceptedPart[] => (key ? [{ part: '', key, text: null }] : []);
	if (q.type === 'short-answer' && r.type === 'short-answer') {
		const key = normalizeAnswer(r.text);
		return key ? [{ part: '', key, text: r.text.trim() }] : [];
	}
	if (q.type === 'cloze' && r.type === 'cloze') {
		return q.blanks.flatMap((blank) => {
			const given = (r.blanks[blank.id] ?? '').trim();
			const key = blank.choices ? given.toLowerCase() : normalizeAnswer(given);
			return key ? [{ part: blank.id, key, text: given }] : [];
		});
	}
	if (q.type === 'single-choice' && r.type === 'single-choice') return whole(labels.options[r.optionId]);
	if (q.type === 'multi-select' && r.type === 'multi-select') {
		const ids = r.optionIds.map((l) => labels.options[l]);
		return ids.every((id) => id !== undefined) ? whole(sortedUnique(ids as string[]) || '(none)') : [];
	}
	if (q.type === 'true-false-not-stated' && r.type === 'true-false-not-stated') return whole(r.choice);
	if (q.type === 'ordering' && r.type === 'ordering') return whole(r.order.join(','));
	if (q.type === 'matching' && r.type === 'matching') {
		return whole(q.pairs.map((_, i) => labels.right[r.pairs[`l${i + 1}`] ?? ''] ?? '-').join(','));
	}
	if (q.type === 'evidence' && r.type === 'evidence') return whole(sortedUnique(r.sentences) || '(none)');
	if (q.type === 'evidence-paired' && r.type === 'evidence-paired') {
		const a = labels.options[r.partA];
		const b = labels.partB[r.partB];
		return whole(a && b ? `${a}|${b}` : undefined);
	}
	return [];
}

/** Accepted answers of one question, looked up by part and key. */
export type AcceptedSet = ReadonlySet<string>;

export function acceptedSet(entries: readonly { part: string; key: string }[]): AcceptedSet {
	return new Set(entries.map((e) => `${e.part}${SEP}${e.key}`));
}

/** Whether the part is typed text (a short answer, or a cloze blank without choices). */
function isTyped(q: ResolvedQuestion, part: string): boolean {
	if (q.type === 'short-answer') return part === '';
	if (q.type === 'cloze') return q.blanks.some((b) => b.id === part && !b.choices);
	return false;
}

/**
 * Whether an accepted answer covers this part of a response: the same key, or for typed text the
 * same wording with trivial differences (a typo, another form of a word).
 */
export function isAcceptedPart(q: ResolvedQuestion, accepted: AcceptedSet, p: AcceptedPart): boolean {
	if (accepted.has(`${p.part}${SEP}${p.key}`)) return true;
	if (!isTyped(q, p.part)) return false;
	for (const entry of accepted) {
		const cut = entry.indexOf(SEP);
		if (entry.slice(0, cut) === p.part && sameWording(entry.slice(cut + 1), p.key)) return true;
	}
	return false;
}

/**
 * Grade a response with the accepted answers checked first. `machine` is the question's own
 * grading, used for whatever the accepted answers do not decide.
 */
export function gradeWithAccepted(
	q: ResolvedQuestion,
	r: Response,
	labels: Labelling,
	accepted: AcceptedSet,
	machine: (q: ResolvedQuestion, r: Response, labels: Labelling) => Grade = grade
): Grade {
	if (accepted.size === 0) return machine(q, r, labels);
	const parts = acceptedParts(q, r, labels);
	const isAccepted = (p: AcceptedPart) => isAcceptedPart(q, accepted, p);
	if (q.type === 'cloze') {
		const acceptedBlanks = new Set(parts.filter(isAccepted).map((p) => p.part));
		if (acceptedBlanks.size === 0) return machine(q, r, labels);
		const machineMarks = acceptedBlanks.size === q.blanks.length ? {} : machine(q, r, labels).marks;
		const marks = Object.fromEntries(
			q.blanks.map((b) => [b.id, acceptedBlanks.has(b.id) || machineMarks[b.id] === true])
		);
		const right = q.blanks.filter((b) => marks[b.id]).length;
		const credit = tidy(right / q.blanks.length);
		const feedback = [
			...(acceptedBlanks.size > 0 ? [ACCEPTED_FEEDBACK] : []),
			...q.blanks.filter((b) => !marks[b.id]).map((b) => b.feedback)
		];
		return { verdict: verdictFor(credit), credit, feedback, marks };
	}
	if (parts.some(isAccepted)) {
		return {
			verdict: 'correct',
			credit: 1,
			feedback: [ACCEPTED_FEEDBACK],
			marks: q.type === 'short-answer' ? { text: true } : {}
		};
	}
	return machine(q, r, labels);
}
