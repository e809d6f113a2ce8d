import { error, json } from '@sveltejs/kit';
import { gradeRequestSchema } from '$lib/scoring/request';
import { getModule } from '$lib/server/content';
import { gradeRequest } from '$lib/server/grading';
import { readJson } from '$lib/server/http';

/** Grade one answer of a practice lesson. The key stays here; the browser gets the verdict. */
export async function POST({ request }) {
	const body = await readJson(request, gradeRequestSchema);
	const module = getModule(body.slug);
	if (!module) error(404, 'There is no lesson with that name.');
	const graded = gradeRequest(module, body);
	if (!graded.ok) error(graded.status, graded.message);
	return json(graded.result);
}
