import { byStudentCode } from '$lib/server/assignments/lookup';
import { closedReason, describeAssignmentPolicy } from '$lib/server/assignments/policy';

export async function load({ params }) {
	const { assignment, module } = await byStudentCode(params.code);
	return {
		code: assignment.studentCode,
		title: assignment.title,
		lessonTitle: module.meta.title,
		closed: closedReason(assignment, new Date()),
		dueAt: assignment.settings.dueAt,
		feedback: assignment.settings.feedback,
		/** How answers are scored, shown before the student starts (the lesson opens straight at its first section). */
		policy: describeAssignmentPolicy(module, assignment)
	};
}
