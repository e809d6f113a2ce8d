/**
 * When the database cannot take a write right now, and why. Each reason becomes a 503 with
 * Retry-After for the client (answers wait in the student's browser and are sent again), never a
 * 500, and never an acknowledgement of something that was not stored.
 *
 * - busy: another process holds SQLite's write lock for longer than the wait budget. The wait is
 *   asynchronous (SQLite's own busy handler would sleep on the event loop and freeze every request),
 *   so pages, reads and grading keep answering meanwhile.
 * - full: the disk (or a PostgreSQL tablespace) is full. Said once in the log, by name; writes are
 *   tried again on every request, so freeing space is all it takes to recover.
 * - gone: the SQLite file was deleted or replaced while the server had it open. Writes would go to
 *   a file nobody will ever open again; they are refused until the server is restarted.
 */
export type UnavailableReason = 'busy' | 'full' | 'gone';

const MESSAGES: Record<UnavailableReason, string> = {
	busy: 'The database is busy. Nothing was saved; try again in a moment.',
	full: "The server's disk is full. Nothing was saved; try again later.",
	gone: 'The database file has gone missing on the server. Nothing was saved; ask whoever runs the server to restart it.'
};

const RETRY_SECONDS: Record<UnavailableReason, number> = { busy: 2, full: 30, gone: 60 };

export class DatabaseUnavailableError extends Error {
	readonly retryAfterSeconds: number;
	constructor(
		readonly reason: UnavailableReason,
		options?: { cause?: unknown }
	) {
		super(MESSAGES[reason], options);
		this.name = 'DatabaseUnavailableError';
		this.retryAfterSeconds = RETRY_SECONDS[reason];
	}
}

function errorCode(error: unknown): string {
	if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string')
		return error.code;
	return '';
}

/** SQLITE_BUSY (and its extended codes); PostgreSQL deadlock or serialization failure. */
export function isTransientLockError(error: unknown): boolean {
	const code = errorCode(error);
	return code.startsWith('SQLITE_BUSY') || code === '40P01' || code === '40001';
}

/** SQLite's "database or disk is full", PostgreSQL's disk_full (53100). */
export function isDiskFullError(error: unknown): boolean {
	const code = errorCode(error);
	return code === 'SQLITE_FULL' || code === '53100';
}

/** How long writes wait for another process's lock before giving up with 503 (DATABASE_BUSY_WAIT_MS). */
export function busyWaitFromEnvironment(fallback = 5000): number {
	const value = Number(process.env.DATABASE_BUSY_WAIT_MS);
	return Number.isFinite(value) && value >= 0 ? value : fallback;
}

export interface WritePolicyOptions {
	/** Longest wait for a lock, in milliseconds, before a write is refused as busy. */
	busyWaitMs?: number;
	/** Throws DatabaseUnavailableError('gone') when the database is no longer the one opened. */
	checkFile?: () => void;
	/** Where the one-line notices go (console.error by default). */
	log?: (line: string) => void;
	/** The clock and the pause between tries; tests may pass their own. */
	now?: () => number;
	pause?: (ms: number) => Promise<void>;
}

/**
 * Run write transactions with the rules above: wait for a busy lock without blocking, within a
 * budget; name a full disk once (and its end once); refuse writes to a file that is gone, before and
 * after the transaction, so an answer written to a deleted file is never acknowledged.
 */
export function writePolicy(options: WritePolicyOptions = {}) {
	const budget = options.busyWaitMs ?? busyWaitFromEnvironment();
	const log = options.log ?? ((line: string) => console.error(line));
	const now = options.now ?? (() => Date.now());
	const pause = options.pause ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
	let diskFull = false;

	return async function write<T>(transaction: () => Promise<T>): Promise<T> {
		options.checkFile?.();
		const started = now();
		for (let attempt = 0; ; attempt++) {
			try {
				const result = await transaction();
				options.checkFile?.();
				if (diskFull) {
					diskFull = false;
					log('[db] Writes work again: there is space on the disk.');
				}
				return result;
			} catch (error) {
				if (error instanceof DatabaseUnavailableError) throw error;
				if (isDiskFullError(error)) {
					if (!diskFull) {
						diskFull = true;
						log(
							`[db] The disk is full (${errorCode(error)}): writes fail with 503 until space is freed. Nothing needs restarting.`
						);
					}
					throw new DatabaseUnavailableError('full', { cause: error });
				}
				if (!isTransientLockError(error)) throw error;
				// Short waits first (a competing write takes about a millisecond), then up to 100 ms.
				const wait = Math.min(100, 2 * 2 ** attempt) * (0.5 + Math.random() / 2);
				if (now() - started + wait > budget) throw new DatabaseUnavailableError('busy', { cause: error });
				await pause(wait);
			}
		}
	};
}
