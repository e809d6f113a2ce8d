import { error } from '@sveltejs/kit';
import { toPublicModule } from '$lib/content/public';
import { questionMinutes } from '$lib/content/timing';
import { practiceLocked, practicePolicy } from '$lib/server/attempts/practice';
import { getModule } from '$lib/server/content';
import { getRepository } from '$lib/server/db';
import { locatorMap } from '$lib/server/map';

/**
 * The practice page: the article, its sections and the policy. The questions are not here: they
 * come from POST /api/practice, labelled for the student's own attempt.
 */
export async function load({ params }) {
	const module = getModule(params.slug);
	if (!module) error(404, 'There is no lesson at this address.');
	const locked = await practiceLocked(await getRepository(), module.slug, new Date());
	const { questions, sections, ...rest } = toPublicModule(module);
	return {
		module: {
			...rest,
			sections: sections.map(({ questionIds, ...s }) => ({ ...s, questionCount: questionIds.length }))
		},
		questionCount: questions.length,
		questionMinutes: questionMinutes(questions),
		locked,
		policy: practicePolicy(module, locked),
		map: module.map ? locatorMap(module.map.countries) : null
	};
}
