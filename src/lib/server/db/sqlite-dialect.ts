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
 *   where the busy handler (`busy_timeout`, 5 s) simply waits for the other writer to finish.
 *   better-sqlite3 waits synchronously, which only ever happens under cross-process contention.
 * - The repository retries the rare SQLITE_BUSY that still escapes (a writer holding the lock for
 *   longer than the timeout) a few times before giving up; see `withWrite` in repository.ts.
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
	type SqliteDialectConfig
} from 'kysely';

class ImmediateSqliteDriver extends SqliteDriver {
	override async beginTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('begin immediate'));
	}
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
	override get supportsTransactionalDdl(): boolean {
		return true;
	}
}

export class ImmediateSqliteDialect extends SqliteDialect {
	readonly #config: SqliteDialectConfig;
	constructor(config: SqliteDialectConfig) {
		super(config);
		this.#config = config;
	}
	override createDriver(): Driver {
		return new ImmediateSqliteDriver(this.#config);
	}
	override createAdapter(): DialectAdapter {
		return new TransactionalDdlSqliteAdapter();
	}
}
