import { error } from '@sveltejs/kit';
import { toPublicModule } from '$lib/content/public';
import { questionMinutes } from '$lib/content/timing';
import { START_STAGE } from '$lib/content/visibility';
import { practicePolicy } from '$lib/server/attempts/practice';
import { getModule } from '$lib/server/content';
import { mapLegend } from '$lib/server/map-files';

/**
 * The practice page: the article, its sections and the policy. The questions are not here: they
 * come from POST /api/practice, labelled for the student's own attempt, and so does whether a class
 * holds the lesson now. The page is the same for every student and every moment, so the server
 * renders it once per module version (src/lib/server/page-cache.ts): nothing here may depend on
 * the request, the time or the database.
 */
export async function load({ params }) {
	const module = getModule(params.slug);
	if (!module) error(404, 'There is no lesson at this address.');
	const { questions, sections, glossary, timeline, ...rest } = toPublicModule(module);
	return {
		module: {
			...rest,
			// Only what the start screen may show: an entry a question asks about is not in the page.
			glossary: glossary.filter((g) => g.shownFrom <= START_STAGE),
			timeline: timeline.filter((t) => t.shownFrom <= START_STAGE),
			sections: sections.map(({ questionIds, ...s }) => ({ ...s, questionCount: questionIds.length }))
		},
		questionCount: questions.length,
		questionMinutes: questionMinutes(questions),
		policy: practicePolicy(module, false),
		// The legend only: the drawing is fetched once the map is near the screen (map-files.ts).
		map: mapLegend(module)
	};
}
