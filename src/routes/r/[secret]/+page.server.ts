import { fail } from '@sveltejs/kit';
import { byResultsSecret } from '$lib/server/assignments/lookup';
import { resultsView } from '$lib/server/assignments/teacher';

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

export const actions = {
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
	},
	/** Remove one student's row (a fake name, a duplicate join) with their answers. */
	remove: async ({ params, getClientAddress, request }) => {
		const { repo, assignment } = await byResultsSecret(params.secret, getClientAddress());
		const form = await request.formData().catch(() => null);
		const attemptId = form?.get('attempt');
		if (typeof attemptId !== 'string' || !UUID.test(attemptId)) {
			return fail(400, { removeError: 'Choose the student to remove.' });
		}
		const removed = await repo.deleteAttempt(assignment.id, attemptId);
		if (!removed) return fail(404, { removeError: 'That student is no longer in this assignment.' });
		return { done: 'remove' as const, removedName: removed.displayName, removedAnswers: removed.answers };
	}
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
