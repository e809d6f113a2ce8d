import { json } from '@sveltejs/kit';
import { readJson } from '$lib/server/http';
import { byStudentCode } from '$lib/server/assignments/lookup';
import { submit, submitBody } from '$lib/server/assignments/student';

/** Submit an attempt (idempotent); the answer shows results as far as the assignment allows. */
export async function POST({ params, request }) {
	const body = await readJson(request, submitBody);
	const { repo, assignment, module } = await byStudentCode(params.code);
	return json(await submit(repo, module, assignment, body, new Date()));
}
