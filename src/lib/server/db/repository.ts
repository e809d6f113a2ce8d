/**
 * Every read and write of assignments, attempts and answers. Routes call this and nothing else
 * touches the tables. Values always travel as bound parameters (Kysely builds every statement);
 * every write runs under the same write rules (unavailable.ts), in a transaction through `withWrite`
 * or, for an answer or a hint, as one statement (recordAnswer, recordHint).
 *
 * Idempotency is the point of this layer: the browser generates attempt and answer ids, and a
 * post that arrives twice, late, or out of order is applied at most once. The database enforces
 * it with unique constraints (answer id; attempt + question + try + reveal, so "show the answer"
 * after a graded try is a record of its own; one final answer per question)
 * and `ON CONFLICT DO NOTHING`, so it holds across concurrent requests and server processes.
 */
import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { Response } from '../../scoring/response.ts';
import type { Verdict } from '../../scoring/types.ts';
import { generateStudentCode } from './codes.ts';
import { writePolicy } from './unavailable.ts';
import {
	assignmentSettings,
	type AcceptedAnswerRow,
	type AnswerRow,
	type AssignmentRow,
	type AssignmentSettings,
	type AttemptRow,
	type Database,
	type GradeOverrideRow,
	type StudentCommentRow,
	type StudentRow
} from './schema.ts';

export interface Assignment {
	id: string;
	studentCode: string;
	resultsHash: string;
	moduleSlug: string;
	title: string;
	settings: AssignmentSettings;
	createdAt: string;
	closedAt: string | null;
	releasedAt: string | null;
}

export interface NewAssignment {
	/** Generated when absent. */
	id?: string;
	/** Generated (and retried on the rare collision) when absent. */
	studentCode?: string;
	/** SHA-256 hex of the results secret. */
	resultsHash: string;
	moduleSlug: string;
	title: string;
	settings: AssignmentSettings;
	/** ISO time; the repository clock when absent. */
	createdAt?: string;
}

/** Fields a teacher may change. `null` clears a time (reopen, un-release). */
export interface AssignmentPatch {
	title?: string;
	settings?: AssignmentSettings;
	closedAt?: string | null;
	releasedAt?: string | null;
}

export interface Attempt {
	id: string;
	assignmentId: string;
	/** The student it belongs to. */
	studentId: string;
	/** 1, 2, … among the student's attempts since the last reset. */
	attemptNumber: number;
	displayName: string;
	/** Hash of the token of the device that started it. */
	deviceHash: string;
	seed: string;
	startedAt: string;
	submittedAt: string | null;
	score: number | null;
	maxScore: number | null;
	/** Set when the teacher reset the student: kept, but no longer counted or shown. */
	archivedAt: string | null;
}

/** The teacher's comment to one student, shown in the student's report. */
export interface StudentComment {
	studentId: string;
	assignmentId: string;
	text: string;
	updatedAt: string;
}

/** A student of one assignment: a normalised name with a resume code (kept as a hash only). */
export interface Student {
	id: string;
	assignmentId: string;
	nameKey: string;
	displayName: string;
	/** Whether a resume code has been issued (a reset takes it away). */
	hasCode: boolean;
	extraAttempts: number;
	/** Starts under this name from a device that could not give the resume code. */
	flaggedStarts: number;
	lastFlaggedAt: string | null;
	createdAt: string;
}

export interface BeginAttemptInput {
	assignmentId: string;
	/** Client-generated uuid, so a retried start finds the attempt it made. */
	attemptId: string;
	/** The normalised name (nameKey) and the name as typed, cleaned. */
	nameKey: string;
	displayName: string;
	deviceHash: string;
	/** Hash of the resume code the student typed, or null when they gave none. */
	codeHash: string | null;
	/** Hash of a fresh code, stored when the student is given a code by this start. */
	newCodeHash: string;
	seed: string;
	/** The assignment's attempt limit; the student's extra attempts are added to it. */
	attemptsAllowed: number;
	/** False once the assignment is closed: an attempt in progress resumes, none starts. */
	open: boolean;
	startedAt?: string;
}

export type BeginAttemptResult =
	/** `codeIssued`: the fresh code (newCodeHash) now belongs to the student and must be shown. */
	| { outcome: 'started' | 'resumed'; attempt: Attempt; student: Student; codeIssued: boolean }
	/** Every allowed attempt is submitted: `attempt` is the latest, for its report. */
	| { outcome: 'limit-reached'; attempt: Attempt; student: Student; codeIssued: boolean }
	/** The name is taken by a student this device cannot prove to be; the start was flagged. */
	| { outcome: 'code-required'; student: Student }
	/** Closed, and nothing of this student's to resume. */
	| { outcome: 'closed' };

/** An attempt as the class table shows it, with what its answers add up to so far. */
export interface AttemptSummary extends Attempt {
	/** Answers stored, every try counted. */
	answerCount: number;
	/** Questions finished (answered right, out of tries, or revealed). */
	finishedCount: number;
	/** Points of the finished questions. */
	points: number;
	/** Time of the latest answer, or null before the first. */
	lastAnswerAt: string | null;
	/** Answers that reached the server after the deadline's grace period. */
	lateCount: number;
	/** The student's extra attempts and flagged starts (the same on each of their attempts). */
	extraAttempts: number;
	flaggedStarts: number;
	lastFlaggedAt: string | null;
}

export interface Answer {
	/** Client-generated uuid. */
	id: string;
	attemptId: string;
	questionId: string;
	tryNumber: number;
	hintsUsed: number;
	revealed: boolean;
	/** What the student sent; null when they asked for the answer without giving one. */
	response: Response | null;
	verdict: Verdict;
	credit: number;
	/** Points earned; set on the final answer of a question. */
	points: number | null;
	/** No more tries on this question after this answer. */
	final: boolean;
	createdAt: string;
	/** Reached the server after the deadline's grace period. */
	late: boolean;
}

export type NewAnswer = Omit<Answer, 'createdAt' | 'late'> & { createdAt?: string; late?: boolean };

/** The teacher's mark on an answer: right, partly right or wrong, with the points it is worth. */
export interface TeacherMark {
	verdict: Verdict;
	points: number;
}

/** One step of the teacher's marking of an answer. `mark` null: the step that removed the mark. */
export interface GradeOverride {
	id: string;
	answerId: string;
	attemptId: string;
	questionId: string;
	mark: TeacherMark | null;
	createdAt: string;
}

/** An answer the teacher accepts as right for everyone in an assignment, for one question. */
export interface AcceptedAnswer {
	id: string;
	assignmentId: string;
	questionId: string;
	/** '' for the whole response; a cloze blank's id for one blank. */
	part: string;
	/** What grading compares: the normalised text, or the response in author ids. */
	key: string;
	/** The answer in the words the teacher accepted. */
	shown: string;
	createdAt: string;
}

export type NewAcceptedAnswer = Pick<AcceptedAnswer, 'part' | 'key' | 'shown'>;

/** Which kind of attempt a try belongs to: an assignment's (answers) or a practice one (practice_answers). */
export type AttemptKind = 'assignment' | 'practice';
const TRIES_TABLE = { assignment: 'answers', practice: 'practice_answers' } as const;

export interface PracticeAttempt {
	id: string;
	tokenHash: string;
	moduleSlug: string;
	secret: string;
	startedAt: string;
	/** Began while a class's assignment locked the lesson's practice (answers saved, no verdicts). */
	locked: boolean;
}

/** What the server has recorded of one question of an attempt: tries and reveals in order, hints served. */
export interface QuestionLog {
	answers: Answer[];
	hintsUsed: number;
}

/** Why an answer was not stored: which earlier answer it repeats. */
export type DuplicateReason = 'same-id' | 'same-try' | 'already-final';

export type RecordAnswerResult =
	| { stored: true; answer: Answer }
	/** `answer` is the one already stored, which the caller should report back unchanged. */
	| { stored: false; reason: DuplicateReason; answer: Answer };

export interface SubmitAttemptInput {
	score: number;
	maxScore: number;
	submittedAt?: string;
}

export type RepositoryErrorCode = 'not-found' | 'conflict';

/** A request the data cannot satisfy: routes map not-found to 404 and conflict to 409. */
export class RepositoryError extends Error {
	constructor(
		readonly code: RepositoryErrorCode,
		message: string
	) {
		super(message);
		this.name = 'RepositoryError';
	}
}

export interface RepositoryOptions {
	/** The clock for timestamps the caller leaves out (tests pass a fixed one). */
	now?: () => Date;
	/** How long a write waits for another process's lock before it is refused as busy (ms). */
	busyWaitMs?: number;
	/** Throws when the database file is no longer the one opened (see unavailable.ts). */
	checkFile?: () => void;
}

export type Repository = ReturnType<typeof createRepository>;

type Tx = Transaction<Database>;

export function createRepository(db: Kysely<Database>, options: RepositoryOptions = {}) {
	const now = () => (options.now ?? (() => new Date()))().toISOString();
	const write = writePolicy({ busyWaitMs: options.busyWaitMs, checkFile: options.checkFile });

	/**
	 * Run `work` in a write transaction, waiting (without blocking) for another process's lock; a
	 * write that cannot be made safely throws DatabaseUnavailableError (unavailable.ts).
	 */
	function withWrite<T>(work: (trx: Tx) => Promise<T>): Promise<T> {
		return write(() => db.transaction().execute(work));
	}

	async function findAssignment(
		column: 'id' | 'student_code' | 'results_hash',
		value: string
	): Promise<Assignment | undefined> {
		const row = await db.selectFrom('assignments').selectAll().where(column, '=', value).executeTakeFirst();
		return row && toAssignment(row);
	}

	/** How many hints of one question an attempt has been served: a query, run alone or inside another. */
	function hintsServed(attemptId: string, questionId: string) {
		return db
			.selectFrom('hints')
			.select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
			.where('attempt_id', '=', attemptId)
			.where('question_id', '=', questionId);
	}

	const keys = new Map<string, Promise<string>>();

	return {
		/** A server key made by a migration (e.g. 'public-ids'); read once, then kept. */
		serverKey(name: string): Promise<string> {
			let key = keys.get(name);
			if (!key) {
				key = db
					.selectFrom('server_keys')
					.select('value')
					.where('name', '=', name)
					.executeTakeFirstOrThrow()
					.then((row) => row.value);
				key.catch(() => keys.delete(name));
				keys.set(name, key);
			}
			return key;
		},

		/** Times (ms) of the events of a rate limit's key at or after `since`, oldest first. */
		async rateEvents(scope: string, key: string, since: number): Promise<number[]> {
			const rows = await db
				.selectFrom('rate_events')
				.select('at')
				.where('scope', '=', scope)
				.where('key', '=', key)
				.where('at', '>=', since)
				.orderBy('at')
				.execute();
			return rows.map((r) => Number(r.at));
		},

		/** Count one event of a rate limit, forgetting the scope's events before `forgetBefore`. */
		async addRateEvent(scope: string, key: string, at: number, forgetBefore: number): Promise<void> {
			await withWrite(async (trx) => {
				await trx.deleteFrom('rate_events').where('scope', '=', scope).where('at', '<', forgetBefore).execute();
				await trx.insertInto('rate_events').values({ scope, key, at }).execute();
			});
		},

		async createAssignment(input: NewAssignment): Promise<Assignment> {
			const settings = JSON.stringify(assignmentSettings.parse(input.settings));
			const base = {
				id: input.id ?? randomUUID(),
				results_hash: input.resultsHash,
				module_slug: input.moduleSlug,
				title: input.title,
				settings,
				created_at: input.createdAt ?? now(),
				closed_at: null,
				released_at: null
			};
			return withWrite(async (trx) => {
				// A generated code may (very rarely) be taken: draw again. A given one must be free.
				for (let tries = 0; tries < 8; tries++) {
					const studentCode = input.studentCode ?? generateStudentCode();
					const inserted = await trx
						.insertInto('assignments')
						.values({ ...base, student_code: studentCode })
						.onConflict((oc) => oc.column('student_code').doNothing())
						.returningAll()
						.executeTakeFirst()
						.catch((error: unknown) => {
							if (isUniqueViolation(error))
								throw new RepositoryError('conflict', 'An assignment with this id or results link already exists.');
							throw error;
						});
					if (inserted) return toAssignment(inserted);
					if (input.studentCode) break;
				}
				throw new RepositoryError('conflict', 'That student code is already in use.');
			});
		},

		getAssignment: (id: string) => findAssignment('id', id),
		getAssignmentByCode: (studentCode: string) => findAssignment('student_code', studentCode),
		getAssignmentByResultsHash: (resultsHash: string) => findAssignment('results_hash', resultsHash),

		/** Close, reopen, release or retitle. Undefined when there is no such assignment. */
		async updateAssignment(id: string, patch: AssignmentPatch): Promise<Assignment | undefined> {
			const changes: Partial<Pick<AssignmentRow, 'title' | 'settings' | 'closed_at' | 'released_at'>> = {};
			if (patch.title !== undefined) changes.title = patch.title;
			if (patch.settings !== undefined) changes.settings = JSON.stringify(assignmentSettings.parse(patch.settings));
			if (patch.closedAt !== undefined) changes.closed_at = patch.closedAt;
			if (patch.releasedAt !== undefined) changes.released_at = patch.releasedAt;
			if (Object.keys(changes).length === 0) return findAssignment('id', id);
			const row = await withWrite((trx) =>
				trx.updateTable('assignments').set(changes).where('id', '=', id).returningAll().executeTakeFirst()
			);
			return row && toAssignment(row);
		},

		/** Delete every attempt and student of an assignment and, through the cascade, every answer. */
		async deleteAssignmentData(assignmentId: string): Promise<{ attempts: number; answers: number }> {
			return withWrite(async (trx) => {
				const counted = await trx
					.selectFrom('answers')
					.innerJoin('attempts', 'attempts.id', 'answers.attempt_id')
					.where('attempts.assignment_id', '=', assignmentId)
					.select((eb) => eb.fn.countAll().as('n'))
					.executeTakeFirstOrThrow();
				await trx
					.deleteFrom('hints')
					.where('attempt_id', 'in', (eb) =>
						eb.selectFrom('attempts').select('id').where('assignment_id', '=', assignmentId)
					)
					.execute();
				const deleted = await trx.deleteFrom('attempts').where('assignment_id', '=', assignmentId).executeTakeFirst();
				// The names and resume codes go too, so every name can start afresh.
				await trx.deleteFrom('students').where('assignment_id', '=', assignmentId).execute();
				return { attempts: Number(deleted.numDeletedRows), answers: Number(counted.n) };
			});
		},

		/**
		 * Delete one student's attempt of an assignment and, through the cascade, its answers. What was
		 * removed, or undefined when the attempt is not (or no longer) in this assignment.
		 */
		async deleteAttempt(
			assignmentId: string,
			attemptId: string
		): Promise<{ displayName: string; answers: number } | undefined> {
			return withWrite(async (trx) => {
				const attempt = await trx
					.selectFrom('attempts')
					.select(['display_name', 'student_id'])
					.where('id', '=', attemptId)
					.where('assignment_id', '=', assignmentId)
					.executeTakeFirst();
				if (!attempt) return undefined;
				const counted = await trx
					.selectFrom('answers')
					.where('attempt_id', '=', attemptId)
					.select((eb) => eb.fn.countAll().as('n'))
					.executeTakeFirstOrThrow();
				await trx.deleteFrom('attempts').where('id', '=', attemptId).execute();
				// A student left without any attempt (archived ones included) goes too, freeing the name.
				const studentId = attempt.student_id;
				if (studentId) {
					await trx
						.deleteFrom('students')
						.where('id', '=', studentId)
						.where((eb) =>
							eb.not(eb.exists(eb.selectFrom('attempts').select('id').where('student_id', '=', studentId)))
						)
						.execute();
				}
				return { displayName: attempt.display_name, answers: Number(counted.n) };
			});
		},

		/**
		 * Delete one student of an assignment: every attempt of theirs (archived ones too) with its
		 * answers and hints, their comment, and the student, so the name is free again. What was
		 * removed, or undefined when the student is not (or no longer) in this assignment.
		 */
		async deleteStudent(
			assignmentId: string,
			studentId: string
		): Promise<{ displayName: string; attempts: number; answers: number } | undefined> {
			return withWrite(async (trx) => {
				const student = await trx
					.selectFrom('students')
					.select('display_name')
					.where('id', '=', studentId)
					.where('assignment_id', '=', assignmentId)
					.executeTakeFirst();
				if (!student) return undefined;
				const theirs = (eb: ExpressionBuilder<Database, 'hints' | 'answers'>) =>
					eb.selectFrom('attempts').select('id').where('student_id', '=', studentId);
				const counted = await trx
					.selectFrom('answers')
					.where('attempt_id', 'in', theirs)
					.select((eb) => eb.fn.countAll().as('n'))
					.executeTakeFirstOrThrow();
				await trx.deleteFrom('hints').where('attempt_id', 'in', theirs).execute();
				const deleted = await trx.deleteFrom('attempts').where('student_id', '=', studentId).executeTakeFirst();
				await trx.deleteFrom('students').where('id', '=', studentId).execute();
				return {
					displayName: student.display_name,
					attempts: Number(deleted.numDeletedRows),
					answers: Number(counted.n)
				};
			});
		},

		/** Delete the assignment itself with all its data; its links then find nothing. */
		async deleteAssignment(id: string): Promise<boolean> {
			const deleted = await withWrite(async (trx) => {
				await trx
					.deleteFrom('hints')
					.where('attempt_id', 'in', (eb) => eb.selectFrom('attempts').select('id').where('assignment_id', '=', id))
					.execute();
				return trx.deleteFrom('assignments').where('id', '=', id).executeTakeFirst();
			});
			return deleted.numDeletedRows > 0n;
		},

		/**
		 * Start or resume a student's attempt, in one transaction, so that concurrent starts agree:
		 * - a new name makes a new student holding the fresh code (newCodeHash) and this device;
		 * - a known name acts only from a device of the student's or with the right code (which adds
		 *   this device); otherwise the start is flagged on the student and refused (`code-required`);
		 *   a student without attempts or code (after a reset) is claimed afresh with a new code;
		 * - the latest unfinished attempt resumes; after a submitted one, the next starts while the
		 *   limit (plus extra attempts) allows, numbered count + 1. The unique (student, number) index
		 *   turns a concurrent second insert of the same number into a no-op, so the number of
		 *   attempts can never pass the limit, on either database, whatever the interleaving.
		 */
		async beginAttempt(input: BeginAttemptInput): Promise<BeginAttemptResult> {
			const at = input.startedAt ?? now();
			return withWrite(async (trx): Promise<BeginAttemptResult> => {
				const assignment = await trx
					.selectFrom('assignments')
					.select('id')
					.where('id', '=', input.assignmentId)
					.executeTakeFirst();
				if (!assignment) throw new RepositoryError('not-found', 'No such assignment.');

				let codeIssued = false;
				let student = await findStudentByKey(trx, input.assignmentId, input.nameKey);
				if (!student) {
					if (!input.open) return { outcome: 'closed' };
					const created = await trx
						.insertInto('students')
						.values({
							id: randomUUID(),
							assignment_id: input.assignmentId,
							name_key: input.nameKey,
							display_name: input.displayName,
							resume_hash: input.newCodeHash,
							last_flagged_at: null,
							created_at: at
						})
						.onConflict((oc) => oc.columns(['assignment_id', 'name_key']).doNothing())
						.returningAll()
						.executeTakeFirst();
					codeIssued = created !== undefined;
					// Another start under the same name created the student in between: decide against it.
					student = created ?? (await findStudentByKey(trx, input.assignmentId, input.nameKey));
					if (!student) throw new RepositoryError('conflict', 'This student was removed while starting.');
				}

				let live = await liveAttempts(trx, student.id);
				const known = codeIssued || (await deviceOf(trx, student.id, input.deviceHash));
				const proved =
					input.codeHash !== null && student.resume_hash !== null && student.resume_hash === input.codeHash;
				const unclaimed = student.resume_hash === null && live.length === 0;
				if (!known && !proved && !unclaimed) {
					const flagged = await trx
						.updateTable('students')
						.set((eb) => ({ flagged_starts: eb('flagged_starts', '+', 1), last_flagged_at: at }))
						.where('id', '=', student.id)
						.returningAll()
						.executeTakeFirstOrThrow();
					return { outcome: 'code-required', student: toStudent(flagged) };
				}
				if (student.resume_hash === null) {
					// Claimed after a reset, or a student from before resume codes, on one of their devices.
					student = await trx
						.updateTable('students')
						.set({ resume_hash: input.newCodeHash, display_name: unclaimed ? input.displayName : student.display_name })
						.where('id', '=', student.id)
						.returningAll()
						.executeTakeFirstOrThrow();
					codeIssued = true;
				}
				await trx
					.insertInto('student_devices')
					.values({ student_id: student.id, device_hash: input.deviceHash, created_at: at })
					.onConflict((oc) => oc.columns(['student_id', 'device_hash']).doNothing())
					.execute();

				const resumeOrNull = (): BeginAttemptResult | null => {
					const latest = live.at(-1);
					if (latest && (latest.submitted_at === null || latest.id === input.attemptId))
						return { outcome: 'resumed', attempt: toAttempt(latest), student: toStudent(student!), codeIssued };
					return null;
				};
				const resumed = resumeOrNull();
				if (resumed) return resumed;
				const limit = input.attemptsAllowed + Number(student.extra_attempts);
				const latest = live.at(-1);
				if (live.length >= limit && latest)
					return { outcome: 'limit-reached', attempt: toAttempt(latest), student: toStudent(student), codeIssued };
				if (!input.open) {
					if (latest)
						return { outcome: 'limit-reached', attempt: toAttempt(latest), student: toStudent(student), codeIssued };
					return { outcome: 'closed' };
				}
				const inserted = await trx
					.insertInto('attempts')
					.values({
						id: input.attemptId,
						assignment_id: input.assignmentId,
						student_id: student.id,
						// After the latest (a removed row may leave a gap): concurrent starts pick the same number.
						attempt_number: Math.max(0, ...live.map((a) => Number(a.attempt_number))) + 1,
						archived_at: null,
						display_name: student.display_name,
						device_hash: input.deviceHash,
						seed: input.seed,
						started_at: at,
						submitted_at: null,
						score: null,
						max_score: null
					})
					// The id (a retried start) or the number (a concurrent start) is taken: no second attempt.
					.onConflict((oc) => oc.doNothing())
					.returningAll()
					.executeTakeFirst();
				if (inserted)
					return { outcome: 'started', attempt: toAttempt(inserted), student: toStudent(student), codeIssued };
				live = await liveAttempts(trx, student.id);
				const again = resumeOrNull();
				if (again) return again;
				const newest = live.at(-1);
				if (newest)
					return { outcome: 'limit-reached', attempt: toAttempt(newest), student: toStudent(student), codeIssued };
				throw new RepositoryError('conflict', 'This attempt id belongs to another attempt.');
			});
		},

		async getAttempt(id: string): Promise<Attempt | undefined> {
			const row = await db.selectFrom('attempts').selectAll().where('id', '=', id).executeTakeFirst();
			return row && toAttempt(row);
		},

		async getStudent(id: string): Promise<Student | undefined> {
			const row = await db.selectFrom('students').selectAll().where('id', '=', id).executeTakeFirst();
			return row && toStudent(row);
		},

		/** Whether this device may act for the student (it started them or gave their code). */
		async isStudentDevice(studentId: string, deviceHash: string): Promise<boolean> {
			return deviceOf(db, studentId, deviceHash);
		},

		/** A student's attempts since the last reset, oldest first. */
		async listStudentAttempts(studentId: string): Promise<Attempt[]> {
			return (await liveAttempts(db, studentId)).map(toAttempt);
		},

		/** The latest attempt (not archived) of any student this device acts for: the one to resume. */
		async findLatestAttemptByDevice(assignmentId: string, deviceHash: string): Promise<Attempt | undefined> {
			const row = await db
				.selectFrom('attempts')
				.innerJoin('student_devices', 'student_devices.student_id', 'attempts.student_id')
				.selectAll('attempts')
				.where('attempts.assignment_id', '=', assignmentId)
				.where('student_devices.device_hash', '=', deviceHash)
				.where('attempts.archived_at', 'is', null)
				.orderBy('attempts.started_at', 'desc')
				.orderBy('attempts.attempt_number', 'desc')
				.executeTakeFirst();
			return row && toAttempt(row);
		},

		/** Give a student a new resume code (the old one stops working; devices keep acting for them). */
		async replaceResumeCode(studentId: string, codeHash: string): Promise<boolean> {
			const updated = await withWrite((trx) =>
				trx.updateTable('students').set({ resume_hash: codeHash }).where('id', '=', studentId).executeTakeFirst()
			);
			return updated.numUpdatedRows > 0n;
		},

		/** One more attempt for a student of this assignment. Undefined when there is no such student. */
		async allowExtraAttempt(assignmentId: string, studentId: string): Promise<Student | undefined> {
			const row = await withWrite((trx) =>
				trx
					.updateTable('students')
					.set((eb) => ({ extra_attempts: eb('extra_attempts', '+', 1) }))
					.where('id', '=', studentId)
					.where('assignment_id', '=', assignmentId)
					.returningAll()
					.executeTakeFirst()
			);
			return row && toStudent(row);
		},

		/**
		 * Reset a student: their attempts are archived (kept, no longer counted or shown), their resume
		 * code, devices, extra attempts and flags are cleared, so the name starts afresh from any device
		 * and gets a new code. Undefined when there is no such student.
		 */
		async resetStudent(assignmentId: string, studentId: string): Promise<{ archived: number } | undefined> {
			return withWrite(async (trx) => {
				const student = await trx
					.updateTable('students')
					.set({ resume_hash: null, extra_attempts: 0, flagged_starts: 0, last_flagged_at: null })
					.where('id', '=', studentId)
					.where('assignment_id', '=', assignmentId)
					.returning('id')
					.executeTakeFirst();
				if (!student) return undefined;
				await trx.deleteFrom('student_devices').where('student_id', '=', studentId).execute();
				const archived = await trx
					.updateTable('attempts')
					.set({ archived_at: now() })
					.where('student_id', '=', studentId)
					.where('archived_at', 'is', null)
					.executeTakeFirst();
				return { archived: Number(archived.numUpdatedRows) };
			});
		},

		/** The class table: every attempt not archived by a reset, with its answer count and points so far, oldest first. */
		async listAttempts(assignmentId: string): Promise<AttemptSummary[]> {
			const rows = await db
				.selectFrom('attempts')
				.leftJoin('answers', 'answers.attempt_id', 'attempts.id')
				.leftJoin('students', 'students.id', 'attempts.student_id')
				.where('attempts.assignment_id', '=', assignmentId)
				.where('attempts.archived_at', 'is', null)
				.groupBy(['attempts.id', 'students.id'])
				.selectAll('attempts')
				.select(['students.extra_attempts', 'students.flagged_starts', 'students.last_flagged_at'])
				.select((eb) => [
					eb.fn.count<number | string | bigint>('answers.id').as('answer_count'),
					eb.fn
						.sum<number | string | null>(eb.case().when('answers.final', '=', 1).then(1).else(0).end())
						.as('finished_count'),
					eb.fn
						.sum<number | string | null>(eb.case().when('answers.final', '=', 1).then(eb.ref('answers.points')).end())
						.as('points'),
					eb.fn.max('answers.created_at').as('last_answer_at'),
					eb.fn.sum<number | string | null>('answers.late').as('late_count')
				])
				.orderBy('attempts.started_at')
				.orderBy('attempts.id')
				.execute();
			return rows.map((row) => ({
				...toAttempt(row),
				answerCount: Number(row.answer_count),
				finishedCount: Number(row.finished_count ?? 0),
				points: Number(row.points ?? 0),
				lastAnswerAt: row.last_answer_at ?? null,
				lateCount: Number(row.late_count ?? 0),
				extraAttempts: Number(row.extra_attempts ?? 0),
				flaggedStarts: Number(row.flagged_starts ?? 0),
				lastFlaggedAt: row.last_flagged_at ?? null
			}));
		},

		/**
		 * Store one answer, at most once. A repeat of a stored id, a second answer to the same try (or
		 * a second reveal at it), or a second final answer to a question is not stored; the stored
		 * answer comes back instead. A reveal carries the number of the try it follows, beside it.
		 * Throws not-found when the attempt does not exist.
		 */
		async recordAnswer(input: NewAnswer, kind: AttemptKind = 'assignment'): Promise<RecordAnswerResult> {
			// Both tables have the same columns; the cast lets one typed statement serve either.
			const table = TRIES_TABLE[kind] as 'answers';
			const row = {
				id: input.id,
				attempt_id: input.attemptId,
				question_id: input.questionId,
				try_number: input.tryNumber,
				hints_used: input.hintsUsed,
				revealed: input.revealed ? 1 : 0,
				response: JSON.stringify(input.response),
				verdict: input.verdict,
				credit: input.credit,
				points: input.points,
				final: input.final ? 1 : 0,
				created_at: input.createdAt ?? now(),
				// Left to the column's default (0) when on time.
				...(input.late ? { late: 1 } : {})
			};
			// One statement under the write rules, not a transaction: the insert is atomic on its own, and
			// the attempt's foreign key refuses a try for an attempt that does not exist (or was deleted a
			// moment before). On PostgreSQL that is one round trip instead of four (begin, a look-up of the
			// attempt, the insert, commit). Only when the insert changes nothing do reads follow.
			return write(async (): Promise<RecordAnswerResult> => {
				let inserted: AnswerRow | undefined;
				try {
					// No conflict target: any of the unique constraints turns the insert into a no-op.
					inserted = await db
						.insertInto(table)
						.values(row)
						.onConflict((oc) => oc.doNothing())
						.returningAll()
						.executeTakeFirst();
				} catch (error) {
					if (isForeignKeyViolation(error)) throw new RepositoryError('not-found', 'No such attempt.');
					throw error;
				}
				if (inserted) return { stored: true, answer: toAnswer(inserted) };
				return { stored: false, ...(await findDuplicate(db, input, table)) };
			});
		},

		/**
		 * Mark an attempt submitted with its score. Idempotent: a second submit changes nothing and
		 * returns the attempt as first submitted. Throws not-found for an unknown attempt.
		 */
		async submitAttempt(
			attemptId: string,
			input: SubmitAttemptInput
		): Promise<{ submitted: boolean; attempt: Attempt }> {
			return withWrite(async (trx) => {
				const updated = await trx
					.updateTable('attempts')
					.set({ submitted_at: input.submittedAt ?? now(), score: input.score, max_score: input.maxScore })
					.where('id', '=', attemptId)
					.where('submitted_at', 'is', null)
					.returningAll()
					.executeTakeFirst();
				if (updated) return { submitted: true, attempt: toAttempt(updated) };
				const existing = await trx.selectFrom('attempts').selectAll().where('id', '=', attemptId).executeTakeFirst();
				if (!existing) throw new RepositoryError('not-found', 'No such attempt.');
				return { submitted: false, attempt: toAttempt(existing) };
			});
		},

		/** Assignments on a module that have not been closed by hand (the caller checks due times). */
		async listUnclosedAssignmentsForModule(moduleSlug: string): Promise<Assignment[]> {
			const rows = await db
				.selectFrom('assignments')
				.selectAll()
				.where('module_slug', '=', moduleSlug)
				.where('closed_at', 'is', null)
				.execute();
			return rows.map(toAssignment);
		},

		/** Start a practice attempt; its token hash must be new. */
		async startPracticeAttempt(
			input: Omit<PracticeAttempt, 'id' | 'startedAt' | 'locked'> & { startedAt?: string; locked?: boolean }
		) {
			const row = {
				id: randomUUID(),
				token_hash: input.tokenHash,
				module_slug: input.moduleSlug,
				secret: input.secret,
				started_at: input.startedAt ?? now(),
				locked: input.locked ? 1 : 0
			};
			await withWrite((trx) => trx.insertInto('practice_attempts').values(row).execute());
			return toPracticeAttempt(row);
		},

		/**
		 * Remove practice attempts idle since `before` (ISO time): started before it, with no try and
		 * no hint recorded since. At most `batch` at a time, each batch its own short write, so that
		 * answers keep being recorded in between; returns how many were removed.
		 */
		async deleteIdlePracticeAttempts(before: string, batch = 200): Promise<number> {
			return withWrite(async (trx) => {
				const idle = await trx
					.selectFrom('practice_attempts as p')
					.select('p.id')
					.where('p.started_at', '<', before)
					.where(({ not, exists, selectFrom }) =>
						not(
							exists(
								selectFrom('practice_answers as a')
									.select('a.id')
									.whereRef('a.attempt_id', '=', 'p.id')
									.where('a.created_at', '>=', before)
							)
						)
					)
					.where(({ not, exists, selectFrom }) =>
						not(
							exists(
								selectFrom('hints as h')
									.select('h.attempt_id')
									.whereRef('h.attempt_id', '=', 'p.id')
									.where('h.created_at', '>=', before)
							)
						)
					)
					.limit(batch)
					.execute();
				const ids = idle.map((r) => r.id);
				if (ids.length === 0) return 0;
				await trx.deleteFrom('hints').where('attempt_id', 'in', ids).execute();
				await trx.deleteFrom('practice_answers').where('attempt_id', 'in', ids).execute();
				await trx.deleteFrom('practice_attempts').where('id', 'in', ids).execute();
				return ids.length;
			});
		},

		async getPracticeAttemptByToken(tokenHash: string): Promise<PracticeAttempt | undefined> {
			const row = await db
				.selectFrom('practice_attempts')
				.selectAll()
				.where('token_hash', '=', tokenHash)
				.executeTakeFirst();
			return row && toPracticeAttempt(row);
		},

		/** The tries and reveals of one question of an attempt, in the order given, and the hints served. */
		async questionLog(kind: AttemptKind, attemptId: string, questionId: string): Promise<QuestionLog> {
			const table = TRIES_TABLE[kind] as 'answers';
			const [rows, hints] = await Promise.all([
				db
					.selectFrom(table)
					.selectAll()
					.where('attempt_id', '=', attemptId)
					.where('question_id', '=', questionId)
					.orderBy('try_number')
					.orderBy('revealed')
					.execute(),
				hintsServed(attemptId, questionId).executeTakeFirstOrThrow()
			]);
			return { answers: rows.map(toAnswer), hintsUsed: Number(hints.n) };
		},

		/** Every try of an attempt, in order (practice or assignment). */
		async listTries(kind: AttemptKind, attemptId: string): Promise<Answer[]> {
			const table = TRIES_TABLE[kind] as 'answers';
			const rows = await db
				.selectFrom(table)
				.selectAll()
				.where('attempt_id', '=', attemptId)
				.orderBy('created_at')
				.orderBy('question_id')
				.orderBy('try_number')
				.orderBy('revealed')
				.execute();
			return rows.map(toAnswer);
		},

		/** Hints served per question of an attempt. */
		async hintCounts(attemptId: string): Promise<Record<string, number>> {
			const rows = await db
				.selectFrom('hints')
				.select(['question_id', (eb) => eb.fn.countAll<number | string | bigint>().as('n')])
				.where('attempt_id', '=', attemptId)
				.groupBy('question_id')
				.execute();
			return Object.fromEntries(rows.map((r) => [r.question_id, Number(r.n)]));
		},

		/**
		 * Record that hint `hintNumber` of a question was served. Hints come in order: number n is
		 * stored only when n − 1 hints are already recorded; a repeat of a stored number changes
		 * nothing. Returns how many hints are recorded afterwards.
		 *
		 * One statement under the write rules: the insert carries its own condition (the count of the
		 * hints already served), so that on PostgreSQL a hint is one round trip, not a transaction of
		 * four. Two requests for the same number meet at the primary key, and one of them stores
		 * nothing. Only when nothing is stored does a count follow.
		 */
		async recordHint(input: { attemptId: string; questionId: string; hintNumber: number; createdAt?: string }) {
			const { attemptId, questionId, hintNumber } = input;
			const served = hintsServed(attemptId, questionId);
			return write(async () => {
				const inserted = await db
					.insertInto('hints')
					.columns(['attempt_id', 'question_id', 'hint_number', 'created_at'])
					.expression(
						db
							.selectNoFrom((eb) => [
								eb.cast<string>(eb.val(attemptId), 'text').as('attempt_id'),
								eb.cast<string>(eb.val(questionId), 'text').as('question_id'),
								eb.cast<number>(eb.val(hintNumber), 'integer').as('hint_number'),
								eb.cast<string>(eb.val(input.createdAt ?? now()), 'text').as('created_at')
							])
							// SQLite needs a WHERE on an INSERT … SELECT with ON CONFLICT; this one is the rule itself.
							.where((eb) => eb(served, '=', hintNumber - 1))
					)
					.onConflict((oc) => oc.doNothing())
					.returning('hint_number')
					.executeTakeFirst();
				if (inserted) return hintNumber;
				const counted = await served.executeTakeFirstOrThrow();
				return Number(counted.n);
			});
		},

		/** One attempt's answers in the order they were given. */
		async listAnswers(attemptId: string): Promise<Answer[]> {
			const rows = await db
				.selectFrom('answers')
				.selectAll()
				.where('attempt_id', '=', attemptId)
				.orderBy('created_at')
				.orderBy('question_id')
				.orderBy('try_number')
				.orderBy('revealed')
				.execute();
			return rows.map(toAnswer);
		},

		/** Every answer of an assignment's attempts not archived (results, statistics, CSV), grouped by attempt. */
		async listAnswersForAssignment(assignmentId: string): Promise<Answer[]> {
			const rows = await db
				.selectFrom('answers')
				.innerJoin('attempts', 'attempts.id', 'answers.attempt_id')
				.where('attempts.assignment_id', '=', assignmentId)
				.where('attempts.archived_at', 'is', null)
				.selectAll('answers')
				.orderBy('attempts.started_at')
				.orderBy('answers.attempt_id')
				.orderBy('answers.created_at')
				.orderBy('answers.question_id')
				.orderBy('answers.try_number')
				.orderBy('answers.revealed')
				.execute();
			return rows.map(toAnswer);
		},

		/**
		 * Mark an answer (or, with `mark` null, remove the mark) as a new step: earlier steps and the
		 * machine's grade stay. Steps of one answer never share a time, so the latest is unambiguous.
		 * Throws not-found when the answer is not one of this assignment's.
		 */
		async recordOverride(input: {
			assignmentId: string;
			answerId: string;
			mark: TeacherMark | null;
			createdAt?: string;
		}): Promise<GradeOverride> {
			return withWrite(async (trx) => {
				const answer = await trx
					.selectFrom('answers')
					.innerJoin('attempts', 'attempts.id', 'answers.attempt_id')
					.where('answers.id', '=', input.answerId)
					.where('attempts.assignment_id', '=', input.assignmentId)
					.select(['answers.id', 'answers.attempt_id', 'answers.question_id'])
					.executeTakeFirst();
				if (!answer) throw new RepositoryError('not-found', 'There is no such answer in this assignment.');
				const latest = await trx
					.selectFrom('grade_overrides')
					.select((eb) => eb.fn.max('created_at').as('at'))
					.where('answer_id', '=', input.answerId)
					.executeTakeFirst();
				let at = input.createdAt ?? now();
				if (latest?.at && at <= latest.at) at = new Date(Date.parse(latest.at) + 1).toISOString();
				const row = await trx
					.insertInto('grade_overrides')
					.values({
						id: randomUUID(),
						answer_id: input.answerId,
						verdict: input.mark?.verdict ?? null,
						points: input.mark?.points ?? null,
						created_at: at
					})
					.returningAll()
					.executeTakeFirstOrThrow();
				return toOverride({ ...row, attempt_id: answer.attempt_id, question_id: answer.question_id });
			});
		},

		/** Every marking step of an assignment, oldest first. */
		async listOverrides(assignmentId: string): Promise<GradeOverride[]> {
			const rows = await db
				.selectFrom('grade_overrides')
				.innerJoin('answers', 'answers.id', 'grade_overrides.answer_id')
				.innerJoin('attempts', 'attempts.id', 'answers.attempt_id')
				.where('attempts.assignment_id', '=', assignmentId)
				.selectAll('grade_overrides')
				.select(['answers.attempt_id', 'answers.question_id'])
				.orderBy('grade_overrides.created_at')
				.orderBy('grade_overrides.id')
				.execute();
			return rows.map(toOverride);
		},

		/**
		 * Accept answers for everyone on one question; one already accepted is kept as it was.
		 * Returns the entries newly added. Throws not-found for an unknown assignment.
		 */
		async acceptAnswers(
			assignmentId: string,
			questionId: string,
			entries: readonly NewAcceptedAnswer[],
			createdAt?: string
		): Promise<AcceptedAnswer[]> {
			return withWrite(async (trx) => {
				const assignment = await trx
					.selectFrom('assignments')
					.select('id')
					.where('id', '=', assignmentId)
					.executeTakeFirst();
				if (!assignment) throw new RepositoryError('not-found', 'No such assignment.');
				const added: AcceptedAnswer[] = [];
				for (const entry of entries) {
					const row = await trx
						.insertInto('accepted_answers')
						.values({
							id: randomUUID(),
							assignment_id: assignmentId,
							question_id: questionId,
							part: entry.part,
							key: entry.key,
							shown: entry.shown,
							created_at: createdAt ?? now()
						})
						.onConflict((oc) => oc.doNothing())
						.returningAll()
						.executeTakeFirst();
					if (row) added.push(toAccepted(row));
				}
				return added;
			});
		},

		/** The answers accepted for everyone in an assignment (or on one of its questions), oldest first. */
		async listAcceptedAnswers(assignmentId: string, questionId?: string): Promise<AcceptedAnswer[]> {
			let query = db.selectFrom('accepted_answers').selectAll().where('assignment_id', '=', assignmentId);
			if (questionId !== undefined) query = query.where('question_id', '=', questionId);
			const rows = await query.orderBy('created_at').orderBy('id').execute();
			return rows.map(toAccepted);
		},

		/** Stop accepting an answer for everyone; false when it was not accepted in this assignment. */
		async removeAcceptedAnswer(assignmentId: string, id: string): Promise<boolean> {
			const deleted = await withWrite((trx) =>
				trx
					.deleteFrom('accepted_answers')
					.where('assignment_id', '=', assignmentId)
					.where('id', '=', id)
					.executeTakeFirst()
			);
			return deleted.numDeletedRows > 0n;
		},

		/**
		 * Write (or rewrite) the teacher's comment to a student of this assignment. Undefined when the
		 * student is not (or no longer) in it.
		 */
		async setStudentComment(
			assignmentId: string,
			studentId: string,
			text: string,
			at: string = now()
		): Promise<StudentComment | undefined> {
			return withWrite(async (trx) => {
				const student = await trx
					.selectFrom('students')
					.select('id')
					.where('id', '=', studentId)
					.where('assignment_id', '=', assignmentId)
					.executeTakeFirst();
				if (!student) return undefined;
				const row = await trx
					.insertInto('student_comments')
					.values({ student_id: studentId, assignment_id: assignmentId, text, updated_at: at })
					.onConflict((oc) => oc.column('student_id').doUpdateSet({ text, updated_at: at }))
					.returningAll()
					.executeTakeFirstOrThrow();
				return toComment(row);
			});
		},

		/** Remove the teacher's comment to a student; false when there was none. */
		async removeStudentComment(assignmentId: string, studentId: string): Promise<boolean> {
			const deleted = await withWrite((trx) =>
				trx
					.deleteFrom('student_comments')
					.where('assignment_id', '=', assignmentId)
					.where('student_id', '=', studentId)
					.executeTakeFirst()
			);
			return deleted.numDeletedRows > 0n;
		},

		/** The teacher's comments to the students of an assignment. */
		async listStudentComments(assignmentId: string): Promise<StudentComment[]> {
			const rows = await db
				.selectFrom('student_comments')
				.selectAll()
				.where('assignment_id', '=', assignmentId)
				.orderBy('student_id')
				.execute();
			return rows.map(toComment);
		},

		/** The teacher's comment to one student, if any. */
		async getStudentComment(studentId: string): Promise<StudentComment | undefined> {
			const row = await db
				.selectFrom('student_comments')
				.selectAll()
				.where('student_id', '=', studentId)
				.executeTakeFirst();
			return row && toComment(row);
		}
	};
}

function toComment(row: StudentCommentRow): StudentComment {
	return { studentId: row.student_id, assignmentId: row.assignment_id, text: row.text, updatedAt: row.updated_at };
}

type Reader = Kysely<Database> | Tx;

function findStudentByKey(trx: Reader, assignmentId: string, key: string): Promise<StudentRow | undefined> {
	return trx
		.selectFrom('students')
		.selectAll()
		.where('assignment_id', '=', assignmentId)
		.where('name_key', '=', key)
		.executeTakeFirst();
}

function liveAttempts(trx: Reader, studentId: string): Promise<AttemptRow[]> {
	return trx
		.selectFrom('attempts')
		.selectAll()
		.where('student_id', '=', studentId)
		.where('archived_at', 'is', null)
		.orderBy('attempt_number')
		.execute();
}

async function deviceOf(trx: Reader, studentId: string, deviceHash: string): Promise<boolean> {
	const row = await trx
		.selectFrom('student_devices')
		.select('student_id')
		.where('student_id', '=', studentId)
		.where('device_hash', '=', deviceHash)
		.executeTakeFirst();
	return row !== undefined;
}

/** The stored answer a rejected insert collided with, and which rule it broke. */
async function findDuplicate(
	trx: Reader,
	input: NewAnswer,
	table: 'answers'
): Promise<{ reason: DuplicateReason; answer: Answer }> {
	const sameId = await trx.selectFrom(table).selectAll().where('id', '=', input.id).executeTakeFirst();
	if (sameId) {
		// Never hand one attempt's answer to another that happens to (or pretends to) reuse its id.
		if (sameId.attempt_id !== input.attemptId)
			throw new RepositoryError('conflict', 'This answer id belongs to another attempt.');
		return { reason: 'same-id', answer: toAnswer(sameId) };
	}
	const sameTry = await trx
		.selectFrom(table)
		.selectAll()
		.where('attempt_id', '=', input.attemptId)
		.where('question_id', '=', input.questionId)
		.where('try_number', '=', input.tryNumber)
		.where('revealed', '=', input.revealed ? 1 : 0)
		.executeTakeFirst();
	if (sameTry) return { reason: 'same-try', answer: toAnswer(sameTry) };
	const final = await trx
		.selectFrom(table)
		.selectAll()
		.where('attempt_id', '=', input.attemptId)
		.where('question_id', '=', input.questionId)
		.where('final', '=', 1)
		.executeTakeFirst();
	if (final) return { reason: 'already-final', answer: toAnswer(final) };
	// The row it collided with was deleted in between (the teacher deleted the class's data).
	throw new RepositoryError('conflict', 'This answer collided with one that no longer exists.');
}

function toAssignment(row: AssignmentRow): Assignment {
	return {
		id: row.id,
		studentCode: row.student_code,
		resultsHash: row.results_hash,
		moduleSlug: row.module_slug,
		title: row.title,
		settings: assignmentSettings.parse(JSON.parse(row.settings)),
		createdAt: row.created_at,
		closedAt: row.closed_at,
		releasedAt: row.released_at
	};
}

function toStudent(row: StudentRow): Student {
	return {
		id: row.id,
		assignmentId: row.assignment_id,
		nameKey: row.name_key,
		displayName: row.display_name,
		hasCode: row.resume_hash !== null,
		extraAttempts: Number(row.extra_attempts),
		flaggedStarts: Number(row.flagged_starts),
		lastFlaggedAt: row.last_flagged_at,
		createdAt: row.created_at
	};
}

function toPracticeAttempt(row: {
	id: string;
	token_hash: string;
	module_slug: string;
	secret: string;
	started_at: string;
	locked: number;
}): PracticeAttempt {
	return {
		id: row.id,
		tokenHash: row.token_hash,
		moduleSlug: row.module_slug,
		secret: row.secret,
		startedAt: row.started_at,
		locked: Number(row.locked) === 1
	};
}

function toAttempt(row: AttemptRow): Attempt {
	return {
		id: row.id,
		assignmentId: row.assignment_id,
		studentId: row.student_id ?? '',
		attemptNumber: Number(row.attempt_number ?? 0),
		displayName: row.display_name,
		deviceHash: row.device_hash,
		seed: row.seed,
		startedAt: row.started_at,
		submittedAt: row.submitted_at,
		score: row.score === null ? null : Number(row.score),
		maxScore: row.max_score === null ? null : Number(row.max_score),
		archivedAt: row.archived_at
	};
}

function toAnswer(row: AnswerRow): Answer {
	return {
		id: row.id,
		attemptId: row.attempt_id,
		questionId: row.question_id,
		tryNumber: Number(row.try_number),
		hintsUsed: Number(row.hints_used),
		revealed: Number(row.revealed) === 1,
		response: JSON.parse(row.response) as Response | null,
		verdict: row.verdict as Verdict,
		credit: Number(row.credit),
		points: row.points === null ? null : Number(row.points),
		final: Number(row.final) === 1,
		createdAt: row.created_at,
		late: Number(row.late) === 1
	};
}

function toOverride(row: GradeOverrideRow & { attempt_id: string; question_id: string }): GradeOverride {
	return {
		id: row.id,
		answerId: row.answer_id,
		attemptId: row.attempt_id,
		questionId: row.question_id,
		mark:
			row.verdict === null || row.points === null
				? null
				: { verdict: row.verdict as Verdict, points: Number(row.points) },
		createdAt: row.created_at
	};
}

function toAccepted(row: AcceptedAnswerRow): AcceptedAnswer {
	return {
		id: row.id,
		assignmentId: row.assignment_id,
		questionId: row.question_id,
		part: row.part,
		key: row.key,
		shown: row.shown,
		createdAt: row.created_at
	};
}

function errorCode(error: unknown): string {
	if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string')
		return error.code;
	return '';
}

function isUniqueViolation(error: unknown): boolean {
	const code = errorCode(error);
	return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** A row refused for naming a parent row that does not exist. */
function isForeignKeyViolation(error: unknown): boolean {
	const code = errorCode(error);
	return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
