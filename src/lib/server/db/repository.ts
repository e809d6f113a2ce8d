/**
 * Every read and write of assignments, attempts and answers. Routes call this and nothing else
 * touches the tables. Values always travel as bound parameters (Kysely builds every statement);
 * every write runs in a transaction through `withWrite`.
 *
 * Idempotency is the point of this layer: the browser generates attempt and answer ids, and a
 * post that arrives twice, late, or out of order is applied at most once. The database enforces
 * it with unique constraints (answer id; attempt + question + try + reveal, so "show the answer"
 * after a graded try is a record of its own; one final answer per question)
 * and `ON CONFLICT DO NOTHING`, so it holds across concurrent requests and server processes.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Response } from '../../scoring/response.ts';
import type { Verdict } from '../../scoring/types.ts';
import { generateStudentCode } from './codes.ts';
import { writePolicy } from './unavailable.ts';
import {
	assignmentSettings,
	type AnswerRow,
	type AssignmentRow,
	type AssignmentSettings,
	type AttemptRow,
	type Database
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
	displayName: string;
	deviceHash: string;
	seed: string;
	startedAt: string;
	submittedAt: string | null;
	score: number | null;
	maxScore: number | null;
}

export interface NewAttempt {
	/** Client-generated uuid. */
	id: string;
	assignmentId: string;
	displayName: string;
	deviceHash: string;
	seed: string;
	startedAt?: string;
}

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
}

export type NewAnswer = Omit<Answer, 'createdAt'> & { createdAt?: string };

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

	return {
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

		/** Delete every attempt of an assignment and, through the cascade, every answer. */
		async deleteAssignmentData(assignmentId: string): Promise<{ attempts: number; answers: number }> {
			return withWrite(async (trx) => {
				const counted = await trx
					.selectFrom('answers')
					.innerJoin('attempts', 'attempts.id', 'answers.attempt_id')
					.where('attempts.assignment_id', '=', assignmentId)
					.select((eb) => eb.fn.countAll().as('n'))
					.executeTakeFirstOrThrow();
				const deleted = await trx.deleteFrom('attempts').where('assignment_id', '=', assignmentId).executeTakeFirst();
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
					.select('display_name')
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
				return { displayName: attempt.display_name, answers: Number(counted.n) };
			});
		},

		/** Delete the assignment itself with all its data; its links then find nothing. */
		async deleteAssignment(id: string): Promise<boolean> {
			const deleted = await withWrite((trx) => trx.deleteFrom('assignments').where('id', '=', id).executeTakeFirst());
			return deleted.numDeletedRows > 0n;
		},

		/**
		 * Start an attempt, or return the one already started under this id (a retried post).
		 * Throws not-found for an unknown assignment, conflict when the id belongs to another one.
		 */
		async startAttempt(input: NewAttempt): Promise<{ created: boolean; attempt: Attempt }> {
			return withWrite(async (trx) => {
				const assignment = await trx
					.selectFrom('assignments')
					.select('id')
					.where('id', '=', input.assignmentId)
					.executeTakeFirst();
				if (!assignment) throw new RepositoryError('not-found', 'No such assignment.');
				const inserted = await trx
					.insertInto('attempts')
					.values({
						id: input.id,
						assignment_id: input.assignmentId,
						display_name: input.displayName,
						device_hash: input.deviceHash,
						seed: input.seed,
						started_at: input.startedAt ?? now(),
						submitted_at: null,
						score: null,
						max_score: null
					})
					.onConflict((oc) => oc.column('id').doNothing())
					.returningAll()
					.executeTakeFirst();
				if (inserted) return { created: true, attempt: toAttempt(inserted) };
				const existing = await trx
					.selectFrom('attempts')
					.selectAll()
					.where('id', '=', input.id)
					.executeTakeFirstOrThrow();
				if (existing.assignment_id !== input.assignmentId)
					throw new RepositoryError('conflict', 'This attempt id belongs to another assignment.');
				return { created: false, attempt: toAttempt(existing) };
			});
		},

		async getAttempt(id: string): Promise<Attempt | undefined> {
			const row = await db.selectFrom('attempts').selectAll().where('id', '=', id).executeTakeFirst();
			return row && toAttempt(row);
		},

		/** A device's attempts at an assignment, oldest first: the last one is the one to resume. */
		async findAttemptsByDevice(assignmentId: string, deviceHash: string): Promise<Attempt[]> {
			const rows = await db
				.selectFrom('attempts')
				.selectAll()
				.where('assignment_id', '=', assignmentId)
				.where('device_hash', '=', deviceHash)
				.orderBy('started_at')
				.orderBy('id')
				.execute();
			return rows.map(toAttempt);
		},

		/** The class table: every attempt with its answer count and points so far, oldest first. */
		async listAttempts(assignmentId: string): Promise<AttemptSummary[]> {
			const rows = await db
				.selectFrom('attempts')
				.leftJoin('answers', 'answers.attempt_id', 'attempts.id')
				.where('attempts.assignment_id', '=', assignmentId)
				.groupBy('attempts.id')
				.selectAll('attempts')
				.select((eb) => [
					eb.fn.count<number | string | bigint>('answers.id').as('answer_count'),
					eb.fn
						.sum<number | string | null>(eb.case().when('answers.final', '=', 1).then(1).else(0).end())
						.as('finished_count'),
					eb.fn
						.sum<number | string | null>(eb.case().when('answers.final', '=', 1).then(eb.ref('answers.points')).end())
						.as('points'),
					eb.fn.max('answers.created_at').as('last_answer_at')
				])
				.orderBy('attempts.started_at')
				.orderBy('attempts.id')
				.execute();
			return rows.map((row) => ({
				...toAttempt(row),
				answerCount: Number(row.answer_count),
				finishedCount: Number(row.finished_count ?? 0),
				points: Number(row.points ?? 0),
				lastAnswerAt: row.last_answer_at ?? null
			}));
		},

		/**
		 * Store one answer, at most once. A repeat of a stored id, a second answer to the same try (or
		 * a second reveal at it), or a second final answer to a question is not stored; the stored
		 * answer comes back instead. A reveal carries the number of the try it follows, beside it.
		 * Throws not-found when the attempt does not exist.
		 */
		async recordAnswer(input: NewAnswer): Promise<RecordAnswerResult> {
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
				created_at: input.createdAt ?? now()
			};
			return withWrite(async (trx): Promise<RecordAnswerResult> => {
				const attempt = await trx
					.selectFrom('attempts')
					.select('id')
					.where('id', '=', input.attemptId)
					.executeTakeFirst();
				if (!attempt) throw new RepositoryError('not-found', 'No such attempt.');
				// No conflict target: any of the unique constraints turns the insert into a no-op.
				const inserted = await trx
					.insertInto('answers')
					.values(row)
					.onConflict((oc) => oc.doNothing())
					.returningAll()
					.executeTakeFirst();
				if (inserted) return { stored: true, answer: toAnswer(inserted) };
				return { stored: false, ...(await findDuplicate(trx, input)) };
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

		/** Every answer of an assignment (results, statistics, CSV), grouped by attempt. */
		async listAnswersForAssignment(assignmentId: string): Promise<Answer[]> {
			const rows = await db
				.selectFrom('answers')
				.innerJoin('attempts', 'attempts.id', 'answers.attempt_id')
				.where('attempts.assignment_id', '=', assignmentId)
				.selectAll('answers')
				.orderBy('attempts.started_at')
				.orderBy('answers.attempt_id')
				.orderBy('answers.created_at')
				.orderBy('answers.question_id')
				.orderBy('answers.try_number')
				.orderBy('answers.revealed')
				.execute();
			return rows.map(toAnswer);
		}
	};
}

/** The stored answer a rejected insert collided with, and which rule it broke. */
async function findDuplicate(trx: Tx, input: NewAnswer): Promise<{ reason: DuplicateReason; answer: Answer }> {
	const sameId = await trx.selectFrom('answers').selectAll().where('id', '=', input.id).executeTakeFirst();
	if (sameId) {
		// Never hand one attempt's answer to another that happens to (or pretends to) reuse its id.
		if (sameId.attempt_id !== input.attemptId)
			throw new RepositoryError('conflict', 'This answer id belongs to another attempt.');
		return { reason: 'same-id', answer: toAnswer(sameId) };
	}
	const sameTry = await trx
		.selectFrom('answers')
		.selectAll()
		.where('attempt_id', '=', input.attemptId)
		.where('question_id', '=', input.questionId)
		.where('try_number', '=', input.tryNumber)
		.where('revealed', '=', input.revealed ? 1 : 0)
		.executeTakeFirst();
	if (sameTry) return { reason: 'same-try', answer: toAnswer(sameTry) };
	const final = await trx
		.selectFrom('answers')
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

function toAttempt(row: AttemptRow): Attempt {
	return {
		id: row.id,
		assignmentId: row.assignment_id,
		displayName: row.display_name,
		deviceHash: row.device_hash,
		seed: row.seed,
		startedAt: row.started_at,
		submittedAt: row.submitted_at,
		score: row.score === null ? null : Number(row.score),
		maxScore: row.max_score === null ? null : Number(row.max_score)
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
