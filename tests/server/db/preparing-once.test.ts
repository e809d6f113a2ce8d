import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { preparingOnce } from '../../../src/lib/server/db/sqlite-dialect.ts';

describe('preparingOnce', () => {
	it('prepares each SQL text once and hands back the same statement after', () => {
		const sqlite = new Database(':memory:');
		const db = preparingOnce(sqlite);
		const first = db.prepare('select 1 as one');
		expect(db.prepare('select 1 as one')).toBe(first);
		expect(db.prepare('select 2 as two')).not.toBe(first);
		db.close();
		expect(sqlite.open).toBe(false);
	});

	it('keeps answering correctly after the schema changes under a kept statement', () => {
		const sqlite = new Database(':memory:');
		const db = preparingOnce(sqlite);
		sqlite.exec('create table answers (id text primary key)');
		db.prepare('insert into answers (id) values (?)').run(['a1']);
		const select = 'select * from answers order by id';
		expect(db.prepare(select).all([])).toEqual([{ id: 'a1' }]);
		sqlite.exec("alter table answers add column verdict text not null default 'incorrect'");
		db.prepare('insert into answers (id) values (?)').run(['a2']);
		expect(db.prepare(select).all([])).toEqual([
			{ id: 'a1', verdict: 'incorrect' },
			{ id: 'a2', verdict: 'incorrect' }
		]);
		sqlite.close();
	});

	it('stays bounded: past its limit it starts again rather than growing', () => {
		const sqlite = new Database(':memory:');
		const db = preparingOnce(sqlite, 2);
		const a = db.prepare('select 1');
		db.prepare('select 2');
		db.prepare('select 3');
		expect(db.prepare('select 1')).not.toBe(a);
		sqlite.close();
	});
});
