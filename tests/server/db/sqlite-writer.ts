/**
 * A second process writing to the same SQLite file, for the contention test in
 * repository.test.ts. Usage: node --import tsx sqlite-writer.ts FILE ATTEMPT_ID PREFIX COUNT
 * Opens the file, prints "ready", waits for a line on standard input, then records COUNT answers at
 * once and prints {"stored":n,"failed":[messages]} as its last line. The lock wait budget comes from
 * DATABASE_BUSY_WAIT_MS.
 */
import { once } from 'node:events';
import { openDatabase } from '../../../src/lib/server/db/index.ts';
import { createRepository } from '../../../src/lib/server/db/repository.ts';

const [file, attemptId, prefix, countText] = process.argv.slice(2);
if (!file || !attemptId || !prefix || !countText) {
	console.error('usage: sqlite-writer.ts FILE ATTEMPT_ID PREFIX COUNT');
	process.exit(2);
}

const handle = await openDatabase(file);
const repo = createRepository(handle.db, { now: () => new Date('2025-03-01T09:00:00.000Z') });
console.log('ready');
await once(process.stdin, 'data');
process.stdin.pause();
const results = await Promise.allSettled(
	Array.from({ length: Number(countText) }, (_, i) =>
		repo.recordAnswer({
			id: `${prefix}-${i}`,
			attemptId,
			questionId: `${prefix}-q${i}`,
			tryNumber: 1,
			hintsUsed: 0,
			revealed: false,
			response: { type: 'short-answer', text: `answer ${i}` },
			verdict: 'correct',
			credit: 1,
			points: 1,
			final: true
		})
	)
);
await handle.close();
const stored = results.filter((r) => r.status === 'fulfilled' && r.value.stored).length;
const failed = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
console.log(JSON.stringify({ stored, failed }));
