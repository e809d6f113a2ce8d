import { byResultsSecret } from '$lib/server/assignments/lookup';
import { resultsCsv } from '$lib/server/assignments/teacher';

/** The class table as CSV (formula cells neutralised). */
export async function GET({ params, getClientAddress }) {
	const { repo, module, assignment } = await byResultsSecret(params.secret, getClientAddress());
	const csv = await resultsCsv(repo, module, assignment);
	const name = `${assignment.studentCode}-results.csv`;
	return new Response('\uFEFF' + csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`
		}
	});
}
