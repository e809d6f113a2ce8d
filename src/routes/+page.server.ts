import { catalogue } from '$lib/server/content';

export function load() {
	const modules = [...catalogue().modules.values()].map((m) => ({
		slug: m.slug,
		title: m.meta.title,
		source: m.meta.source ?? null,
		date: m.meta.date ?? null,
		level: m.level,
		readingMinutes: m.readingMinutes,
		questionCount: m.questions.length,
		objectives: m.objectives.map((o) => o.title),
		lead: m.passage.paragraphs[0]?.sentences[0]
			? m.passage.text.slice(m.passage.paragraphs[0].sentences[0].start, m.passage.paragraphs[0].sentences[0].end)
			: ''
	}));
	return { modules };
}
