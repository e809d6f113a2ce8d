/**
 * What the class answered at the first try, question by question, for every question type: choice
 * counts for choices and true/false/not-stated; both parts of an evidence-paired question; typed
 * answers grouped by their normalised text (short answers, typed cloze blanks) and choice counts
 * for drop-down blanks; the most common wrong orders of an ordering; per left item the partners
 * chosen in a matching; and the sentences chosen as evidence. Responses are read through each
 * attempt's own labelling, so the counts are in the author's terms whatever order a student saw.
 * Typed answers are judged as grading judges them now, answers accepted for everyone included. Pure.
 */
import type { Module, ResolvedQuestion } from '../../content/module.ts';
import type { Labelling } from '../../content/public.ts';
import { TFNS_CHOICES } from '../../content/label.ts';
import { gradeWithAccepted, type AcceptedSet } from '../../scoring/accepted.ts';
import { normalizeAnswer } from '../../scoring/normalize.ts';
import type { Response } from '../../scoring/response.ts';

/** How many chose one answer (a choice, a typed text, a partner, a sentence), and whether it is the key. */
export interface AnswerCount {
	id: string;
	text: string;
	correct: boolean;
	count: number;
}

/** Most typed answers and wrong orders listed per question or blank; the rest are counted in `others`. */
export const LISTED = 6;

export interface BlankAnswers {
	id: string;
	/** "Blank 1", … in the order the blanks stand in the text. */
	label: string;
	typed: boolean;
	answers: AnswerCount[];
	/** Students whose answer is not listed. */
	others: number;
}

export type ItemAnswers =
	| { kind: 'choices'; choices: AnswerCount[] }
	| { kind: 'paired'; partA: AnswerCount[]; partB: AnswerCount[] }
	| { kind: 'typed'; answers: AnswerCount[]; others: number }
	| { kind: 'cloze'; blanks: BlankAnswers[] }
	| { kind: 'ordering'; inOrder: number; wrongOrders: { order: string[]; count: number }[]; others: number }
	| { kind: 'matching'; pairs: { left: string; answers: AnswerCount[] }[] }
	| { kind: 'evidence'; sentences: AnswerCount[] };

/** One first try of one attempt, with that attempt's labelling of the question. */
export interface FirstTry {
	response: Response | null;
	labels: Labelling;
}

const byCount = (x: AnswerCount, y: AnswerCount) =>
	y.count - x.count || Number(y.correct) - Number(x.correct) || x.text.localeCompare(y.text);

/** Counts per id, in the order of `choices` (every choice listed, chosen or not). */
function countChoices(choices: { id: string; text: string; correct: boolean }[], chosen: string[]): AnswerCount[] {
	const counts = new Map(choices.map((c) => [c.id, 0]));
	for (const id of chosen) if (counts.has(id)) counts.set(id, counts.get(id)! + 1);
	return choices.map((c) => ({ ...c, count: counts.get(c.id) ?? 0 }));
}

/**
 * Typed texts grouped by how grading compares them. The spelling given most often names the group
 * (on a tie, the first in code point order, so the name does not depend on who answered first).
 */
function groupTyped(given: { text: string; correct: boolean }[]): { answers: AnswerCount[]; others: number } {
	const groups = new Map<string, AnswerCount & { spellings: Map<string, number> }>();
	for (const g of given) {
		const key = normalizeAnswer(g.text);
		const group = groups.get(key) ?? { id: key, text: '', correct: g.correct, count: 0, spellings: new Map() };
		const spelling = g.text.trim() || '(left blank)';
		group.spellings.set(spelling, (group.spellings.get(spelling) ?? 0) + 1);
		group.count += 1;
		groups.set(key, group);
	}
	const all = [...groups.values()]
		.map(({ spellings, ...g }) => ({
			...g,
			text: [...spellings].sort(([x, m], [y, n]) => n - m || (x < y ? -1 : x > y ? 1 : 0))[0]![0]
		}))
		.sort(byCount);
	return {
		answers: all.slice(0, LISTED),
		others: all.slice(LISTED).reduce((n, g) => n + g.count, 0)
	};
}

const ids = (labels: string[], map: Record<string, string>) =>
	labels.flatMap((l) => (map[l] === undefined ? [] : [map[l]]));

/** The first-try answers of one question in the author's terms. */
export function itemAnswers(
	module: Module,
	q: ResolvedQuestion,
	firsts: readonly FirstTry[],
	accepted: AcceptedSet = new Set()
): ItemAnswers {
	const sentence = (id: string) => {
		for (const p of module.passage.paragraphs)
			for (const s of p.sentences) if (s.id === id) return module.passage.text.slice(s.start, s.end);
		return id;
	};
	const of = <T extends Response['type']>(type: T) =>
		firsts.flatMap((f) =>
			f.response?.type === type ? [{ response: f.response as Extract<Response, { type: T }>, labels: f.labels }] : []
		);
	switch (q.type) {
		case 'single-choice':
		case 'multi-select': {
			const chosen = [
				...of('single-choice').flatMap((f) => ids([f.response.optionId], f.labels.options)),
				...of('multi-select').flatMap((f) => ids(f.response.optionIds, f.labels.options))
			];
			return { kind: 'choices', choices: countChoices(q.options, chosen) };
		}
		case 'true-false-not-stated':
			return {
				kind: 'choices',
				choices: countChoices(
					TFNS_CHOICES.map((c) => ({ ...c, correct: c.id === q.answer })),
					of('true-false-not-stated').map((f) => f.response.choice)
				)
			};
		case 'evidence-paired': {
			const tries = of('evidence-paired');
			const partB = q.partB.options.map((o) => {
				const r = q.resolved.partB?.[o.id];
				return { id: o.id, text: r ? module.passage.text.slice(r.start, r.end) : o.quote, correct: o.correct };
			});
			return {
				kind: 'paired',
				partA: countChoices(
					q.options,
					tries.flatMap((f) => ids([f.response.partA], f.labels.options))
				),
				partB: countChoices(
					partB,
					tries.flatMap((f) => ids([f.response.partB], f.labels.partB))
				)
			};
		}
		case 'short-answer':
			return {
				kind: 'typed',
				...groupTyped(
					of('short-answer').map((f) => ({
						text: f.response.text,
						correct: gradeWithAccepted(q, f.response, f.labels, accepted).credit === 1
					}))
				)
			};
		case 'cloze': {
			const order = [...q.text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]!);
			const tries = of('cloze').map((f) => ({
				blanks: f.response.blanks,
				marks: gradeWithAccepted(q, f.response, f.labels, accepted).marks
			}));
			const blanks = [...q.blanks].sort((x, y) => order.indexOf(x.id) - order.indexOf(y.id));
			return {
				kind: 'cloze',
				blanks: blanks.map((b, i): BlankAnswers => {
					const label = `Blank ${i + 1}`;
					const given = tries.map((t) => ({ text: t.blanks[b.id] ?? '', correct: t.marks[b.id] === true }));
					if (!b.choices) return { id: b.id, label, typed: true, ...groupTyped(given) };
					const choices = b.choices.map((c) => ({
						id: c.toLowerCase(),
						text: c,
						correct: c.toLowerCase() === b.answer.toLowerCase()
					}));
					const picked = given.map((g) => g.text.trim().toLowerCase());
					const known = new Set(choices.map((c) => c.id));
					return {
						id: b.id,
						label,
						typed: false,
						answers: countChoices(choices, picked),
						others: picked.filter((p) => !known.has(p)).length
					};
				})
			};
		}
		case 'ordering': {
			const text = new Map(q.items.map((it) => [it.id, it.text]));
			const key = q.items.map((it) => it.id).join('\u0000');
			const wrong = new Map<string, { order: string[]; count: number }>();
			let inOrder = 0;
			for (const f of of('ordering')) {
				const joined = f.response.order.join('\u0000');
				if (joined === key) {
					inOrder += 1;
					continue;
				}
				const group = wrong.get(joined) ?? { order: f.response.order.map((id) => text.get(id) ?? id), count: 0 };
				group.count += 1;
				wrong.set(joined, group);
			}
			const sorted = [...wrong.values()].sort(
				(x, y) => y.count - x.count || x.order.join().localeCompare(y.order.join())
			);
			const listed = Math.min(3, LISTED);
			return {
				kind: 'ordering',
				inOrder,
				wrongOrders: sorted.slice(0, listed),
				others: sorted.slice(listed).reduce((n, g) => n + g.count, 0)
			};
		}
		case 'matching': {
			const partners = [
				...q.pairs.map((p) => ({ id: p.id, text: p.right })),
				...q.distractors.map((d) => ({ id: d.id, text: d.text }))
			];
			const tries = of('matching');
			return {
				kind: 'matching',
				pairs: q.pairs.map((pair, i) => {
					const chosen = tries.map((f) => {
						const label = f.response.pairs[`l${i + 1}`];
						return label ? (f.labels.right[label] ?? '') : '';
					});
					const counts = countChoices(
						[...partners.map((p) => ({ ...p, correct: p.id === pair.id })), { id: '', text: '(none)', correct: false }],
						chosen
					);
					return { left: pair.left, answers: counts.filter((c) => c.count > 0 || c.correct).sort(byCount) };
				})
			};
		}
		case 'evidence': {
			const key = new Set(q.resolved.expectedSentences ?? []);
			const selectable = new Set([...(q.resolved.selectableSentences ?? []), ...key]);
			const counts = new Map<string, number>([...key].map((id) => [id, 0]));
			for (const f of of('evidence'))
				for (const id of new Set(f.response.sentences))
					if (selectable.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
			return {
				kind: 'evidence',
				sentences: [...counts]
					.map(([id, count]) => ({ id, text: sentence(id), correct: key.has(id), count }))
					.sort(byCount)
			};
		}
	}
}
