import { error, json } from '@sveltejs/kit';
import { readJson } from '$lib/server/http';
import { practiceGlossary } from '$lib/server/attempts/practice';
import { getModule } from '$lib/server/content';
import { getRepository } from '$lib/server/db';
import { practiceGlossaryBody } from '$lib/scoring/request';

/**
 * The glossary entries a practice attempt has earned: those a question asks about, once every
 * question of their sections is final in the attempt's record. The page asks at each recap.
 */
export async function POST({ request }) {
	const body = await readJson(request, practiceGlossaryBody);
	const found = await practiceGlossary(await getRepository(), getModule, body.token);
	if (!found.ok) error(found.status, found.message);
	return json({ glossary: found.glossary }, { headers: { 'cache-control': 'no-store' } });
}
