/**
 * Opening the attempts database. SQLite in a file by default; PostgreSQL when DATABASE_URL is a
 * postgres:// or postgresql:// URL. One query layer (Kysely) serves both, and the schema is
 * brought up to date on every open.
 *
 * Durability: SQLite runs in WAL mode with synchronous=NORMAL. A committed transaction survives
 * the server process being killed (kill -9); only a power cut or OS crash can lose the last few
 * commits, which is the usual trade for WAL's write rate.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { error } from '@sveltejs/kit';
import { Kysely, PostgresDialect } from 'kysely';
import { noteRetryAfter } from '../retry-after.ts';
import type { Database } from './schema.ts';
import { migrateToLatest } from './migrations.ts';
import { startCheckpointer, type Checkpointer } from './checkpointer.ts';
import { ImmediateSqliteDialect, preparingOnce } from './sqlite-dialect.ts';
import { createRepository, type Repository } from './repository.ts';
import { DatabaseUnavailableError } from './unavailable.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
	db: Kysely<Database>;
	dialect: Dialect;
	/** Where the data lives, for logs: a file path, or the PostgreSQL URL without its password. */
	location: string;
	close(): Promise<void>;
	/** SQLite files: throws DatabaseUnavailableError('gone') once the file was deleted or replaced. */
	checkFile?: () => void;
	/** Called once the schema is up to date (SQLite: stop waiting for locks on the thread). */
	migrated?: () => void;
}

export const DEFAULT_SQLITE_PATH = './data/closeread.db';

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/**
 * Open (and migrate) a database.
 * - `url` a postgres:// or postgresql:// URL: PostgreSQL through a pg Pool.
 * - `url` anything else: a SQLite file path (`:memory:` for a private in-memory database).
 * - no `url`: DATABASE_URL when it is a PostgreSQL URL, otherwise SQLite at DATABASE_PATH,
 *   defaulting to ./data/closeread.db (its folder is created).
 */
export async function openDatabase(url?: string): Promise<DatabaseHandle> {
	const target = url ?? fromEnvironment();
	const handle = POSTGRES_URL.test(target) ? await openPostgres(target) : await openSqlite(target);
	try {
		await migrateToLatest(handle.db);
	} catch (error) {
		await handle.close();
		throw error;
	}
	handle.migrated?.();
	return handle;
}

function fromEnvironment(): string {
	const url = process.env.DATABASE_URL?.trim();
	if (url) {
		if (!POSTGRES_URL.test(url)) {
			throw new Error(
				'DATABASE_URL must start with postgres:// or postgresql://. For SQLite, leave it unset and set DATABASE_PATH to a file path.'
			);
		}
		return url;
	}
	return process.env.DATABASE_PATH?.trim() || DEFAULT_SQLITE_PATH;
}

async function openSqlite(path: string): Promise<DatabaseHandle> {
	const { default: SQLite } = await import('better-sqlite3');
	const inMemory = path === ':memory:';
	const file = inMemory ? path : resolve(path);
	if (!inMemory) mkdirSync(dirname(file), { recursive: true });
	const sqlite = new SQLite(file);
	try {
		sqlite.pragma('journal_mode = WAL');
		// Only while opening and migrating (two servers starting on one new file); see `migrated`.
		sqlite.pragma(`busy_timeout = ${OPENING_BUSY_TIMEOUT_MS}`);
		sqlite.pragma('foreign_keys = ON');
		sqlite.pragma('synchronous = NORMAL');
	} catch (error) {
		sqlite.close();
		throw error;
	}
	const db = new Kysely<Database>({
		dialect: new ImmediateSqliteDialect({ database: preparingOnce(sqlite) }, sqlite)
	});
	let checkpointer: Checkpointer | null = null;
	return {
		db,
		dialect: 'sqlite',
		location: file,
		checkFile: inMemory ? undefined : fileWatch(file),
		migrated: () => {
			sqlite.pragma('busy_timeout = 0');
			// Checkpoints run on a worker thread, not inside a request's commit (checkpointer.ts).
			if (!inMemory) {
				sqlite.pragma('wal_autocheckpoint = 0');
				checkpointer = startCheckpointer(file);
			}
		},
		// Kysely closes the better-sqlite3 handle only once it has used it; close it ourselves too.
		close: async () => {
			await checkpointer?.stop();
			await db.destroy();
			if (sqlite.open) sqlite.close();
		}
	};
}

/** SQLite's own (blocking) wait for a lock while a database is opened and migrated. */
export const OPENING_BUSY_TIMEOUT_MS = 5000;

/**
 * A check that the file at `file` is still the one opened: deleted, or replaced by another file
 * (a restored backup, a copy), writes would go where no one will read them again. The first time
 * it is noticed, the log says so in capitals; from then on every write is refused until a restart.
 */
function fileWatch(file: string): () => void {
	const opened = statSync(file);
	let gone = false;
	return () => {
		if (!gone) {
			const current = statSync(file, { throwIfNoEntry: false });
			if (current && current.ino === opened.ino && current.dev === opened.dev) return;
			gone = true;
			console.error(
				`[db] DATABASE FILE ${current ? 'REPLACED' : 'DELETED'} WHILE RUNNING: ${file} is no longer the file this server opened. ` +
					'Every write is now refused with 503 so that no answer is acknowledged and then lost. ' +
					'Restore the file or move the new one into place, then restart the server.'
			);
		}
		throw new DatabaseUnavailableError('gone');
	};
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
	const { default: pg } = await import('pg');
	const max = Number(process.env.DATABASE_POOL_MAX ?? '10');
	const pool = new pg.Pool({ connectionString: url, max: Number.isInteger(max) && max > 0 ? max : 10 });
	// An idle client losing its connection must not crash the server; the pool replaces it.
	pool.on('error', (error) => console.error(`[db] idle PostgreSQL client error: ${error.message}`));
	const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
	return { db, dialect: 'postgres', location: withoutPassword(url), close: () => db.destroy() };
}

function withoutPassword(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return 'postgres://…';
	}
}

/**
 * The shared handle lives on globalThis, not in a module variable, so that Vite's hot reload in
 * development (which evaluates this module again) reuses the open database instead of leaking one.
 */
interface Shared {
	opening: Promise<DatabaseHandle> | null;
	repositories: WeakMap<DatabaseHandle, Repository>;
}
const SHARED = Symbol.for('closeread.db');
function shared(): Shared {
	const slot = globalThis as typeof globalThis & { [SHARED]?: Shared };
	return (slot[SHARED] ??= { opening: null, repositories: new WeakMap() });
}

/** The server's one database, opened (and migrated) on first use. */
export function getDb(): Promise<DatabaseHandle> {
	const state = shared();
	if (!state.opening) {
		const opening = openDatabase();
		state.opening = opening;
		// A failed open is not kept: the next request tries again.
		opening.catch(() => {
			if (state.opening === opening) state.opening = null;
		});
	}
	return state.opening;
}

/** A repository over the shared database. */
export async function getRepository(): Promise<Repository> {
	const handle = await getDb();
	const { repositories } = shared();
	let repo = repositories.get(handle);
	if (!repo) {
		repo = answering503(createRepository(handle.db, { checkFile: handle.checkFile }));
		repositories.set(handle, repo);
	}
	return repo;
}

/**
 * The repository as routes use it: a write the database cannot take now (busy, full disk, file
 * gone) becomes a 503 with Retry-After instead of a 500.
 */
function answering503(repo: Repository): Repository {
	return new Proxy(repo, {
		get(target, key, receiver) {
			const value: unknown = Reflect.get(target, key, receiver);
			if (typeof value !== 'function') return value;
			return async (...args: unknown[]) => {
				try {
					return await value.apply(target, args);
				} catch (e) {
					if (e instanceof DatabaseUnavailableError) {
						noteRetryAfter(e.retryAfterSeconds);
						error(503, e.message);
					}
					throw e;
				}
			};
		}
	});
}

/** Close the shared database (server shutdown, tests). The next getDb() opens it again. */
export async function closeDb(): Promise<void> {
	const state = shared();
	const current = state.opening;
	state.opening = null;
	if (!current) return;
	const handle = await current.catch(() => null);
	await handle?.close();
}

export { createRepository, RepositoryError } from './repository.ts';
export { DatabaseUnavailableError } from './unavailable.ts';
export type * from './repository.ts';
export {
	generateStudentCode,
	isStudentCode,
	normaliseStudentCode,
	STUDENT_CODE_ALPHABET,
	STUDENT_CODE_LENGTH
} from './codes.ts';
export {
	assignmentSettings,
	feedbackModes,
	type AssignmentSettings,
	type FeedbackMode,
	type Database
} from './schema.ts';
