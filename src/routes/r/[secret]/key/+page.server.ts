import { byResultsSecret } from '$lib/server/assignments/lookup';
import { answerKey } from '$lib/server/assignments/printable';

export async function load({ params, getClientAddress }) {
	const { module, assignment } = await byResultsSecret(params.secret, getClientAddress());
	return { title: assignment.title, key: answerKey(module) };
}
