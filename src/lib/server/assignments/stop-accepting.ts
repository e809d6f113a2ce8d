/**
 * "Stop accepting": the teacher takes back an answer accepted for everyone. Asked first (how many
 * students' grades go back, nothing changed yet), then done: every answer that counted only because
 * of it is graded by the key (and the other accepted answers) again, and later answers are too. The
 * teacher's own marks stay as they are; the stored answers were never written over.
 */
import { z } from 'zod';
import type { Module } from '../../content/module.ts';
import type { Assignment, Repository } from '../db/repository.ts';
import { changedOutcomes, outcomesFor } from './outcomes.ts';
import { classData, formFields, type TeacherFailure } from './teacher.ts';

export const stopAcceptingForm = z.strictObject({
	acceptedId: z.uuid('Choose an accepted answer.'),
	confirm: z.literal('yes').optional()
});

export type StopAcceptingResult =
	| {
			ok: true;
			acceptedId: string;
			/** The accepted answer in words. */
			shown: string;
			answers: number;
			students: number;
			/** true once removed; false for the question asking to confirm. */
			done: boolean;
			message: string;
	  }
	| ({ ok: false; acceptedId: string | null } & TeacherFailure);

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One "stop accepting" form posted by the teacher: parsed (400 when not a form of ours), previewed or done. */
export async function stopAccepting(
	repo: Repository,
	module: Module,
	assignment: Assignment,
	form: FormData | null
): Promise<StopAcceptingResult> {
	const parsed = stopAcceptingForm.safeParse(formFields(form) ?? undefined);
	if (!parsed.success) {
		return { ok: false, acceptedId: null, status: 400, message: 'The form could not be read. Try again.' };
	}
	const { acceptedId, confirm } = parsed.data;
	const data = await classData(repo, module, assignment);
	const entry = data.accepted.find((a) => a.id === acceptedId);
	if (!entry) {
		return { ok: false, acceptedId, status: 404, message: 'That answer is no longer accepted for everyone.' };
	}
	const without = data.accepted.filter((a) => a.id !== acceptedId);
	const after = outcomesFor(module, assignment, data.attempts, data.answers, data.overrides, without);
	const { answers, students } = changedOutcomes(data.outcomes, after);
	const count = `${plural(answers, 'answer', 'answers')} of ${plural(students, 'student', 'students')}`;
	const base = { ok: true as const, acceptedId, shown: entry.shown, answers, students };
	if (confirm !== 'yes') {
		return {
			...base,
			done: false,
			message: `Stop accepting “${entry.shown}”? ${answers === 0 ? 'No grade changes now' : `This regrades ${count} by the key again now`}, and later answers are graded without it.`
		};
	}
	if (!(await repo.removeAcceptedAnswer(assignment.id, acceptedId))) {
		return { ok: false, acceptedId, status: 404, message: 'That answer is no longer accepted for everyone.' };
	}
	return {
		...base,
		done: true,
		message: `Stopped accepting “${entry.shown}”: ${answers === 0 ? 'no grade changed' : `${count} graded by the key again`}.`
	};
}
