/**
 * Small pure pieces of assignments: CSV formula neutralising, the guess limiter, results secrets,
 * the create form, and display names.
 */
import { describe, expect, it } from 'vitest';
import { createRepository, openDatabase } from '../../../src/lib/server/db/index.ts';
import Papa from 'papaparse';
import { neutraliseCell, toCsv } from '../../../src/lib/server/assignments/csv.ts';
import { createRateLimiter } from '../../../src/lib/server/assignments/rate-limit.ts';
import {
	looksLikeResultsSecret,
	newResultsSecret,
	sameDigest,
	sha256Hex
} from '../../../src/lib/server/assignments/secrets.ts';
import { parseCreateForm } from '../../../src/lib/server/assignments/create.ts';
import { displayName } from '../../../src/lib/server/assignments/student.ts';

describe('CSV cells', () => {
	it.each([
		['=SUM(A1:A9)', "'=SUM(A1:A9)"],
		['+1+1', "'+1+1"],
		['-2+3', "'-2+3"],
		['@cmd', "'@cmd"],
		['\tx', "'\tx"],
		['Min-jun', 'Min-jun'],
		['김민준', '김민준'],
		[12.5, '12.5'],
		[null, '']
	])('%j becomes %j', (input, expected) => {
		expect(neutraliseCell(input)).toBe(expected);
	});

	it('a whole file reads back with every formula cell neutralised and quotes kept', () => {
		const csv = toCsv(
			['name', 'score'],
			[
				['=HYPERLINK("http://x","y")', 3],
				['Ana, "Annie"', 4]
			]
		);
		const parsed = Papa.parse<string[]>(csv.trim()).data;
		expect(parsed).toEqual([
			['name', 'score'],
			['\'=HYPERLINK("http://x","y")', '3'],
			['Ana, "Annie"', '4']
		]);
	});
});

describe('guess limiter', () => {
	it('refuses a key after the limit within the window, and lets it back once failures age out', async () => {
		let t = 0;
		const handle = await openDatabase(':memory:');
		const store = async () => createRepository(handle.db);
		const limiter = createRateLimiter({ scope: 'test', limit: 3, windowMs: 1000, now: () => t, store });
		for (let i = 0; i < 3; i++) {
			expect(await limiter.blocked('1.2.3.4')).toBe(false);
			await limiter.fail('1.2.3.4');
			t += 100;
		}
		expect(await limiter.blocked('1.2.3.4')).toBe(true);
		expect(await limiter.blocked('5.6.7.8')).toBe(false);
		expect(await limiter.retryAfter('1.2.3.4')).toBe(1);
		// Another limiter on the same database (another server process) sees the same failures.
		const other = createRateLimiter({ scope: 'test', limit: 3, windowMs: 1000, now: () => t, store });
		expect(await other.blocked('1.2.3.4')).toBe(true);
		// …but not those of another scope.
		const elsewhere = createRateLimiter({ scope: 'other', limit: 3, windowMs: 1000, now: () => t, store });
		expect(await elsewhere.blocked('1.2.3.4')).toBe(false);
		t = 1001;
		expect(await limiter.blocked('1.2.3.4')).toBe(false);
		await handle.close();
	});
});

describe('results secrets', () => {
	it('carry at least 128 random bits in base64url and differ each time', () => {
		const a = newResultsSecret();
		const b = newResultsSecret();
		expect(a).not.toBe(b);
		expect(Buffer.from(a, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
		expect(looksLikeResultsSecret(a)).toBe(true);
		expect(looksLikeResultsSecret('../../etc/passwd')).toBe(false);
	});
	it('are compared by digest', () => {
		const s = newResultsSecret();
		expect(sha256Hex(s)).toMatch(/^[0-9a-f]{64}$/);
		expect(sameDigest(sha256Hex(s), sha256Hex(s))).toBe(true);
		expect(sameDigest(sha256Hex(s), sha256Hex(s + 'x'))).toBe(false);
		expect(sameDigest(sha256Hex(s), '')).toBe(false);
	});
});

describe('create form', () => {
	const now = new Date('2026-03-01T09:00:00Z');
	const base = {
		module: 'm1',
		title: '  Year 9   reading ',
		feedback: 'after-submit',
		attemptsAllowed: '2',
		triesPerQuestion: '3',
		hints: 'on',
		lockPractice: 'on',
		dueAt: '2026-03-02T10:30',
		tzOffset: '-60'
	};
	const form = (values: Record<string, string>) => {
		const f = new FormData();
		for (const [k, v] of Object.entries(values)) f.set(k, v);
		return f;
	};
	const known = (slug: string) => slug === 'm1';

	it('parses a full form: trimmed title, local due time to UTC, unticked shuffle, practice kept from answers', () => {
		const parsed = parseCreateForm(form(base), now, known);
		expect(parsed).toEqual({
			ok: true,
			value: {
				moduleSlug: 'm1',
				title: 'Year 9 reading',
				settings: {
					feedback: 'after-submit',
					attemptsAllowed: 2,
					triesPerQuestion: 3,
					hintsEnabled: true,
					dueAt: '2026-03-02T09:30:00.000Z',
					shuffle: false,
					lockPractice: true
				}
			}
		});
	});

	it('leaves practice open when the teacher unticks the choice', () => {
		const { lockPractice: _unticked, ...rest } = base;
		const parsed = parseCreateForm(form(rest), now, known);
		expect(parsed.ok && parsed.value.settings.lockPractice).toBe(false);
	});

	it.each([
		[{ title: '   ' }, 'title'],
		[{ feedback: 'sometimes' }, 'feedback'],
		[{ attemptsAllowed: '0' }, 'attemptsAllowed'],
		[{ triesPerQuestion: 'x' }, 'triesPerQuestion'],
		[{ triesPerQuestion: '11' }, 'triesPerQuestion'],
		[{ dueAt: 'tomorrow' }, 'dueAt'],
		[{ dueAt: '2026-02-01T10:00' }, 'dueAt'],
		[{ module: 'unknown' }, 'module']
	])('%j is refused with an error on %s', (change, field) => {
		const parsed = parseCreateForm(form({ ...base, ...change }), now, known);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(Object.keys(parsed.errors)).toContain(field);
	});
});

describe('display names', () => {
	it.each([
		['  김민준  ', '김민준'],
		['Zoë   Smith', 'Zoë Smith'],
		['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
		['가'.repeat(40), '가'.repeat(40)],
		['Ana\u00a0\u2003Maria', 'Ana Maria'],
		['می\u200cخواهم', 'می\u200cخواهم']
	])('%j is kept as %j', (input, expected) => {
		expect(displayName.parse(input)).toBe(expected);
	});
	it.each([[''], ['    '], ['a'.repeat(41)], ['bad\u0007bell'], ['\u202eAna'], ['\u200b\u200d\u2060']])(
		'%j is refused',
		(input) => {
			expect(displayName.safeParse(input).success).toBe(false);
		}
	);
});
