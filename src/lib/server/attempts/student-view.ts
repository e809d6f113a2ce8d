/**
 * What a student's browser gets of a module, and the translation at that border. Question ids are
 * opaque (an HMAC of the module and the author's id under a server key), ordering items and cloze
 * blanks are relabelled (i1… in the order shown, k1… in the order of the text), and options come in
 * the order of the attempt's secret. Answers come back in those labels and are turned into the
 * author's ids before they are graded and stored; results go out in the public labels again.
 */
import { createHmac } from 'node:crypto';
import type { Module, ResolvedQuestion } from '../../content/module.ts';
import { seededShuffle, toPublicModule, type PublicModule, type PublicQuestion } from '../../content/public.ts';
import type { Response } from '../../scoring/response.ts';
import type { GradeResult } from '../../scoring/types.ts';

/** Public id ↔ author id for the questions of one module under one key. */
export interface QuestionIds {
	toPublic(authorId: string): string;
	question(publicId: string): ResolvedQuestion | undefined;
}

const idCache = new Map<string, QuestionIds>();

/** The opaque public ids of a module's questions (stable across attempts, so a review deck can keep them). */
export function questionIds(key: string, module: Module): QuestionIds {
	const cacheKey = `${key}\u0000${module.slug}\u0000${module.questions.length}`;
	let ids = idCache.get(cacheKey);
	if (!ids) {
		const toPublic = new Map<string, string>();
		const byPublic = new Map<string, ResolvedQuestion>();
		for (const q of module.questions) {
			const id = `q${createHmac('sha256', key).update(`${module.slug}\n${q.id}`).digest('base64url').slice(0, 15)}`;
			toPublic.set(q.id, id);
			byPublic.set(id, q);
		}
		ids = { toPublic: (authorId) => toPublic.get(authorId) ?? authorId, question: (id) => byPublic.get(id) };
		if (idCache.size > 1000) idCache.clear();
		idCache.set(cacheKey, ids);
	}
	return ids;
}

/** Ordering items as shown (i1 is the first shown), and cloze blanks in text order (k1 is the first). */
function borderLabels(q: ResolvedQuestion, seed: string): Map<string, string> {
	if (q.type === 'ordering') {
		return new Map(seededShuffle(q.items, `${seed}:items`, true).map((it, i) => [`i${i + 1}`, it.id]));
	}
	if (q.type === 'cloze') return new Map(q.blanks.map((b, i) => [`k${i + 1}`, b.id]));
	return new Map();
}

const invert = (m: Map<string, string>) => new Map([...m].map(([a, b]) => [b, a]));

/** The student's answer with the author's ids where the grader needs them (ordering items, cloze blanks). */
export function authorResponse(q: ResolvedQuestion, seed: string, r: Response): Response {
	if (r.type === 'ordering') {
		const labels = borderLabels(q, seed);
		return { type: r.type, order: r.order.map((id) => labels.get(id) ?? `unknown:${id}`) };
	}
	if (r.type === 'cloze') {
		const labels = borderLabels(q, seed);
		return {
			type: r.type,
			blanks: Object.fromEntries(
				Object.entries(r.blanks).flatMap(([id, text]) => (labels.has(id) ? [[labels.get(id)!, text]] : []))
			)
		};
	}
	return r;
}

/** A result in the public labels: ordering items and cloze blanks relabelled, the question named by its public id. */
export function publicResult(q: ResolvedQuestion, seed: string, publicId: string, result: GradeResult): GradeResult {
	const out = { ...result, questionId: publicId };
	if (q.type !== 'ordering' && q.type !== 'cloze') return out;
	const toPublic = invert(borderLabels(q, seed));
	const relabel = (r: Record<string, boolean>) =>
		Object.fromEntries(Object.entries(r).map(([id, v]) => [toPublic.get(id) ?? id, v]));
	out.marks = relabel(result.marks);
	if (result.solution?.type === 'ordering') {
		out.solution = { type: 'ordering', order: result.solution.order.map((id) => toPublic.get(id) ?? id) };
	} else if (result.solution?.type === 'cloze') {
		out.solution = {
			type: 'cloze',
			blanks: Object.fromEntries(Object.entries(result.solution.blanks).map(([id, v]) => [toPublic.get(id) ?? id, v]))
		};
	}
	return out;
}

/** A stored answer (author ids) as the student's page shows it (public labels). */
export function publicResponse(q: ResolvedQuestion, seed: string, r: Response): Response {
	if (r.type !== 'ordering' && r.type !== 'cloze') return r;
	const toPublic = invert(borderLabels(q, seed));
	if (r.type === 'ordering') return { type: r.type, order: r.order.map((id) => toPublic.get(id) ?? id) };
	return {
		type: r.type,
		blanks: Object.fromEntries(Object.entries(r.blanks).map(([id, v]) => [toPublic.get(id) ?? id, v]))
	};
}

function publicQuestion(q: ResolvedQuestion, seed: string, pub: PublicQuestion, id: string): PublicQuestion {
	if (pub.type === 'ordering') {
		const toPublic = invert(borderLabels(q, seed));
		return { ...pub, id, items: pub.items.map((it) => ({ ...it, id: toPublic.get(it.id)! })) };
	}
	if (pub.type === 'cloze') {
		const toPublic = invert(borderLabels(q, seed));
		return {
			...pub,
			id,
			parts: pub.parts.map((part) => (part.kind === 'blank' ? { ...part, id: toPublic.get(part.id)! } : part))
		};
	}
	return { ...pub, id };
}

/**
 * The module as one student's attempt shows it: options in the attempt's order, opaque question
 * ids, relabelled items and blanks, no keys, no glossary entry that would answer a question not yet
 * finished. `order` may reorder each section's questions.
 */
export function studentModule(
	module: Module,
	seedFor: (q: ResolvedQuestion) => string,
	ids: QuestionIds,
	order: (sectionId: string, questionIds: string[]) => string[] = (_s, qs) => qs,
	/** Terms of held-back glossary entries this attempt may see already (see glossary.ts). */
	released: ReadonlySet<string> = new Set()
): PublicModule {
	const pub = toPublicModule(module, seedFor, released);
	const byId = new Map(module.questions.map((q) => [q.id, q]));
	return {
		...pub,
		sections: pub.sections.map((s) => ({ ...s, questionIds: order(s.id, s.questionIds).map(ids.toPublic) })),
		questions: pub.questions.map((p) => {
			const q = byId.get(p.id)!;
			return publicQuestion(q, seedFor(q), p, ids.toPublic(q.id));
		})
	};
}
