/**
 * Changing an assignment after it was made, from its results page: the title, the due time
 * (extended, shortened, removed), when students see feedback, releasing results, closing and
 * reopening, and a duplicate for another class. Each change is parsed with zod and checked against
 * the assignment as it is now; a change that makes no sense is refused with a 4xx and a sentence
 * the teacher can act on.
 * Students read the assignment afresh on every request, so a change reaches them at once.
 */
import { z } from 'zod';
import type { Assignment, AssignmentPatch, Repository } from '../db/repository.ts';
import { createAssignmentWithSecret, dueField, parseDueTime, titleField, tzOffsetField } from './create.ts';
import { closedReason, isDeferred } from './policy.ts';
import { feedbackModes, type FeedbackMode } from '../db/schema.ts';

export const manageActions = ['rename', 'due', 'feedback', 'release', 'unrelease', 'close', 'reopen'] as const;
export type ManageAction = (typeof manageActions)[number];

export type ManageResult =
	| { ok: true; action: ManageAction; message: string }
	| { ok: false; action: ManageAction; status: 400 | 409; message: string; field?: 'title' | 'dueAt' };

const renameForm = z.object({ title: titleField });
const dueForm = z.object({ dueAt: dueField, tzOffset: tzOffsetField });
const feedbackForm = z.object({ feedback: z.enum(feedbackModes, 'Choose when students see feedback.') });

/** What the teacher is told once feedback is changed to each mode. */
function feedbackSaid(feedback: FeedbackMode, triesPerQuestion: number): string {
	switch (feedback) {
		case 'immediate':
			return `Feedback now comes at once: students see whether each answer is right, with ${triesPerQuestion} ${triesPerQuestion === 1 ? 'try' : 'tries'} per question.`;
		case 'after-submit':
			return 'Students now see their results when they submit (those who have submitted see theirs now).';
		case 'on-release':
			return 'Students now see their results when you release them, with the button below.';
	}
}

/** The form's fields as strings (first value of each); anything else is left behind. */
function fields(form: FormData | null, names: readonly string[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (const name of names) {
		const value = form?.get(name);
		if (typeof value === 'string') out[name] = value;
	}
	return out;
}

function firstMessage(error: z.ZodError): string {
	const message = error.issues[0]?.message ?? '';
	return message && !message.startsWith('Invalid') ? message : 'Check this value.';
}

const STILL_CLOSED = 'It is still closed: reopen it to let students continue.';

/**
 * Apply one change to `assignment` as it is at `now`. The result says what happened, in words
 * for the teacher; a refusal carries the status to answer with and, for a field, which one.
 */
export async function manageAssignment(
	repo: Repository,
	assignment: Assignment,
	action: ManageAction,
	form: FormData | null,
	now: Date
): Promise<ManageResult> {
	const refuse = (status: 400 | 409, message: string, field?: 'title' | 'dueAt'): ManageResult => ({
		ok: false,
		action,
		status,
		message,
		...(field ? { field } : {})
	});
	const save = async (patch: AssignmentPatch, message: string): Promise<ManageResult> => {
		const updated = await repo.updateAssignment(assignment.id, patch);
		if (!updated) return refuse(409, 'This assignment no longer exists.');
		return { ok: true, action, message };
	};
	const at = now.toISOString();
	const reason = closedReason(assignment, now);

	switch (action) {
		case 'rename': {
			const parsed = renameForm.safeParse(fields(form, ['title']));
			if (!parsed.success) return refuse(400, firstMessage(parsed.error), 'title');
			if (parsed.data.title === assignment.title) return refuse(409, 'That is already the title.', 'title');
			return save({ title: parsed.data.title }, `Renamed to “${parsed.data.title}”. Students see the new title.`);
		}
		case 'due': {
			const parsed = dueForm.safeParse(fields(form, ['dueAt', 'tzOffset']));
			if (!parsed.success) return refuse(400, firstMessage(parsed.error), 'dueAt');
			const settings = assignment.settings;
			if (!parsed.data.dueAt) {
				if (settings.dueAt === null) return refuse(409, 'The assignment already has no due time.', 'dueAt');
				return save(
					{ settings: { ...settings, dueAt: null } },
					`The due time is removed.${assignment.closedAt ? ` ${STILL_CLOSED}` : ' Students can work on it until you close it.'}`
				);
			}
			const due = parseDueTime(parsed.data.dueAt, parsed.data.tzOffset, now);
			if (!due.ok) return refuse(400, due.message, 'dueAt');
			if (due.at.getTime() <= now.getTime()) {
				// A due time shortened into the past: the teacher wants it over, so it closes now.
				if (reason !== null)
					return refuse(
						409,
						'That time has passed and the assignment is already closed. To give students more time, choose a later time.',
						'dueAt'
					);
				return save(
					{ closedAt: at },
					'That time has already passed, so the assignment is closed now: students can no longer hand in. The due time is unchanged; to let students continue, reopen it.'
				);
			}
			const dueAt = due.at.toISOString();
			if (dueAt === settings.dueAt) return refuse(409, 'That is already the due time.', 'dueAt');
			const wasPastDue = reason === 'past-due';
			return save(
				{ settings: { ...settings, dueAt } },
				assignment.closedAt
					? `The due time is changed. ${STILL_CLOSED}`
					: wasPastDue
						? 'The due time is changed and the assignment is open again until then.'
						: 'The due time is changed. Students see it at once.'
			);
		}
		case 'feedback': {
			const parsed = feedbackForm.safeParse(fields(form, ['feedback']));
			if (!parsed.success) return refuse(400, firstMessage(parsed.error));
			const settings = assignment.settings;
			const feedback = parsed.data.feedback;
			if (feedback === settings.feedback) return refuse(409, 'Students already see feedback that way.');
			// At once, a question takes the tries the teacher set; held back, one answer (a retry needs a
			// verdict), and practice on the lesson shows no answers. Crossing between the two would change
			// the rules under answers already given, so it is only for an assignment nobody has started.
			const crossing = isDeferred(settings) !== isDeferred({ ...settings, feedback });
			if (crossing && (await repo.listAttempts(assignment.id)).length > 0)
				return refuse(
					409,
					feedback === 'immediate'
						? 'Students have started with feedback held back, so it can no longer come at once: the rules of their answers would change part way. To give feedback at once, duplicate the assignment for new links.'
						: 'Students have started and have seen whether their answers are right, so feedback can no longer be held back. To hold it back, duplicate the assignment for new links.'
				);
			return save(
				{
					// Held back from now on: practice on the lesson shows no answers while it is open.
					settings: { ...settings, feedback, ...(crossing && feedback !== 'immediate' ? { lockPractice: true } : {}) },
					// Released only by the teacher's own press, after this change.
					...(feedback === 'on-release' ? { releasedAt: null } : {})
				},
				feedbackSaid(feedback, settings.triesPerQuestion)
			);
		}
		case 'release':
			if (assignment.settings.feedback !== 'on-release')
				return refuse(
					409,
					`Students see their results ${assignment.settings.feedback === 'immediate' ? 'at once' : 'when they submit'}, so there is nothing to release.`
				);
			if (assignment.releasedAt) return refuse(409, 'The results are already released.');
			return save({ releasedAt: at }, 'Results released: students who submitted see their answers and the right ones.');
		case 'unrelease':
			if (!assignment.releasedAt) return refuse(409, 'The results are not released, so there is nothing to hide.');
			return save({ releasedAt: null }, 'Results hidden from students again.');
		case 'close':
			if (assignment.closedAt) return refuse(409, 'The assignment is already closed.');
			return save({ closedAt: at }, 'Closed: students can no longer start or hand in.');
		case 'reopen':
			if (!assignment.closedAt)
				return refuse(
					409,
					reason === 'past-due'
						? 'The assignment is closed because its due time has passed. To reopen it, set a later due time or remove it.'
						: 'The assignment is already open.'
				);
			if (assignment.settings.dueAt && Date.parse(assignment.settings.dueAt) <= now.getTime())
				return refuse(
					409,
					'Its due time has passed, so reopening alone would not let students in. Set a later due time (or remove it) first, then reopen.'
				);
			return save({ closedAt: null }, 'Reopened: students can work and hand in again.');
	}
}

const duplicateForm = z.object({ title: titleField, dueAt: dueField, tzOffset: tzOffsetField });

export type DuplicateResult =
	| { ok: true; assignment: Assignment; secret: string }
	| { ok: false; status: 400; errors: { title?: string; dueAt?: string } };

/**
 * A new assignment for another class with the same lesson and settings: its own title and due
 * time (a past or empty one means none), its own student code and results secret. Nothing of the
 * original's students comes along.
 */
export async function duplicateAssignment(
	repo: Repository,
	original: Assignment,
	form: FormData | null,
	now: Date
): Promise<DuplicateResult> {
	const parsed = duplicateForm.safeParse(fields(form, ['title', 'dueAt', 'tzOffset']));
	if (!parsed.success) {
		const errors: { title?: string; dueAt?: string } = {};
		for (const issue of parsed.error.issues) {
			const key = issue.path[0] === 'title' ? 'title' : 'dueAt';
			errors[key] ??= issue.message.startsWith('Invalid') ? 'Check this value.' : issue.message;
		}
		return { ok: false, status: 400, errors };
	}
	let dueAt: string | null = null;
	if (parsed.data.dueAt) {
		const due = parseDueTime(parsed.data.dueAt, parsed.data.tzOffset, now);
		if (!due.ok) return { ok: false, status: 400, errors: { dueAt: due.message } };
		if (due.at.getTime() <= now.getTime())
			return { ok: false, status: 400, errors: { dueAt: 'Due time: choose a time in the future, or leave it empty.' } };
		dueAt = due.at.toISOString();
	}
	const created = await createAssignmentWithSecret(
		repo,
		{ moduleSlug: original.moduleSlug, title: parsed.data.title, settings: { ...original.settings, dueAt } },
		now
	);
	return { ok: true, ...created };
}
