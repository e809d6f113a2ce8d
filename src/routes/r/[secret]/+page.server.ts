import { fail } from '@sveltejs/kit';
import { COMMENT_INPUT_MAX } from '$lib/student-comment';
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
import { assignmentRefusal, countAssignment } from '$lib/server/assignments/creation-limits';
import { createdLinks } from '$lib/server/assignments/create';
import { duplicateAssignment, manageAssignment, type ManageAction } from '$lib/server/assignments/manage';

export async function load({ params, getClientAddress }) {
	const { repo, module, assignment } = await byResultsSecret(params.secret, getClientAddress());
	return {
		...(await resultsView(repo, module, assignment, new Date())),
		passage: module.passage,
		sections: module.sections
	};
}

/** A change to the assignment itself (see manage.ts): answered with { manage }, refused with a 4xx. */
function managing(action: ManageAction) {
	return async ({ params, request, getClientAddress }: RequestEvent) => {
		const { repo, assignment } = await byResultsSecret(params.secret, getClientAddress());
		const form = await request.formData().catch(() => null);
		const result = await manageAssignment(repo, assignment, action, form, new Date());
		if (!result.ok) return fail(result.status, { manage: result });
		return { manage: result };
	};
}

/** One of the teacher's actions on a student (see student-actions.ts). */
function onStudent(what: StudentAction) {
	return async ({ params, request, getClientAddress }: RequestEvent) => {
		const { repo, assignment } = await byResultsSecret(params.secret, getClientAddress());
		const form = await request.formData().catch(() => null);
		const result = await studentAction(repo, assignment, what, form);
		const posted = form?.get('student');
		const studentId = typeof posted === 'string' && UUID.test(posted) ? posted : null;
		if (!result.ok) {
			// A refused comment comes back with the form, as typed, to be mended rather than written again.
			const typed = what === 'comment' ? form?.get('comment') : null;
			const comment = typeof typed === 'string' ? typed.slice(0, COMMENT_INPUT_MAX) : null;
			return fail(result.status, { studentError: result.message, action: what, studentId, typed: comment });
		}
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
	rename: managing('rename'),
	due: managing('due'),
	feedback: managing('feedback'),
	release: managing('release'),
	unrelease: managing('unrelease'),
	close: managing('close'),
	reopen: managing('reopen'),
	/** New links for another class with the same lesson and settings; shown once, like a new assignment's. */
	duplicate: async ({ params, request, url, getClientAddress }) => {
		const client = getClientAddress();
		const { repo, assignment, module } = await byResultsSecret(params.secret, client);
		const form = await request.formData().catch(() => null);
		const text = (name: string) => {
			const v = form?.get(name);
			return typeof v === 'string' ? v.slice(0, 200) : '';
		};
		const values = { title: text('title'), dueAt: text('dueAt') };
		const refusal = await assignmentRefusal(client);
		if (refusal) return fail(429, { duplicate: { ok: false as const, errors: { form: refusal.message }, values } });
		const result = await duplicateAssignment(repo, assignment, form, new Date());
		if (!result.ok) return fail(result.status, { duplicate: { ok: false as const, errors: result.errors, values } });
		await countAssignment(client);
		const created = await createdLinks(result.assignment, result.secret, url.origin, module.meta.title);
		return { duplicate: { ok: true as const, created } };
	},
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
