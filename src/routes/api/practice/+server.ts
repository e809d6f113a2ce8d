import { error, json } from '@sveltejs/kit';
import { readJson } from '$lib/server/http';
import { startOrResumePractice } from '$lib/server/attempts/practice';
import { getModule } from '$lib/server/content';
import { getRepository } from '$lib/server/db';
import { practiceStartBody } from '$lib/scoring/request';

/**
 * Start a practice attempt on a module, or resume the one the token names: the questions come back
 * labelled for this attempt (the server keeps the secret they are shuffled with).
 */
export async function POST({ request }) {
	const body = await readJson(request, practiceStartBody);
	const module = getModule(body.slug);
	if (!module) error(404, 'There is no lesson with that name.');
	const view = await startOrResumePractice(await getRepository(), module, body, new Date());
	return json(view, { headers: { 'cache-control': 'no-store' } });
}
