/**
 * The teacher's actions on one student of a class, each from a form naming the student
 * (`student` = the student's id): allow one more attempt than the limit; write or remove a comment
 * to the student (shown in their report); reset (their attempts archived, `confirm` = 'yes'); or
 * remove the student with all their attempts and answers (`confirm` = 'yes'). Bad input is a 400
 * with a message, a student of another class or one already gone a 404; never a 500.
 */
import { z } from 'zod';
import type { Assignment, Repository } from '../db/repository.ts';
import { COMMENT_MAX, commentText } from '../../student-comment.ts';

export type StudentAction = 'allow' | 'comment' | 'uncomment' | 'reset' | 'remove';

export type StudentActionResult =
	| {
			ok: true;
			name: string;
			/** Attempts archived by a reset. */
			archived?: number;
			/** What a removal took away. */
			removed?: { attempts: number; answers: number };
	  }
	| { ok: false; status: 400 | 404; message: string };

export { COMMENT_MAX, commentText };

const studentId = z.uuid();
const gone = { ok: false, status: 404, message: 'That student is not in this class (any more).' } as const;

export async function studentAction(
	repo: Repository,
	assignment: Assignment,
	what: StudentAction,
	form: FormData | null
): Promise<StudentActionResult> {
	const id = studentId.safeParse(form?.get('student'));
	if (!id.success) return { ok: false, status: 400, message: 'Choose a student from the list.' };
	const student = await repo.getStudent(id.data);
	if (!student || student.assignmentId !== assignment.id) return gone;
	const name = student.displayName;
	switch (what) {
		case 'allow':
			await repo.allowExtraAttempt(assignment.id, student.id);
			return { ok: true, name };
		case 'comment': {
			const raw = form?.get('comment');
			if (typeof raw !== 'string') return { ok: false, status: 400, message: 'Write a comment, or remove it.' };
			const text = commentText.safeParse(raw);
			if (!text.success)
				return { ok: false, status: 400, message: text.error.issues[0]?.message ?? 'Write a comment.' };
			const saved = await repo.setStudentComment(assignment.id, student.id, text.data);
			return saved ? { ok: true, name } : gone;
		}
		case 'uncomment':
			await repo.removeStudentComment(assignment.id, student.id);
			return { ok: true, name };
		case 'reset': {
			if (form?.get('confirm') !== 'yes')
				return { ok: false, status: 400, message: `Tick the box to confirm that ${name} starts afresh.` };
			const reset = await repo.resetStudent(assignment.id, student.id);
			return reset ? { ok: true, name, archived: reset.archived } : gone;
		}
		case 'remove': {
			if (form?.get('confirm') !== 'yes')
				return { ok: false, status: 400, message: `Tick the box to confirm that ${name} and their answers go.` };
			const removed = await repo.deleteStudent(assignment.id, student.id);
			return removed ? { ok: true, name, removed: { attempts: removed.attempts, answers: removed.answers } } : gone;
		}
	}
}
