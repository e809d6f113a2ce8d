import { error } from '@sveltejs/kit';
import { toPublicModule } from '$lib/content/public';
import { describePolicy } from '$lib/scoring/score';
import { getModule } from '$lib/server/content';
import { locatorMap } from '$lib/server/map';

export function load({ params }) {
	const module = getModule(params.slug);
	if (!module) error(404, 'There is no lesson at this address.');
	return {
		module: toPublicModule(module),
		policy: describePolicy(module.scoring),
		map: module.map ? locatorMap(module.map.countries) : null
	};
}
