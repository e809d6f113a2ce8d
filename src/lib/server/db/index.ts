/**
 * Opening the attempts database. SQLite in a file by default; PostgreSQL when DATABASE_URL is a
 * postgres:// or postgresql:// URL. One query layer (Kysely) serves both, and the schema is
 * brought up to date on every open.
 *
 * Durability: SQLite runs in WAL mode with synchronous=NORMAL. A committed transaction survives
 * the server process being killed (kill -9); only a power cut or OS crash can lose the last few
 * commits, which is the usual trade for WAL's write rate.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.ts';
import { migrateToLatest } from './migrations.ts';
import { ImmediateSqliteDialect, preparingOnce } from './sqlite-dialect.ts';
import { createRepository, type Repository } from './repository.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
	db: Kysely<Database>;
	dialect: Dialect;
	/** Where the data lives, for logs: a file path, or the PostgreSQL URL without its password. */
	location: string;
	close(): Promise<void>;
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
		sqlite.pragma('busy_timeout = 5000');
		sqlite.pragma('foreign_keys = ON');
		sqlite.pragma('synchronous = NORMAL');
	} catch (error) {
		sqlite.close();
		throw error;
	}
	const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: preparingOnce(sqlite) }) });
	return {
		db,
		dialect: 'sqlite',
		location: file,
		// Kysely closes the better-sqlite3 handle only once it has used it; close it ourselves too.
		close: async () => {
			await db.destroy();
			if (sqlite.open) sqlite.close();
		}
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
		repo = createRepository(handle.db);
		repositories.set(handle, repo);
	}
	return repo;
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
