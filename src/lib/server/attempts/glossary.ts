/**
 * Glossary entries held back by the server. An entry whose term a question asks about would
 * answer that question, so it is not in anything a student's browser receives (page, page data,
 * the practice or assignment start, review) until every question of each section that asks about
 * it is final in the student's own attempt, as the server's record says (or the attempt is
 * handed in). The page asks for what has been released when it reaches a section's recap.
 */
import type { Module } from '../../content/module.ts';
import type { PublicGlossaryEntry } from '../../content/public.ts';
import { glossaryAskedIn, glossaryShownFrom } from '../../content/visibility.ts';

interface Held {
	term: string;
	/** Author ids of the questions that must be final first. */
	questions: string[];
}

const heldByModule = new WeakMap<Module, Held[]>();

function heldBack(module: Module): Held[] {
	let held = heldByModule.get(module);
	if (!held) {
		const sectionIds = module.sections.map((s) => s.id);
		const asked = glossaryAskedIn(module.glossary, module.questions, sectionIds);
		held = module.glossary.flatMap((g, i) => {
			const sections = new Set(asked[i]!.map((k) => sectionIds[k]!));
			if (sections.size === 0) return [];
			return [{ term: g.term, questions: module.questions.filter((q) => sections.has(q.section)).map((q) => q.id) }];
		});
		heldByModule.set(module, held);
	}
	return held;
}

/**
 * The terms of held-back entries that an attempt may now see: those whose sections' questions all
 * have a final answer (`finished`, author ids), or every one once the attempt is handed in.
 */
export function releasedTerms(module: Module, finished: ReadonlySet<string>, handedIn = false): Set<string> {
	return new Set(
		heldBack(module)
			.filter((h) => handedIn || h.questions.every((id) => finished.has(id)))
			.map((h) => h.term)
	);
}

/** The released entries, as the page shows them (with the stage each may appear at). */
export function releasedGlossary(
	module: Module,
	finished: ReadonlySet<string>,
	handedIn = false
): PublicGlossaryEntry[] {
	const released = releasedTerms(module, finished, handedIn);
	const from = glossaryShownFrom(
		module.glossary,
		module.questions,
		module.sections.map((s) => s.id)
	);
	return module.glossary.flatMap((g, i) => (released.has(g.term) ? [{ ...g, shownFrom: from[i]! }] : []));
}

/** The author ids of questions with a final answer among stored tries. */
export const finishedQuestions = (tries: readonly { questionId: string; final: boolean }[]) =>
	new Set(tries.filter((t) => t.final).map((t) => t.questionId));
