import { error, json } from '@sveltejs/kit';
import { readJson } from '$lib/server/http';
import { summarise } from '$lib/server/assignments/summary';
import { resultsLimiter } from '$lib/server/assignments/lookup';
import { noteRetryAfter } from '$lib/server/retry-after';
import { summaryRequest } from '$lib/teach/my-assignments';

/**
 * Counts for the assignments this device keeps (POST, so results secrets stay out of URLs and logs).
 * Answers in the order asked; an unknown secret is `{ found: false }`.
 */
export async function POST({ request, getClientAddress }) {
	const { secrets } = await readJson(request, summaryRequest);
	const client = getClientAddress();
	const result = await summarise(secrets, client, new Date());
	if (!result.ok) {
		noteRetryAfter(resultsLimiter().retryAfter(client));
		error(429, 'Too many wrong results links from this address. Try again later.');
	}
	return json({ assignments: result.assignments });
}
