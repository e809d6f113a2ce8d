import { json } from '@sveltejs/kit';
import { readJson } from '$lib/server/http';
import { byStudentCode } from '$lib/server/assignments/lookup';
import { assignmentGlossary, submitBody } from '$lib/server/assignments/student';

/**
 * The glossary entries this attempt has earned: those a question asks about, once every question
 * of their sections is final on the server (or the attempt is handed in).
 */
export async function POST({ params, request }) {
	const body = await readJson(request, submitBody);
	const { repo, assignment, module } = await byStudentCode(params.code);
	return json(
		{ glossary: await assignmentGlossary(repo, module, assignment, body) },
		{ headers: { 'cache-control': 'no-store' } }
	);
}
