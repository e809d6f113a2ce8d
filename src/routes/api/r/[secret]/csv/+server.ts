import { byResultsSecret } from '$lib/server/assignments/lookup';
import { resultsCsv } from '$lib/server/assignments/teacher';
import { csvDownload } from '$lib/server/assignments/csv';

/** The class table as CSV, a column per question with its text and maximum points (formula cells neutralised). */
export async function GET({ params, getClientAddress }) {
	const { repo, module, assignment } = await byResultsSecret(params.secret, getClientAddress());
	return csvDownload(await resultsCsv(repo, module, assignment), `${assignment.studentCode}-results.csv`);
}
