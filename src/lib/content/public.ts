/**
 * The public projection of a question: what the browser may see before answering. No `correct`
 * flags, no feedback, no explanations, no accepted answers, no pairings. Choices are shuffled with a
 * seeded shuffle and relabelled by position (o1, o2, …; r1, r2, …), so neither order nor ids leak
 * the key. The server recomputes the same labelling from the same seed when grading.
 */
import type { Module, ResolvedQuestion } from './module.ts';
import type { QuestionType } from './schema.ts';
import { glossaryShownFrom, START_STAGE, timelineShownFrom } from './visibility.ts';

/** A small deterministic PRNG (mulberry32) seeded from a string hash (FNV-1a). */
export function seededRandom(seed: string): () => number {
	let h = 0x811c9dc5;
	for (let i = 0; i < seed.length; i++) {
		h ^= seed.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	let a = h >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Fisher–Yates with a seeded PRNG. With `avoidIdentity`, a shuffle that changed nothing is rotated by one. */
export function seededShuffle<T>(items: readonly T[], seed: string, avoidIdentity = false): T[] {
	const out = [...items];
	const rand = seededRandom(seed);
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rand() * (i + 1));
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	if (avoidIdentity && out.length > 1 && out.every((x, i) => x === items[i])) out.push(out.shift()!);
	return out;
}

/** Public label → author id, for each kind of choice in a question, under one seed. */
export interface Labelling {
	/** Options of single-choice, multi-select, evidence-paired part A: o1 → author id. */
	options: Record<string, string>;
	/** Evidence-paired part B: b1 → author id. */
	partB: Record<string, string>;
	/** Matching right-hand choices: r1 → pair id or distractor id. */
	right: Record<string, string>;
}

export function labelling(q: ResolvedQuestion, seed: string = q.id): Labelling {
	const label = (prefix: string, ids: string[], salt: string, avoidIdentity = false) =>
		Object.fromEntries(seededShuffle(ids, `${seed}:${salt}`, avoidIdentity).map((id, i) => [`${prefix}${i + 1}`, id]));
	switch (q.type) {
		case 'single-choice':
		case 'multi-select':
			return {
				options: label(
					'o',
					q.options.map((o) => o.id),
					'options'
				),
				partB: {},
				right: {}
			};
		case 'evidence-paired':
			return {
				options: label(
					'o',
					q.options.map((o) => o.id),
					'options'
				),
				partB: label(
					'b',
					q.partB.options.map((o) => o.id),
					'partB'
				),
				right: {}
			};
		case 'matching':
			return {
				options: {},
				partB: {},
				right: label('r', [...q.pairs.map((p) => p.id), ...q.distractors.map((d) => d.id)], 'right', true)
			};
		default:
			return { options: {}, partB: {}, right: {} };
	}
}

interface PublicBase {
	id: string;
	type: QuestionType;
	section: string;
	objective: string;
	prompt: string;
	points: number;
	/** How many hints the question has; their texts come from the server one at a time, when asked for. */
	hintCount: number;
}

export interface Choice {
	id: string;
	text: string;
}

export type ClozePart = { kind: 'text'; text: string } | { kind: 'blank'; id: string; choices: string[] | null };

export type PublicQuestion =
	| (PublicBase & { type: 'single-choice' | 'multi-select'; options: Choice[] })
	| (PublicBase & { type: 'true-false-not-stated'; statement: string })
	| (PublicBase & { type: 'short-answer'; maxLength: number })
	| (PublicBase & { type: 'ordering'; items: Choice[] })
	| (PublicBase & { type: 'matching'; left: Choice[]; right: Choice[] })
	| (PublicBase & { type: 'cloze'; parts: ClozePart[] })
	| (PublicBase & { type: 'evidence'; claim: string; selectable: string[]; maxSelect: number })
	| (PublicBase & {
			type: 'evidence-paired';
			options: Choice[];
			partB: { prompt: string; options: (Choice & { start: number; end: number })[] };
	  });

export type PublicQuestionOf<T extends QuestionType> = Extract<PublicQuestion, { type: T }>;

const relabel = (map: Record<string, string>) => Object.entries(map);

/** What the browser may know of a question before it is answered. */
export function toPublicQuestion(q: ResolvedQuestion, passageText: string, seed: string = q.id): PublicQuestion {
	const base: PublicBase = {
		id: q.id,
		type: q.type,
		section: q.section,
		objective: q.objective,
		prompt: q.prompt,
		points: q.points,
		hintCount: q.hints.length
	};
	const l = labelling(q, seed);
	switch (q.type) {
		case 'single-choice':
		case 'multi-select':
			return {
				...base,
				type: q.type,
				options: relabel(l.options).map(([label, id]) => ({
					id: label,
					text: q.options.find((o) => o.id === id)!.text
				}))
			};
		case 'true-false-not-stated':
			return { ...base, type: q.type, statement: q.statement };
		case 'short-answer':
			return { ...base, type: q.type, maxLength: q.maxLength };
		case 'ordering':
			return {
				...base,
				type: q.type,
				items: seededShuffle(q.items, `${seed}:items`, true).map((it) => ({ id: it.id, text: it.text }))
			};
		case 'matching':
			return {
				...base,
				type: q.type,
				left: q.pairs.map((p, i) => ({ id: `l${i + 1}`, text: p.left })),
				right: relabel(l.right).map(([label, id]) => ({
					id: label,
					text: q.pairs.find((p) => p.id === id)?.right ?? q.distractors.find((d) => d.id === id)!.text
				}))
			};
		case 'cloze': {
			const parts: ClozePart[] = [];
			const re = /\{\{\s*([^}\s]+)\s*\}\}/g;
			let last = 0;
			for (const m of q.text.matchAll(re)) {
				if (m.index > last) parts.push({ kind: 'text', text: q.text.slice(last, m.index) });
				const blank = q.blanks.find((b) => b.id === m[1])!;
				parts.push({
					kind: 'blank',
					id: blank.id,
					choices: blank.choices ? seededShuffle(blank.choices, `${seed}:${blank.id}`) : null
				});
				last = m.index + m[0].length;
			}
			if (last < q.text.length) parts.push({ kind: 'text', text: q.text.slice(last) });
			return { ...base, type: q.type, parts };
		}
		case 'evidence':
			return {
				...base,
				type: q.type,
				claim: q.claim,
				selectable: q.resolved.selectableSentences ?? [],
				maxSelect: q.maxSelect
			};
		case 'evidence-paired':
			return {
				...base,
				type: q.type,
				options: relabel(l.options).map(([label, id]) => ({
					id: label,
					text: q.options.find((o) => o.id === id)!.text
				})),
				partB: {
					prompt: q.partB.prompt,
					options: relabel(l.partB).map(([label, id]) => {
						const r = q.resolved.partB![id]!;
						return { id: label, text: passageText.slice(r.start, r.end), start: r.start, end: r.end };
					})
				}
			};
	}
}

/**
 * The public module: the article, sections and the public questions. No keys anywhere. Glossary
 * entries and timeline events carry `shownFrom`, the first lesson stage at which the page may show
 * them (see visibility.ts), so that no scaffolding answers a question before it is asked. A
 * glossary entry whose term a question asks about is left out altogether (its definition would
 * answer the question) unless `released` names its term: the server releases it once that
 * section's questions are final in the student's attempt (see server/attempts/glossary.ts).
 * `glossaryLater` lists the sections whose recap may release entries, so the page knows when to ask.
 */
export function toPublicModule(
	m: Module,
	seed?: (q: ResolvedQuestion) => string,
	released: ReadonlySet<string> = new Set()
) {
	const sectionIds = m.sections.map((s) => s.id);
	const sectionOf = new Map(m.passage.paragraphs.map((p) => [p.id, p.section]));
	const glossaryFrom = glossaryShownFrom(m.glossary, m.questions, sectionIds);
	const timelineFrom = timelineShownFrom(m.timeline, (id) => sectionOf.get(id.split('.')[0]!), sectionIds);
	const glossary = m.glossary.map((g, i) => ({ ...g, shownFrom: glossaryFrom[i]! }));
	return {
		slug: m.slug,
		meta: m.meta,
		level: m.level,
		readingMinutes: m.readingMinutes,
		passage: m.passage,
		objectives: m.objectives,
		sections: m.sections,
		scoring: m.scoring,
		glossary: glossary.filter((g) => g.shownFrom <= START_STAGE || released.has(g.term)),
		glossaryLater: [
			...new Set(glossary.filter((g) => g.shownFrom > START_STAGE).map((g) => sectionIds[Math.floor(g.shownFrom / 3)]!))
		],
		timeline: m.timeline.map((t, i) => ({ ...t, shownFrom: timelineFrom[i]! })),
		map: m.map,
		questions: m.questions.map((q) => toPublicQuestion(q, m.passage.text, seed ? seed(q) : q.id))
	};
}

/** A glossary entry as the page shows it, with the first stage it may appear at. */
export type PublicGlossaryEntry = ReturnType<typeof toPublicModule>['glossary'][number];

export type PublicModule = ReturnType<typeof toPublicModule>;
