import { json } from '@sveltejs/kit';
import { readJson } from '$lib/server/http';
import { byStudentCode } from '$lib/server/assignments/lookup';
import { answerBody, saveAnswer } from '$lib/server/assignments/student';

/** Save and grade one answer, at most once (the client's answer id makes a repeat harmless). */
export async function POST({ params, request }) {
	const body = await readJson(request, answerBody);
	const { repo, assignment, module } = await byStudentCode(params.code);
	return json(await saveAnswer(repo, module, assignment, body, new Date()));
}
