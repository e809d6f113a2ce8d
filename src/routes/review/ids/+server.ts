import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { readJson } from '$lib/server/http';
import { getModule } from '$lib/server/content';
import { getRepository } from '$lib/server/db';
import { questionIds } from '$lib/server/attempts/student-view';

const body = z.strictObject({
	slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'Name the module by its slug.'),
	ids: z.array(z.string().min(1).max(200)).min(1).max(500)
});

/**
 * POST /review/ids { slug, ids }: the public id of each question a review deck saved before ids
 * became opaque still names by its author's id. The reply is `{ ids }`, one entry per id asked,
 * in the same order: the public id (the one the lesson page shows), or null for an id that is no
 * question of the module. No author id is ever in the reply; the device already held the ones it
 * sends, and the public ids are on the lesson page for anyone.
 */
export async function POST({ request }) {
	const { slug, ids } = await readJson(request, body);
	const module = getModule(slug);
	if (!module) error(404, 'There is no lesson with that name.');
	const publicIds = questionIds(await (await getRepository()).serverKey('public-ids'), module);
	const authorIds = new Set(module.questions.map((q) => q.id));
	return json(
		{ ids: ids.map((id) => (authorIds.has(id) ? publicIds.toPublic(id) : null)) },
		{ headers: { 'cache-control': 'no-store' } }
	);
}
