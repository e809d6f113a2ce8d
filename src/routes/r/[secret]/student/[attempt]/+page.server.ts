import { error, fail } from '@sveltejs/kit';
import { byResultsSecret } from '$lib/server/assignments/lookup';
import type { RequestEvent } from './$types';
import { gradeAction, studentView, type GradeAction } from '$lib/server/assignments/teacher';

async function found(secret: string, attemptId: string, client: string) {
	const { repo, module, assignment } = await byResultsSecret(secret, client);
	const attempt = /^[0-9a-f-]{36}$/i.test(attemptId) ? await repo.getAttempt(attemptId) : undefined;
	if (!attempt || attempt.assignmentId !== assignment.id) error(404, 'There is no such student in this assignment.');
	return { repo, module, assignment, attempt };
}

export async function load({ params, getClientAddress }) {
	const { repo, module, assignment, attempt } = await found(params.secret, params.attempt, getClientAddress());
	const view = await studentView(repo, module, assignment, attempt);
	return {
		title: assignment.title,
		name: attempt.displayName,
		startedAt: attempt.startedAt,
		submittedAt: attempt.submittedAt,
		score: view.score,
		maxScore: view.maxScore,
		answers: view.rows
	};
}

/** The teacher's last word on one of this student's answers: parsed, checked against this student, stored. */
function grading(action: GradeAction) {
	return async ({ params, request, getClientAddress }: RequestEvent) => {
		const { repo, module, assignment, attempt } = await found(params.secret, params.attempt, getClientAddress());
		const form = await request.formData().catch(() => null);
		const result = await gradeAction(action, repo, module, assignment, form, new Date(), attempt.id);
		if (!result.ok) return fail(result.status, { grade: result });
		return { grade: result };
	};
}

export const actions = {
	mark: grading('mark'),
	unmark: grading('unmark'),
	accept: grading('accept')
};
