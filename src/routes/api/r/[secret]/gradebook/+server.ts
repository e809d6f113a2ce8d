import { byResultsSecret } from '$lib/server/assignments/lookup';
import { gradebookCsv } from '$lib/server/assignments/teacher';
import { csvDownload } from '$lib/server/assignments/csv';

/** One row per student (name, points, percent, submitted at) for a spreadsheet or an LMS gradebook import. */
export async function GET({ params, getClientAddress }) {
	const { repo, module, assignment } = await byResultsSecret(params.secret, getClientAddress());
	return csvDownload(await gradebookCsv(repo, module, assignment), `${assignment.studentCode}-gradebook.csv`);
}
