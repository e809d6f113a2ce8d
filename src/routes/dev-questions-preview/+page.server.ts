import { error } from '@sveltejs/kit';
import { toPublicModule } from '$lib/content/public';
import { getModule } from '$lib/server/content';

export function load() {
	const module = getModule('seoul-warns-north-korean-soldiers-russia');
	if (!module) error(404, 'missing');
	return { module: toPublicModule(module) };
}
