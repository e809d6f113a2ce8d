import { error } from '@sveltejs/kit';
import { byResultsSecret } from '$lib/server/assignments/lookup';
import { drillDown } from '$lib/server/assignments/printable';

export async function load({ params, getClientAddress }) {
	const { repo, module, assignment } = await byResultsSecret(params.secret, getClientAddress());
	const attempt = /^[0-9a-f-]{36}$/i.test(params.attempt) ? await repo.getAttempt(params.attempt) : undefined;
	if (!attempt || attempt.assignmentId !== assignment.id) error(404, 'There is no such student in this assignment.');
	const answers = await repo.listAnswers(attempt.id);
	return {
		title: assignment.title,
		name: attempt.displayName,
		startedAt: attempt.startedAt,
		submittedAt: attempt.submittedAt,
		score: attempt.score,
		maxScore: module.questions.reduce((s, q) => s + q.points, 0),
		answers: drillDown(module, assignment, attempt, answers)
	};
}
