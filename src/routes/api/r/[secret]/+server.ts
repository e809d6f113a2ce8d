import { json } from '@sveltejs/kit';
import { byResultsSecret } from '$lib/server/assignments/lookup';
import { resultsView } from '$lib/server/assignments/teacher';

/** The class's results as JSON, polled by the results page while students work. */
export async function GET({ params, getClientAddress }) {
	const { repo, module, assignment } = await byResultsSecret(params.secret, getClientAddress());
	return json(await resultsView(repo, module, assignment, new Date()));
}
