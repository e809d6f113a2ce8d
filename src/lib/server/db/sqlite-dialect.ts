/**
 * Kysely's SQLite dialect with two changes that keep SQLITE_BUSY away from users.
 *
 * How SQLite writes stay conflict-free here:
 * - Inside one process there is nothing to contend for: Kysely's SQLite driver owns a single
 *   connection behind a mutex, so every query and every transaction runs one after another (a
 *   transaction holds the mutex from BEGIN to COMMIT). Requests queue in memory, in order.
 * - Between processes (a second server, a script or the bench on the same file) the write lock
 *   is the contended resource. A plain `BEGIN` is deferred: a transaction that reads and then
 *   writes must upgrade its lock mid-way, and SQLite answers a failed upgrade with SQLITE_BUSY at
 *   once, without consulting the busy handler. `BEGIN IMMEDIATE` takes the write lock up front,
 *   where waiting for the other writer is possible at all. SQLite's busy handler would wait by
 *   sleeping on the thread (better-sqlite3 is synchronous), freezing every request of the server, so
 *   once the schema is migrated `busy_timeout` is 0 and the repository waits instead, asynchronously
 *   and within a budget, answering 503 past it; see `writePolicy` in unavailable.ts.
 *
 * The adapter also declares transactional DDL (SQLite has it; Kysely is cautious by default), so
 * the migrator reads its state and applies pending migrations inside one BEGIN IMMEDIATE: two
 * processes starting on a fresh file cannot both apply the same migration.
 */
import {
	CompiledQuery,
	SqliteAdapter,
	SqliteDialect,
	SqliteDriver,
	type DatabaseConnection,
	type DialectAdapter,
	type Driver,
	type SqliteDatabase,
	type SqliteDialectConfig,
	type SqliteStatement
} from 'kysely';

/**
 * The database as Kysely's driver sees it, preparing each distinct SQL text once. Kysely asks for
 * a fresh statement on every query, and preparing is a large share of a small query's cost; the
 * repository only ever sends a few dozen different texts, so they are kept (up to `max`).
 * better-sqlite3 re-prepares a kept statement by itself if a migration changes the schema.
 */
export function preparingOnce(database: SqliteDatabase, max = 500): SqliteDatabase {
	const statements = new Map<string, SqliteStatement>();
	return {
		close: () => database.close(),
		prepare(sql: string) {
			let statement = statements.get(sql);
			if (!statement) {
				if (statements.size >= max) statements.clear();
				statement = database.prepare(sql);
				statements.set(sql, statement);
			}
			return statement;
		}
	};
}

/** What the driver needs to know of the raw handle: whether a transaction is still open. */
export interface TransactionState {
	readonly inTransaction: boolean;
}

class ImmediateSqliteDriver extends SqliteDriver {
	readonly #state: TransactionState | undefined;
	constructor(config: SqliteDialectConfig, state?: TransactionState) {
		super(config);
		this.#state = state;
	}
	override async beginTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('begin immediate'));
	}
	/**
	 * SQLite rolls a transaction back by itself after some errors (a full disk, an I/O error). A
	 * second ROLLBACK would then fail with "cannot rollback - no transaction is active" and hide the
	 * real cause from the caller and the log, so it is only sent while a transaction is open.
	 */
	override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
		if (this.#state && !this.#state.inTransaction) return;
		await super.rollbackTransaction(connection);
	}
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
	override get supportsTransactionalDdl(): boolean {
		return true;
	}
}

export class ImmediateSqliteDialect extends SqliteDialect {
	readonly #config: SqliteDialectConfig;
	readonly #state: TransactionState | undefined;
	/** `state`: the raw better-sqlite3 handle, to tell whether SQLite already ended a transaction. */
	constructor(config: SqliteDialectConfig, state?: TransactionState) {
		super(config);
		this.#config = config;
		this.#state = state;
	}
	override createDriver(): Driver {
		return new ImmediateSqliteDriver(this.#config, this.#state);
	}
	override createAdapter(): DialectAdapter {
		return new TransactionalDdlSqliteAdapter();
	}
}
