/**
 * The attempts database as Kysely sees it: one interface per table, columns in snake_case exactly
 * as stored. Both dialects hold the same shapes: timestamps are ISO 8601 strings (UTC, from
 * `Date.prototype.toISOString`, so they sort as text), booleans are 0/1 integers, JSON is text.
 * The repository maps these rows to the camelCase domain types it exports.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import { z } from 'zod';

export interface AssignmentsTable {
	id: string;
	/** Short code in the student link; unique. */
	student_code: string;
	/** SHA-256 hex of the results secret; the secret itself is never stored. */
	results_hash: string;
	module_slug: string;
	title: string;
	/** JSON text of AssignmentSettings. */
	settings: string;
	created_at: string;
	closed_at: string | null;
	released_at: string | null;
}

export interface AttemptsTable {
	/** Client-generated uuid, so a retried start is the same attempt. */
	id: string;
	assignment_id: string;
	display_name: string;
	/** Hash of the token of the device that started it. */
	device_hash: string;
	/** The student (students.id) it belongs to; null only in rows the repository never writes. */
	student_id: string | null;
	/** 1, 2, … per student; unique among the student's attempts that are not archived. */
	attempt_number: number | null;
	/** When the teacher reset the student: the attempt is kept but no longer counts or shows. */
	archived_at: string | null;
	/** Seed of the shuffling and public labelling the student sees. */
	seed: string;
	started_at: string;
	submitted_at: string | null;
	score: number | null;
	max_score: number | null;
}

export interface AnswersTable {
	/** Client-generated uuid: a repeated post of the same answer is stored once. */
	id: string;
	attempt_id: string;
	question_id: string;
	try_number: number;
	hints_used: number;
	/** 0 or 1. */
	revealed: number;
	/** JSON text of the Response the student sent, or 'null' for a reveal without an answer. */
	response: string;
	verdict: string;
	credit: number;
	points: number | null;
	/** 0 or 1: no more tries on this question after this answer. */
	final: number;
	created_at: string;
	/** 0 or 1: reached the server after the deadline's grace period. */
	late: Generated<number>;
}

export interface StudentsTable {
	id: string;
	assignment_id: string;
	/** The normalised name (see nameKey) that makes two starts the same student. */
	name_key: string;
	display_name: string;
	/** SHA-256 hex of the resume code (salted with the assignment and name); null until one is issued. */
	resume_hash: string | null;
	/** Attempts the teacher allowed beyond the assignment's limit. */
	extra_attempts: Generated<number>;
	/** Starts under this name from a device that could not give the resume code. */
	flagged_starts: Generated<number>;
	last_flagged_at: string | null;
	created_at: string;
}

export interface StudentDevicesTable {
	student_id: string;
	/** SHA-256 hex of a device token that may act for the student. */
	device_hash: string;
	created_at: string;
}

/** One step of the teacher's marking of an answer; the latest step for an answer is in force. */
export interface GradeOverridesTable {
	id: string;
	answer_id: string;
	/** 'correct', 'partial' or 'incorrect'; null with points for the step that removes the mark. */
	verdict: string | null;
	points: number | null;
	created_at: string;
}

/** An answer the teacher accepts as right for everyone in an assignment. */
export interface AcceptedAnswersTable {
	id: string;
	assignment_id: string;
	question_id: string;
	/** '' for the whole response; a cloze blank's id for one blank. */
	part: string;
	/** Normalised text, or the response written in author ids (see scoring/accepted.ts). */
	key: string;
	/** The answer in the words the teacher accepted. */
	shown: string;
	created_at: string;
}

/** The teacher's comment to one student of an assignment, shown in the student's report. */
export interface StudentCommentsTable {
	student_id: string;
	assignment_id: string;
	/** As the teacher wrote it (trimmed, NFC, \n line ends); escaped wherever it is shown. */
	text: string;
	updated_at: string;
}

/** A practice attempt: a student working through a module on their own, kept by the server. */
export interface PracticeAttemptsTable {
	/** Server-generated uuid. */
	id: string;
	/** SHA-256 hex of the token the browser keeps; the token itself is never stored. */
	token_hash: string;
	module_slug: string;
	/** Secret of this attempt's option order; never sent to the browser. */
	secret: string;
	started_at: string;
	/** 1 when it began while a class's assignment locked the lesson's practice (no verdicts). */
	locked: Generated<number>;
}

/** One hint served for a question of an attempt (practice or assignment), numbered from 1. */
export interface HintsTable {
	attempt_id: string;
	question_id: string;
	hint_number: number;
	created_at: string;
}

/** Migration bookkeeping tables belong to Kysely and are left out on purpose. */
export interface Database {
	assignments: AssignmentsTable;
	attempts: AttemptsTable;
	answers: AnswersTable;
	students: StudentsTable;
	student_devices: StudentDevicesTable;
	grade_overrides: GradeOverridesTable;
	accepted_answers: AcceptedAnswersTable;
	student_comments: StudentCommentsTable;
	practice_attempts: PracticeAttemptsTable;
	/** The tries of practice attempts: the same columns and rules as answers. */
	practice_answers: AnswersTable;
	hints: HintsTable;
	server_keys: { name: string; value: string };
	/** One counted event of a rate limit (ms since the epoch); see assignments/rate-limit.ts. */
	rate_events: { scope: string; key: string; at: number };
}

export type AssignmentRow = Selectable<AssignmentsTable>;
export type AttemptRow = Selectable<AttemptsTable>;
export type AnswerRow = Selectable<AnswersTable>;
export type StudentRow = Selectable<StudentsTable>;
export type GradeOverrideRow = Selectable<GradeOverridesTable>;
export type AcceptedAnswerRow = Selectable<AcceptedAnswersTable>;
export type StudentCommentRow = Selectable<StudentCommentsTable>;
export type NewAssignmentRow = Insertable<AssignmentsTable>;
export type NewAttemptRow = Insertable<AttemptsTable>;
export type NewAnswerRow = Insertable<AnswersTable>;
export type AssignmentRowUpdate = Updateable<AssignmentsTable>;

/** When a student sees correctness, scores and solutions. */
export const feedbackModes = ['immediate', 'after-submit', 'on-release'] as const;
export type FeedbackMode = (typeof feedbackModes)[number];

/** The teacher's choices for one assignment, stored as JSON in assignments.settings. */
export const assignmentSettings = z.strictObject({
	feedback: z.enum(feedbackModes),
	attemptsAllowed: z.int().min(1).max(100),
	triesPerQuestion: z.int().min(1).max(10),
	hintsEnabled: z.boolean(),
	/** ISO 8601 time after which the link says the assignment is closed; null for none. */
	dueAt: z.iso.datetime({ offset: true }).nullable(),
	/** Shuffle the order of the questions within each section (options are always shuffled per attempt). */
	shuffle: z.boolean(),
	/**
	 * While the assignment is open and holds feedback back, the module's practice shows no verdicts,
	 * solutions or explanations. Absent in assignments made before the choice existed: then it
	 * follows the feedback setting (on when feedback is held back).
	 */
	lockPractice: z.boolean().optional()
});
export type AssignmentSettings = z.infer<typeof assignmentSettings>;
