import { error, json } from '@sveltejs/kit';
import { gradeFromText } from '$lib/server/grade-endpoint';
import { readLimited } from '$lib/server/http';
import { checkJsonHeaders } from '$lib/server/json-body';

/** One action on a practice question (answer, hint, reveal). The key stays here; the browser gets the verdict. */
export async function POST({ request }) {
	const headers = checkJsonHeaders(request.headers.get('content-type'), request.headers.get('content-length'));
	if (!headers.ok) error(headers.status, headers.message);
	const reply = await gradeFromText(await readLimited(request));
	if (reply.status !== 200) error(reply.status, (reply.body as { message: string }).message);
	return json(reply.body);
}
