/**
 * Another process holding SQLite's write lock, for the fault tests: opens FILE, runs BEGIN
 * IMMEDIATE, prints "locked", and holds the lock until a line arrives on standard input (or stdin
 * closes), then rolls back and exits. Usage: node lock-holder.ts FILE (plain Node, no tsx needed).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3') as typeof import('better-sqlite3');
const file = process.argv[2];
if (!file) {
	console.error('usage: lock-holder.ts FILE');
	process.exit(2);
}
const db = new Database(file);
db.exec('BEGIN IMMEDIATE');
console.log('locked');
const release = () => {
	db.exec('ROLLBACK');
	db.close();
	process.exit(0);
};
process.stdin.once('data', release);
process.stdin.once('end', release);
