/**
 * Schema migrations as code, in this file, so the built server carries them and needs no
 * migration folder on disk. Kysely runs them in name order and records each one in its
 * `kysely_migration` table, so applying them on every start is idempotent.
 *
 * Rules for adding one: append a new entry with the next number; never edit or rename an entry
 * that has shipped; write DDL that both SQLite and PostgreSQL accept (`double precision` has REAL
 * affinity in SQLite; booleans are integers; timestamps are ISO text).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import { nameKey } from '../../student-identity.ts';

// Migrations see the database as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export const migrations: Record<string, Migration> = {
	'0001_assignments_attempts_answers': {
		async up(db: AnyDb) {
			await db.schema
				.createTable('assignments')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('student_code', 'text', (c) => c.notNull().unique())
				.addColumn('results_hash', 'text', (c) => c.notNull().unique())
				.addColumn('module_slug', 'text', (c) => c.notNull())
				.addColumn('title', 'text', (c) => c.notNull())
				.addColumn('settings', 'text', (c) => c.notNull())
				.addColumn('created_at', 'text', (c) => c.notNull())
				.addColumn('closed_at', 'text')
				.addColumn('released_at', 'text')
				.execute();

			await db.schema
				.createTable('attempts')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id').onDelete('cascade'))
				.addColumn('display_name', 'text', (c) => c.notNull())
				.addColumn('device_hash', 'text', (c) => c.notNull())
				.addColumn('seed', 'text', (c) => c.notNull())
				.addColumn('started_at', 'text', (c) => c.notNull())
				.addColumn('submitted_at', 'text')
				.addColumn('score', 'double precision')
				.addColumn('max_score', 'double precision')
				.execute();
			await db.schema
				.createIndex('attempts_assignment_device')
				.on('attempts')
				.columns(['assignment_id', 'device_hash'])
				.execute();

			await db.schema
				.createTable('answers')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('attempt_id', 'text', (c) => c.notNull().references('attempts.id').onDelete('cascade'))
				.addColumn('question_id', 'text', (c) => c.notNull())
				.addColumn('try_number', 'integer', (c) => c.notNull())
				.addColumn('hints_used', 'integer', (c) => c.notNull().defaultTo(0))
				.addColumn('revealed', 'integer', (c) => c.notNull().defaultTo(0))
				.addColumn('response', 'text', (c) => c.notNull())
				.addColumn('verdict', 'text', (c) => c.notNull())
				.addColumn('credit', 'double precision', (c) => c.notNull())
				.addColumn('points', 'double precision')
				.addColumn('final', 'integer', (c) => c.notNull().defaultTo(0))
				.addColumn('created_at', 'text', (c) => c.notNull())
				// Also the index for "answers of an attempt", through its leading column.
				.addUniqueConstraint('answers_attempt_question_try', ['attempt_id', 'question_id', 'try_number'])
				.execute();
			// At most one final answer per question of an attempt: scores sum final answers, so a
			// second one (a late try after the last, a replayed reveal) must never be stored.
			await db.schema
				.createIndex('answers_one_final')
				.on('answers')
				.columns(['attempt_id', 'question_id'])
				.unique()
				.where(sql.ref('final'), '=', 1)
				.execute();
		},
		async down(db: AnyDb) {
			await db.schema.dropTable('answers').ifExists().execute();
			await db.schema.dropTable('attempts').ifExists().execute();
			await db.schema.dropTable('assignments').ifExists().execute();
		}
	},
	// "Show the answer" after a wrong try is stored with that try's number: it is not a try of its
	// own. One answer per (attempt, question, try) would turn it away as a repeat of the try, so the
	// key now tells a graded try from a reveal. SQLite cannot change a table's constraint in place,
	// so the table is rebuilt the same way on both databases (the migrator wraps this in one transaction).
	'0002_answers_reveal_own_record': {
		async up(db: AnyDb) {
			await createAnswersTable(db, 'answers_next', 'answers_attempt_question_try_reveal', [
				'attempt_id',
				'question_id',
				'try_number',
				'revealed'
			]);
			await copyAnswers(db, 'answers', 'answers_next');
			await db.schema.dropTable('answers').execute();
			await db.schema.alterTable('answers_next').renameTo('answers').execute();
			await createOneFinalIndex(db);
		},
		async down(db: AnyDb) {
			// A reveal that shares its try number with a graded try cannot survive the older key.
			await db
				.deleteFrom('answers')
				.where('revealed', '=', 1)
				.where((eb) =>
					eb.exists(
						eb
							.selectFrom('answers as tried')
							.select('tried.id')
							.whereRef('tried.attempt_id', '=', 'answers.attempt_id')
							.whereRef('tried.question_id', '=', 'answers.question_id')
							.whereRef('tried.try_number', '=', 'answers.try_number')
							.where('tried.revealed', '=', 0)
					)
				)
				.execute();
			await createAnswersTable(db, 'answers_prev', 'answers_attempt_question_try', [
				'attempt_id',
				'question_id',
				'try_number'
			]);
			await copyAnswers(db, 'answers', 'answers_prev');
			await db.schema.dropTable('answers').execute();
			await db.schema.alterTable('answers_prev').renameTo('answers').execute();
			await createOneFinalIndex(db);
		}
	},
	// The server keeps every attempt, practice included. A practice attempt is a row with the hash of
	// an unguessable token the browser keeps, the module and the secret its options are shuffled with;
	// its tries live in practice_answers, the same shape and uniqueness rules as an assignment's
	// answers (one row per try, one final per question), so the database numbers tries the same way
	// for both. Hints served, for either kind of attempt, are rows of their own in hints (attempt ids
	// are uuids of both kinds and never collide), keyed so that a hint is charged once. The key that
	// makes public question ids opaque is made here, once, so every server process shares it.
	'0003_server_attempt_log': {
		async up(db: AnyDb) {
			await db.schema
				.createTable('practice_attempts')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('token_hash', 'text', (c) => c.notNull().unique())
				.addColumn('module_slug', 'text', (c) => c.notNull())
				.addColumn('secret', 'text', (c) => c.notNull())
				.addColumn('started_at', 'text', (c) => c.notNull())
				.execute();
			await createAnswersTable(
				db,
				'practice_answers',
				'practice_answers_attempt_question_try_reveal',
				['attempt_id', 'question_id', 'try_number', 'revealed'],
				'practice_attempts.id'
			);
			await db.schema
				.createIndex('practice_answers_one_final')
				.on('practice_answers')
				.columns(['attempt_id', 'question_id'])
				.unique()
				.where(sql.ref('final'), '=', 1)
				.execute();
			await db.schema
				.createTable('hints')
				.addColumn('attempt_id', 'text', (c) => c.notNull())
				.addColumn('question_id', 'text', (c) => c.notNull())
				.addColumn('hint_number', 'integer', (c) => c.notNull())
				.addColumn('created_at', 'text', (c) => c.notNull())
				.addPrimaryKeyConstraint('hints_attempt_question_number', ['attempt_id', 'question_id', 'hint_number'])
				.execute();
			// Keys the server signs public ids with (question ids a student sees are HMACs under one).
			await db.schema
				.createTable('server_keys')
				.addColumn('name', 'text', (c) => c.primaryKey())
				.addColumn('value', 'text', (c) => c.notNull())
				.execute();
			await db
				.insertInto('server_keys')
				.values({ name: 'public-ids', value: randomBytes(32).toString('base64url') })
				.execute();
			await db.schema.createIndex('assignments_module').on('assignments').column('module_slug').execute();
		},
		async down(db: AnyDb) {
			await db.schema.dropIndex('assignments_module').ifExists().execute();
			await db.schema.dropTable('server_keys').ifExists().execute();
			await db.schema.dropTable('hints').ifExists().execute();
			await db.schema.dropTable('practice_answers').ifExists().execute();
			await db.schema.dropTable('practice_attempts').ifExists().execute();
		}
	},
	// Attempts belong to a student, not to a device. A student is an assignment plus a normalised
	// name (see student-identity.ts) with a resume code stored only as a hash; the devices that
	// proved the code (or started the student) are listed beside it. Each attempt gets a number per
	// student, unique among the attempts not archived by a reset, so concurrent starts can never make
	// two attempt 1s: the limit holds because numbers above it are never inserted. Answers that reach
	// the server after the deadline's grace period are marked late.
	'0004_students_attempt_numbers_late_answers': {
		async up(db: AnyDb) {
			await db.schema
				.createTable('students')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id').onDelete('cascade'))
				.addColumn('name_key', 'text', (c) => c.notNull())
				.addColumn('display_name', 'text', (c) => c.notNull())
				.addColumn('resume_hash', 'text')
				.addColumn('extra_attempts', 'integer', (c) => c.notNull().defaultTo(0))
				.addColumn('flagged_starts', 'integer', (c) => c.notNull().defaultTo(0))
				.addColumn('last_flagged_at', 'text')
				.addColumn('created_at', 'text', (c) => c.notNull())
				.addUniqueConstraint('students_assignment_name', ['assignment_id', 'name_key'])
				.execute();
			await db.schema
				.createTable('student_devices')
				.addColumn('student_id', 'text', (c) => c.notNull().references('students.id').onDelete('cascade'))
				.addColumn('device_hash', 'text', (c) => c.notNull())
				.addColumn('created_at', 'text', (c) => c.notNull())
				.addPrimaryKeyConstraint('student_devices_pk', ['student_id', 'device_hash'])
				.execute();
			await db.schema.createIndex('student_devices_device').on('student_devices').column('device_hash').execute();
			// No foreign key on student_id: SQLite cannot drop a column that has one, and deleting the
			// assignment removes both the attempts and the students through their own cascades.
			await db.schema.alterTable('attempts').addColumn('student_id', 'text').execute();
			await db.schema.alterTable('attempts').addColumn('attempt_number', 'integer').execute();
			await db.schema.alterTable('attempts').addColumn('archived_at', 'text').execute();
			await db.schema
				.alterTable('answers')
				.addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
				.execute();

			// Existing attempts: one student per assignment and normalised name, numbered by start.
			const rows: {
				id: string;
				assignment_id: string;
				display_name: string;
				device_hash: string;
				started_at: string;
			}[] = await db
				.selectFrom('attempts')
				.select(['id', 'assignment_id', 'display_name', 'device_hash', 'started_at'])
				.orderBy('assignment_id')
				.orderBy('started_at')
				.orderBy('id')
				.execute();
			const students = new Map<string, { id: string; count: number; devices: Set<string> }>();
			for (const row of rows) {
				const key = `${row.assignment_id}\n${nameKey(row.display_name)}`;
				let student = students.get(key);
				if (!student) {
					student = { id: randomUUID(), count: 0, devices: new Set() };
					students.set(key, student);
					await db
						.insertInto('students')
						.values({
							id: student.id,
							assignment_id: row.assignment_id,
							name_key: nameKey(row.display_name),
							display_name: row.display_name,
							resume_hash: null,
							created_at: row.started_at
						})
						.execute();
				}
				if (!student.devices.has(row.device_hash)) {
					student.devices.add(row.device_hash);
					await db
						.insertInto('student_devices')
						.values({ student_id: student.id, device_hash: row.device_hash, created_at: row.started_at })
						.execute();
				}
				student.count += 1;
				await db
					.updateTable('attempts')
					.set({ student_id: student.id, attempt_number: student.count })
					.where('id', '=', row.id)
					.execute();
			}
			await db.schema
				.createIndex('attempts_student_number')
				.on('attempts')
				.columns(['student_id', 'attempt_number'])
				.unique()
				.where(sql.ref('archived_at'), 'is', null)
				.execute();
		},
		async down(db: AnyDb) {
			// The older schema has no reset: an archived attempt would count again, so it goes.
			await db.deleteFrom('attempts').where('archived_at', 'is not', null).execute();
			await db.schema.dropIndex('attempts_student_number').execute();
			await db.schema.alterTable('attempts').dropColumn('archived_at').execute();
			await db.schema.alterTable('attempts').dropColumn('attempt_number').execute();
			await db.schema.alterTable('attempts').dropColumn('student_id').execute();
			await db.schema.alterTable('answers').dropColumn('late').execute();
			await db.schema.dropTable('student_devices').execute();
			await db.schema.dropTable('students').execute();
		}
	},
	// The teacher has the last word. A teacher's mark on an answer is a step of its own beside the
	// machine's grade, never written over it: each change (and each removal, a step with no points)
	// is a new row, so the history stays. Answers the teacher accepts for everyone are kept per
	// assignment and question, keyed by the normalised text (or the response in author ids), and
	// apply to every answer given before or after.
	'0005_grade_overrides_accepted_answers': {
		async up(db: AnyDb) {
			await db.schema
				.createTable('grade_overrides')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('answer_id', 'text', (c) => c.notNull().references('answers.id').onDelete('cascade'))
				// Null verdict and points: the step that removes the teacher's mark.
				.addColumn('verdict', 'text')
				.addColumn('points', 'double precision')
				.addColumn('created_at', 'text', (c) => c.notNull())
				.execute();
			await db.schema.createIndex('grade_overrides_answer').on('grade_overrides').columns(['answer_id']).execute();

			await db.schema
				.createTable('accepted_answers')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id').onDelete('cascade'))
				.addColumn('question_id', 'text', (c) => c.notNull())
				// '' for the whole response; a cloze blank's id for one blank.
				.addColumn('part', 'text', (c) => c.notNull())
				.addColumn('key', 'text', (c) => c.notNull())
				// The answer in the words the teacher accepted, for the results page.
				.addColumn('shown', 'text', (c) => c.notNull())
				.addColumn('created_at', 'text', (c) => c.notNull())
				.addUniqueConstraint('accepted_answers_one_key', ['assignment_id', 'question_id', 'part', 'key'])
				.execute();
		},
		async down(db: AnyDb) {
			await db.schema.dropTable('accepted_answers').ifExists().execute();
			await db.schema.dropTable('grade_overrides').ifExists().execute();
		}
	},
	// Practice attempts remember whether they began while a class's assignment locked the lesson
	// (answers saved, no verdicts): such an attempt is not resumed once the lock is gone. Idle
	// practice attempts are removed after a while (attempts/cleanup.ts); the index on the start
	// time lets the server find old ones without reading every row.
	'0006_practice_locked_and_expiry': {
		async up(db: AnyDb) {
			await db.schema
				.alterTable('practice_attempts')
				.addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
				.execute();
			await db.schema.createIndex('practice_attempts_started').on('practice_attempts').column('started_at').execute();
		},
		async down(db: AnyDb) {
			await db.schema.dropIndex('practice_attempts_started').ifExists().execute();
			await db.schema.alterTable('practice_attempts').dropColumn('locked').execute();
		}
	},
	// Rate limits shared by every server process on the database: each counted event (a wrong
	// results link, a new assignment, a new student in a class) is a row with its time in
	// milliseconds, kept only while it can still count (see assignments/rate-limit.ts).
	'0009_rate_events': {
		async up(db: AnyDb) {
			await db.schema
				.createTable('rate_events')
				.addColumn('scope', 'text', (c) => c.notNull())
				.addColumn('key', 'text', (c) => c.notNull())
				.addColumn('at', 'double precision', (c) => c.notNull())
				.execute();
			await db.schema
				.createIndex('rate_events_scope_key_at')
				.on('rate_events')
				.columns(['scope', 'key', 'at'])
				.execute();
			await db.schema.createIndex('rate_events_scope_at').on('rate_events').columns(['scope', 'at']).execute();
		},
		async down(db: AnyDb) {
			await db.schema.dropTable('rate_events').ifExists().execute();
		}
	},
	// The teacher's comment to one student, shown in the student's report. One per student, kept
	// across a reset (it is about the student, not one attempt), gone with the student or the
	// assignment through the cascades. A table of its own, so the students table stays as it was.
	'0010_student_comments': {
		async up(db: AnyDb) {
			await db.schema
				.createTable('student_comments')
				.addColumn('student_id', 'text', (c) => c.primaryKey().references('students.id').onDelete('cascade'))
				.addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id').onDelete('cascade'))
				.addColumn('text', 'text', (c) => c.notNull())
				.addColumn('updated_at', 'text', (c) => c.notNull())
				.execute();
			await db.schema
				.createIndex('student_comments_assignment')
				.on('student_comments')
				.columns(['assignment_id'])
				.execute();
		},
		async down(db: AnyDb) {
			await db.schema.dropTable('student_comments').ifExists().execute();
		}
	}
};

const ANSWER_COLUMNS = [
	'id',
	'attempt_id',
	'question_id',
	'try_number',
	'hints_used',
	'revealed',
	'response',
	'verdict',
	'credit',
	'points',
	'final',
	'created_at'
] as const;

/** The answers table of 0001 under another name and with the given uniqueness key. */
async function createAnswersTable(
	db: AnyDb,
	table: string,
	keyName: string,
	key: (typeof ANSWER_COLUMNS)[number][],
	attempts = 'attempts.id'
): Promise<void> {
	await db.schema
		.createTable(table)
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('attempt_id', 'text', (c) => c.notNull().references(attempts).onDelete('cascade'))
		.addColumn('question_id', 'text', (c) => c.notNull())
		.addColumn('try_number', 'integer', (c) => c.notNull())
		.addColumn('hints_used', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('revealed', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('response', 'text', (c) => c.notNull())
		.addColumn('verdict', 'text', (c) => c.notNull())
		.addColumn('credit', 'double precision', (c) => c.notNull())
		.addColumn('points', 'double precision')
		.addColumn('final', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		// Also the index for "answers of an attempt", through its leading column.
		.addUniqueConstraint(keyName, key)
		.execute();
}

async function copyAnswers(db: AnyDb, from: string, to: string): Promise<void> {
	await db
		.insertInto(to)
		.columns([...ANSWER_COLUMNS])
		.expression(db.selectFrom(from).select([...ANSWER_COLUMNS]))
		.execute();
}

/** At most one final answer per question of an attempt (see 0001). */
async function createOneFinalIndex(db: AnyDb): Promise<void> {
	await db.schema
		.createIndex('answers_one_final')
		.on('answers')
		.columns(['attempt_id', 'question_id'])
		.unique()
		.where(sql.ref('final'), '=', 1)
		.execute();
}

/** Hands Kysely the migrations above instead of scanning a folder. */
export class CodeMigrationProvider implements MigrationProvider {
	constructor(private readonly all: Record<string, Migration> = migrations) {}
	async getMigrations(): Promise<Record<string, Migration>> {
		return this.all;
	}
}

/** Bring the database to the latest schema; throws with the failing migration's name. */
export async function migrateToLatest(db: AnyDb): Promise<MigrationResultSet> {
	const migrator = new Migrator({ db, provider: new CodeMigrationProvider() });
	const result = await migrator.migrateToLatest();
	if (result.error) {
		const failed = result.results?.find((r) => r.status === 'Error');
		const cause = result.error instanceof Error ? result.error.message : String(result.error);
		throw new Error(`Database migration ${failed?.migrationName ?? '(setup)'} failed: ${cause}`, {
			cause: result.error
		});
	}
	return result;
}
