import { fail } from '@sveltejs/kit';
import { byResultsSecret } from '$lib/server/assignments/lookup';
import {
	gradeAction,
	resultsView,
	studentAction,
	type GradeAction,
	type StudentAction
} from '$lib/server/assignments/teacher';
import { stopAccepting } from '$lib/server/assignments/stop-accepting';
import type { RequestEvent } from './$types';

export async function load({ params, getClientAddress }) {
	const { repo, module, assignment } = await byResultsSecret(params.secret, getClientAddress());
	return {
		...(await resultsView(repo, module, assignment, new Date())),
		passage: module.passage,
		sections: module.sections
	};
}

type Change = 'release' | 'unrelease' | 'close' | 'reopen';

async function change(secret: string, client: string, what: Change) {
	const { repo, assignment } = await byResultsSecret(secret, client);
	const now = new Date().toISOString();
	const patch =
		what === 'release'
			? { releasedAt: now }
			: what === 'unrelease'
				? { releasedAt: null }
				: what === 'close'
					? { closedAt: now }
					: { closedAt: null };
	await repo.updateAssignment(assignment.id, patch);
	return { done: what };
}

/** One of the teacher's actions on a student (see student-actions.ts). */
function onStudent(what: StudentAction) {
	return async ({ params, request, getClientAddress }: RequestEvent) => {
		const { repo, assignment } = await byResultsSecret(params.secret, getClientAddress());
		const form = await request.formData().catch(() => null);
		const result = await studentAction(repo, assignment, what, form);
		const posted = form?.get('student');
		const studentId = typeof posted === 'string' && UUID.test(posted) ? posted : null;
		if (!result.ok) return fail(result.status, { studentError: result.message, action: what, studentId });
		return { done: what, student: result.name, studentId, removed: result.removed ?? null };
	};
}

/** The teacher's last word on an answer of the class (accept for everyone, or a mark). */
function grading(action: GradeAction) {
	return async ({ params, request, getClientAddress }: RequestEvent) => {
		const { repo, module, assignment } = await byResultsSecret(params.secret, getClientAddress());
		const form = await request.formData().catch(() => null);
		const result = await gradeAction(action, repo, module, assignment, form, new Date());
		if (!result.ok) return fail(result.status, { grade: result });
		return { grade: result };
	};
}

export const actions = {
	allowAttempt: onStudent('allow'),
	comment: onStudent('comment'),
	uncomment: onStudent('uncomment'),
	reset: onStudent('reset'),
	/** Remove one student (a fake name, a duplicate join) with all their attempts and answers. */
	remove: onStudent('remove'),
	mark: grading('mark'),
	unmark: grading('unmark'),
	accept: grading('accept'),
	/** Stop accepting an answer for everyone (asked first, then done). */
	unaccept: async ({ params, request, getClientAddress }) => {
		const { repo, module, assignment } = await byResultsSecret(params.secret, getClientAddress());
		const form = await request.formData().catch(() => null);
		const stop = await stopAccepting(repo, module, assignment, form);
		if (!stop.ok) return fail(stop.status, { stop });
		return { stop };
	},
	release: ({ params, getClientAddress }) => change(params.secret, getClientAddress(), 'release'),
	unrelease: ({ params, getClientAddress }) => change(params.secret, getClientAddress(), 'unrelease'),
	close: ({ params, getClientAddress }) => change(params.secret, getClientAddress(), 'close'),
	reopen: ({ params, getClientAddress }) => change(params.secret, getClientAddress(), 'reopen'),
	delete: async ({ params, getClientAddress, request }) => {
		const { repo, assignment } = await byResultsSecret(params.secret, getClientAddress());
		const form = await request.formData().catch(() => null);
		if (form?.get('confirm') !== 'delete') {
			return fail(400, { deleteError: 'Type delete in the box to confirm.' });
		}
		const removed = await repo.deleteAssignmentData(assignment.id);
		return { done: 'delete' as const, removed };
	}
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
