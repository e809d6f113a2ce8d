import { questionLabel } from '$lib/content/label';
import { catalogue } from '$lib/server/content';
import { getRepository } from '$lib/server/db';
import { questionIds } from '$lib/server/attempts/student-view';

/**
 * What the review page needs to list due questions and to show a module's passage in context.
 * The deck itself lives on the device. No answer keys here: questions are reduced to their
 * one-line labels (the prompt, or the statement where prompts are shared); the session fetches public questions with a fresh seed from ./questions.
 */
export async function load() {
	const key = await (await getRepository()).serverKey('public-ids');
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
		// The same opaque ids the lesson showed, under which the deck keeps its cards.
		questions: m.questions.map((q) => ({ id: questionIds(key, m).toPublic(q.id), prompt: questionLabel(q) }))
	}));
	return { modules };
}
