import { error, json } from '@sveltejs/kit';
import { countNewStudent, newStudentRefusal } from '$lib/server/assignments/creation-limits';
import { readJson } from '$lib/server/http';
import { byStudentCode } from '$lib/server/assignments/lookup';
import { attemptBody, startOrResume } from '$lib/server/assignments/student';

/**
 * Start an attempt (client-generated id) or resume this device's latest one. New students per class
 * and address are limited (creation-limits.ts).
 */
export async function POST({ params, request, getClientAddress }) {
	const body = await readJson(request, attemptBody);
	const { repo, assignment, module } = await byStudentCode(params.code);
	const client = getClientAddress();
	if (body.action === 'start') {
		const refusal = await newStudentRefusal(client, assignment.id);
		if (refusal) error(429, refusal.message);
	}
	const view = await startOrResume(repo, module, assignment, body, new Date());
	if (body.action === 'start') await countNewStudent(client, assignment.id);
	return json(view);
}
