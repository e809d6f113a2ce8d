import { byResultsSecret } from '$lib/server/assignments/lookup';
import { worksheet } from '$lib/server/assignments/printable';

export async function load({ params, getClientAddress }) {
	const { module, assignment } = await byResultsSecret(params.secret, getClientAddress());
	return {
		title: assignment.title,
		passage: module.passage,
		sections: module.sections,
		meta: module.meta,
		questions: worksheet(module)
	};
}
