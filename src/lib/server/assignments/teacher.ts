/**
 * The teacher's results: everything the results page, its live JSON and the CSV need, read
 * through the repository for one assignment.
 */
import { z } from 'zod';
import type { Module } from '../../content/module.ts';
import type { Assignment, Repository } from '../db/repository.ts';
import { closedReason } from './policy.ts';
import { classResults, csvRows, type ClassResults } from './stats.ts';
import { toCsv } from './csv.ts';

export interface ResultsView {
	assignment: {
		title: string;
		code: string;
		moduleTitle: string;
		feedback: Assignment['settings']['feedback'];
		attemptsAllowed: number;
		triesPerQuestion: number;
		hintsEnabled: boolean;
		shuffle: boolean;
		dueAt: string | null;
		createdAt: string;
		closedAt: string | null;
		releasedAt: string | null;
		closed: 'closed' | 'past-due' | null;
	};
	results: ClassResults;
}

export async function resultsView(
	repo: Repository,
	module: Module,
	assignment: Assignment,
	now: Date
): Promise<ResultsView> {
	const [attempts, answers] = await Promise.all([
		repo.listAttempts(assignment.id),
		repo.listAnswersForAssignment(assignment.id)
	]);
	const s = assignment.settings;
	return {
		assignment: {
			title: assignment.title,
			code: assignment.studentCode,
			moduleTitle: module.meta.title,
			feedback: s.feedback,
			attemptsAllowed: s.attemptsAllowed,
			triesPerQuestion: s.triesPerQuestion,
			hintsEnabled: s.hintsEnabled,
			shuffle: s.shuffle,
			dueAt: s.dueAt,
			createdAt: assignment.createdAt,
			closedAt: assignment.closedAt,
			releasedAt: assignment.releasedAt,
			closed: closedReason(assignment, now)
		},
		results: classResults(module, assignment, attempts, answers)
	};
}

export async function resultsCsv(repo: Repository, module: Module, assignment: Assignment): Promise<string> {
	const [attempts, answers] = await Promise.all([
		repo.listAttempts(assignment.id),
		repo.listAnswersForAssignment(assignment.id)
	]);
	const { header, rows } = csvRows(module, classResults(module, assignment, attempts, answers), answers);
	return toCsv(header, rows);
}

export type StudentActionResult =
	{ ok: true; name: string; archived?: number } | { ok: false; status: 400 | 404; message: string };

const studentId = z.uuid();

/**
 * The teacher's actions on one student, from a form (`student` = the student's id; `confirm` =
 * 'yes' for a reset): one more attempt than the limit, or a reset. Bad input is a 400 with a
 * message, a student of another class or one already gone a 404; never a 500.
 */
export async function studentAction(
	repo: Repository,
	assignment: Assignment,
	what: 'allow' | 'reset',
	form: FormData | null
): Promise<StudentActionResult> {
	const id = studentId.safeParse(form?.get('student'));
	if (!id.success) return { ok: false, status: 400, message: 'Choose a student from the list.' };
	const student = await repo.getStudent(id.data);
	if (!student || student.assignmentId !== assignment.id)
		return { ok: false, status: 404, message: 'That student is not in this class (any more).' };
	if (what === 'allow') {
		await repo.allowExtraAttempt(assignment.id, student.id);
		return { ok: true, name: student.displayName };
	}
	if (form?.get('confirm') !== 'yes')
		return { ok: false, status: 400, message: `Tick the box to confirm that ${student.displayName} starts afresh.` };
	const reset = await repo.resetStudent(assignment.id, student.id);
	if (!reset) return { ok: false, status: 404, message: 'That student is not in this class (any more).' };
	return { ok: true, name: student.displayName, archived: reset.archived };
}
