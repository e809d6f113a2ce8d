import { questionLabel } from '$lib/content/label';
import { catalogue } from '$lib/server/content';

/**
 * What the review page needs to list due questions and to show a module's passage in context.
 * The deck itself lives on the device. No answer keys here: questions are reduced to their
 * one-line labels (the prompt, or the statement where prompts are shared); the session fetches public questions with a fresh seed from ./questions.
 */
export function load() {
	const modules = [...catalogue().modules.values()].map((m) => ({
		slug: m.slug,
		title: m.meta.title,
		passage: m.passage,
		sections: m.sections.map((s) => ({
			id: s.id,
			title: s.title,
			heading: s.heading,
			paragraphs: s.paragraphs,
			start: s.start,
			end: s.end
		})),
		scoring: { maxTries: m.scoring.maxTries, hintPenalty: m.scoring.hintPenalty },
		questions: m.questions.map((q) => ({ id: q.id, prompt: questionLabel(q) }))
	}));
	return { modules };
}
