/**
 * Fresh databases of both kinds for server tests: SQLite in a temporary file, and PostgreSQL on
 * the private cluster that pg-global-setup.ts starts (every PostgreSQL test fails with its reason
 * when that cluster could not start).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
// Brings in the ProvidedContext declarations for inject('pgUrl') and inject('pgError').
import type {} from './pg-global-setup.ts';

export interface DbTarget {
	name: 'sqlite' | 'postgres';
	/** A location (file path or URL) of a database that has never been opened. */
	fresh(): Promise<string>;
	cleanup(): Promise<void>;
}

export function sqliteTarget(): DbTarget {
	let dir: string | null = null;
	return {
		name: 'sqlite',
		async fresh() {
			dir ??= await mkdtemp(join(tmpdir(), 'closeread-sqlite-'));
			return join(dir, `${randomUUID()}.db`);
		},
		async cleanup() {
			if (dir) await rm(dir, { recursive: true, force: true });
		}
	};
}

export function postgresTarget(): DbTarget {
	const created: string[] = [];
	const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
		const error = inject('pgError');
		if (error) throw new Error(error);
		const client = new pg.Client({ connectionString: inject('pgUrl') });
		await client.connect();
		try {
			return await work(client);
		} finally {
			await client.end();
		}
	};
	return {
		name: 'postgres',
		async fresh() {
			// A name we make ourselves, from [a-z0-9_]: safe to place in DDL, which takes no parameters.
			const name = `cr_${randomUUID().replaceAll('-', '')}`;
			await admin((client) => client.query(`create database ${name}`));
			created.push(name);
			const url = new URL(inject('pgUrl'));
			url.pathname = `/${name}`;
			return url.toString();
		},
		async cleanup() {
			if (created.length === 0) return;
			await admin(async (client) => {
				for (const name of created.splice(0)) await client.query(`drop database if exists ${name} with (force)`);
			});
		}
	};
}

export const bothDatabases = () => [sqliteTarget(), postgresTarget()];
