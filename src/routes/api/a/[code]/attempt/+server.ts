import { json } from '@sveltejs/kit';
import { readJson } from '$lib/server/http';
import { byStudentCode } from '$lib/server/assignments/lookup';
import { attemptBody, startOrResume } from '$lib/server/assignments/student';

/** Start an attempt (client-generated id) or resume this device's latest one. */
export async function POST({ params, request }) {
	const body = await readJson(request, attemptBody);
	const { repo, assignment, module } = await byStudentCode(params.code);
	return json(await startOrResume(repo, module, assignment, body, new Date()));
}
