/** The export shape of a resolved module: every range carries the text it slices, for checking. */
import type { Module } from './module.ts';
import type { Range } from './passage.ts';
import type { Concept, Question, Rubric } from './schema.ts';

/** 2: typed answers carry `answer` (the model answer) and a `rubric` instead of lists of accepted wordings. */
export const EXPORT_VERSION = 2;

/** A concept in its one long form, whichever form the author wrote it in. */
const conceptOut = (c: Concept) => (Array.isArray(c) ? { any: c } : c);
const rubricOut = (r: Rubric) => ({
	required: r.required.map(conceptOut),
	forbidden: r.forbidden.map(conceptOut),
	partialCredit: r.partialCredit
});

/** A question with its rubrics written in the long form. */
function rubricsOut(q: Question): Question {
	if (q.type === 'short-answer') return { ...q, rubric: rubricOut(q.rubric) };
	if (q.type === 'cloze') {
		return { ...q, blanks: q.blanks.map((b) => (b.rubric ? { ...b, rubric: rubricOut(b.rubric) } : b)) };
	}
	return q;
}

export function toExport(m: Module) {
	const slice = <R extends Range>(r: R) => ({ ...r, text: m.passage.text.slice(r.start, r.end) });
	return {
		exportVersion: EXPORT_VERSION,
		slug: m.slug,
		meta: m.meta,
		level: m.level,
		readingMinutes: m.readingMinutes,
		passage: {
			text: m.passage.text,
			sections: m.sections.map((s) => ({
				id: s.id,
				title: s.title,
				heading: s.heading,
				start: s.start,
				end: s.end,
				paragraphs: s.paragraphs,
				readFor: s.readFor,
				recap: s.recap
			})),
			paragraphs: m.passage.paragraphs.map((p) => ({
				id: p.id,
				section: p.section,
				start: p.start,
				end: p.end,
				sentences: p.sentences.map((s) => slice(s))
			}))
		},
		objectives: m.objectives,
		scoring: m.scoring,
		glossary: m.glossary.map((g) => ({ ...g, range: slice(g.range) })),
		timeline: m.timeline.map((t) => ({ ...t, range: t.range ? slice(t.range) : null })),
		map: m.map,
		questions: m.questions.map((q) => {
			const { resolved, ...rest } = q;
			return {
				...rubricsOut(rest as Question),
				resolved: {
					explanation: resolved.explanation.map(slice),
					...(resolved.expectedSentences
						? { expectedSentences: resolved.expectedSentences, selectableSentences: resolved.selectableSentences }
						: {}),
					...(resolved.partB
						? { partB: Object.fromEntries(Object.entries(resolved.partB).map(([id, r]) => [id, slice(r)])) }
						: {})
				}
			};
		})
	};
}

export type ModuleExport = ReturnType<typeof toExport>;
