/**
 * Can the key be worked out from what a student's browser receives before answering? The test
 * collects it all (the practice page's HTML and data, every script, and the reply that opens a
 * practice attempt, which is all the questions carry) over many attempts, then tries every cheap
 * strategy a student with developer tools might: the first or last option, a fixed position, the
 * lowest or highest id, decoding ids, the order shown being the authored order. Each strategy must
 * score no better than chance, with a Hoeffding bound at a false-alarm rate of one in a million: a
 * real leak (say the right option first) scores far above it, an honest shuffle stays well under
 * it. And the order must be made afresh for each attempt: no option shown first more often than
 * chance allows across the attempts.
 *
 * Option lengths are a property of how the items are written, not of what the page gives away:
 * content:check's bank-cue rule looks after those, and tests/unit/content/cues.test.ts plays the
 * length and form strategies against every module without a browser.
 */
import { expect, test } from '@playwright/test';
import type { PublicModule, PublicQuestion } from '../../src/lib/content/public.ts';
import type { ResolvedQuestion } from '../../src/lib/content/module.ts';
import { SLUG } from './helpers';
import { loadKey } from './module-key';

const module = loadKey(SLUG);
const ATTEMPTS = 80;

/** One choice the student must make: candidates in the order shown, and which one is right. */
interface Unit {
	/** Stable name of the choice across attempts (question prompt + part). */
	name: string;
	candidates: { id: string; text: string }[];
	right: number;
}

/** The choices of one public question, with the right one found from the key on disk (by text). */
function unitsOf(q: ResolvedQuestion, pub: PublicQuestion): Unit[] {
	const text = (r: { start: number; end: number }) => module.passage.text.slice(r.start, r.end);
	if (q.type === 'single-choice' && pub.type === 'single-choice') {
		const right = q.options.find((o) => o.correct)!.text;
		return [{ name: q.prompt, candidates: pub.options, right: pub.options.findIndex((o) => o.text === right) }];
	}
	if (q.type === 'evidence-paired' && pub.type === 'evidence-paired') {
		const a = q.options.find((o) => o.correct)!.text;
		const bRange = q.resolved.partB![q.partB.options.find((o) => o.correct)!.id]!;
		return [
			{ name: `${q.prompt} A`, candidates: pub.options, right: pub.options.findIndex((o) => o.text === a) },
			{
				name: `${q.prompt} B`,
				candidates: pub.partB.options,
				right: pub.partB.options.findIndex((o) => o.text === text(bRange))
			}
		];
	}
	if (q.type === 'matching' && pub.type === 'matching') {
		return q.pairs.map((pair, i) => ({
			name: `${q.prompt} ${pub.left[i]!.text}`,
			candidates: pub.right,
			right: pub.right.findIndex((r) => r.text === pair.right)
		}));
	}
	if (q.type === 'cloze' && pub.type === 'cloze') {
		const blanks = pub.parts.filter((p) => p.kind === 'blank');
		return q.blanks.flatMap((b, i) => {
			const choices = blanks[i]?.kind === 'blank' ? blanks[i].choices : null;
			if (!choices) return [];
			const candidates = choices.map((c) => ({ id: c, text: c }));
			return [
				{
					name: `${q.prompt} ${i}`,
					candidates,
					right: choices.findIndex((c) => c.trim().toLowerCase() === b.answer.trim().toLowerCase())
				}
			];
		});
	}
	if (q.type === 'ordering' && pub.type === 'ordering') {
		// Which item comes first: the authored first item is the right one.
		return [
			{
				name: `${q.prompt} first`,
				candidates: pub.items,
				right: pub.items.findIndex((it) => it.text === q.items[0]!.text)
			}
		];
	}
	return [];
}

type Strategy = (unit: Unit, history: Unit[][]) => number;

/** Base64url ids decoded to text, in case an id carries words of an option. */
const decoded = (id: string) => {
	try {
		return Buffer.from(id.replace(/^q/, ''), 'base64url').toString('latin1').toLowerCase();
	} catch {
		return '';
	}
};

const STRATEGIES: Record<string, Strategy> = {
	'the first option shown': () => 0,
	'the second option shown': (u) => Math.min(1, u.candidates.length - 1),
	'the last option shown': (u) => u.candidates.length - 1,
	'the lowest id': (u) => u.candidates.indexOf([...u.candidates].sort((a, b) => a.id.localeCompare(b.id))[0]!),
	'the highest id': (u) => u.candidates.indexOf([...u.candidates].sort((a, b) => b.id.localeCompare(a.id))[0]!),
	'the option whose decoded id shares most with its text': (u) => {
		const score = (c: { id: string; text: string }) =>
			c.text
				.toLowerCase()
				.split(/\W+/)
				.filter((w) => w.length > 3 && decoded(c.id).includes(w)).length;
		const scores = u.candidates.map(score);
		return scores.indexOf(Math.max(...scores));
	}
};

test('nothing a student receives before answering lets the key be worked out', async ({ page, request }) => {
	test.setTimeout(240_000);
	// What the browser gets for the practice page and on Start: HTML, page data, scripts, API replies.
	const received: { name: string; body: string }[] = [];
	page.on('response', async (res) => received.push({ name: res.url(), body: await res.text().catch(() => '') }));
	await page.goto(`/m/${SLUG}`);
	await page.getByRole('button', { name: /start/i }).first().press('Enter');
	await expect(page.getByRole('button', { name: /on to the questions/ })).toBeVisible();
	await page.getByRole('button', { name: /on to the questions/ }).press('Enter');
	await expect(page.locator('article.question')).toBeVisible();
	received.push({ name: 'rendered lesson', body: await page.content() });
	const data = await request.get(`/m/${SLUG}/__data.json`);
	received.push({ name: '__data.json', body: await data.text() });
	expect(received.some((r) => r.name.includes('/api/practice'))).toBe(true);

	// No author id anywhere: question ids as strings in any body (HTML, data, scripts, replies), and
	// the ids of items, blanks and pairs in any attribute of the rendered page or id of a reply.
	const questionAuthorIds = module.questions.map((q) => q.id);
	// (An author id shaped like a public label, such as "b1", says nothing and would match one.)
	const authorIds = new Set(
		[
			...questionAuthorIds,
			...module.questions.flatMap((q) => [
				...(q.type === 'ordering' ? q.items.map((it) => it.id) : []),
				...(q.type === 'cloze' ? q.blanks.map((b) => b.id) : []),
				...(q.type === 'matching' ? q.pairs.map((p) => p.id) : [])
			])
		].filter((id) => !/^[a-z]\d{1,2}$/.test(id))
	);
	// An id that is also a word of the article or its glossary (a question about "countermeasures")
	// appears quoted as that word, which tells nothing: those are checked in ids and attributes below.
	const publicWords = JSON.stringify([module.glossary, module.timeline]) + module.passage.text;
	// Findings are gathered and checked once (thousands of single expects would each be a traced step).
	const found: string[] = [];
	for (const id of questionAuthorIds.filter(
		(x) => !publicWords.includes(`"${x}"`) && !publicWords.includes(` ${x} `)
	)) {
		for (const r of received)
			if (r.body.includes(`"${id}"`) || r.body.includes(`'${id}'`)) found.push(`${id} in ${r.name}`);
	}
	const html = received.find((r) => r.name === 'rendered lesson')!.body;
	for (const [, value] of html.matchAll(/\s(?:id|for|name|value|data-[\w-]+|aria-[\w-]+)="([^"]*)"/g)) {
		for (const token of value!.split(/\s+/)) if (authorIds.has(token)) found.push(`${token} in an attribute`);
	}
	/** Every id-like value of a reply: `id`, `questionId`, section question ids and record keys of answers. */
	const idsIn = (value: unknown, key = ''): string[] => {
		if (typeof value === 'string') return ['id', 'questionId', 'questionIds'].includes(key) ? [value] : [];
		if (Array.isArray(value)) return value.flatMap((v) => idsIn(v, key));
		if (value && typeof value === 'object')
			return Object.entries(value).flatMap(([k, v]) => [
				...(['blanks', 'pairs', 'marks'].includes(key) ? [k] : []),
				...idsIn(v, k)
			]);
		return [];
	};
	const shownIds = await page
		.locator('[data-question-id]')
		.evaluateAll((els) => els.map((el) => el.getAttribute('data-question-id')));
	expect(shownIds.length).toBeGreaterThan(0);
	for (const id of shownIds) if (authorIds.has(id!)) found.push(`${id} as data-question-id`);

	// Many attempts, exactly as the page opens them.
	const attempts: Unit[][] = [];
	for (let i = 0; i < ATTEMPTS; i++) {
		const res = await request.post('/api/practice', { data: { slug: SLUG } });
		if (res.status() !== 200) found.push(`POST /api/practice answered ${res.status()}`);
		const view = (await res.json()) as { module: PublicModule };
		// The questions and the section lists (glossary and timeline ids are public by design).
		const questionPart = [view.module.questions, view.module.sections.map((x) => x.questionIds)];
		for (const id of idsIn(questionPart, 'questionIds')) if (authorIds.has(id)) found.push(`${id} in a reply`);
		attempts.push(module.questions.flatMap((q, n) => unitsOf(q, view.module.questions[n]!)));
	}
	expect(found, 'author ids the browser received').toEqual([]);
	const trials = attempts.flat();
	expect(trials.every((u) => u.right >= 0)).toBe(true);
	expect(trials.length).toBeGreaterThan(ATTEMPTS * 10);

	const chance = trials.reduce((sum, u) => sum + 1 / u.candidates.length, 0);
	// Hoeffding: P(hits − chance ≥ t) ≤ exp(−2t²/n); t for a false alarm of 1e-6.
	const bound = chance + Math.sqrt((trials.length * Math.log(1e6)) / 2);
	const report: string[] = [];
	for (const [name, strategy] of Object.entries(STRATEGIES)) {
		let hits = 0;
		attempts.forEach((units, i) => {
			for (const u of units) if (strategy(u, attempts.slice(0, i)) === u.right) hits++;
		});
		report.push(`${name}: ${hits} of ${trials.length} (chance ${chance.toFixed(0)}, bound ${bound.toFixed(0)})`);
		expect(hits, report.at(-1)).toBeLessThanOrEqual(bound);
	}
	// The same label is not the answer every time either: no fixed position is right more than chance.
	const longest = Math.max(...trials.map((u) => u.candidates.length));
	for (let position = 0; position < longest; position++) {
		const hits = trials.filter((u) => u.right === position).length;
		const p = trials.reduce((sum, u) => sum + (position < u.candidates.length ? 1 / u.candidates.length : 0), 0);
		expect(hits, `position ${position + 1}`).toBeLessThanOrEqual(p + Math.sqrt((trials.length * Math.log(1e6)) / 2));
	}
	// The order is made afresh for every attempt: no option of a choice is shown first in more
	// attempts than chance allows (a fixed or authored order would show the same one first every
	// time). Each count is its own binomial over the attempts, so each gets its own bound, with the
	// false-alarm rate shared out over all of them. (Guessing "the option shown first most often
	// before" is no per-attempt strategy: whether it hits depends on that option alone, not on the
	// order shown, so it cannot be held to the per-trial bound above.)
	const firstShown = new Map<string, { k: number; counts: Map<string, number> }>();
	for (const units of attempts)
		for (const u of units) {
			const key = `${u.name}\n${u.candidates
				.map((c) => c.text)
				.sort()
				.join('\n')}`;
			const entry = firstShown.get(key) ?? { k: u.candidates.length, counts: new Map<string, number>() };
			entry.counts.set(u.candidates[0]!.text, (entry.counts.get(u.candidates[0]!.text) ?? 0) + 1);
			firstShown.set(key, entry);
		}
	const pairs = [...firstShown.values()].reduce((sum, e) => sum + e.k, 0);
	for (const [key, { k, counts }] of firstShown) {
		const shownFirst = Math.max(...counts.values());
		const limit = ATTEMPTS / k + Math.sqrt((ATTEMPTS * Math.log(1e6 * pairs)) / 2);
		expect(
			shownFirst,
			`${key.split('\n')[0]}: one option shown first in ${shownFirst} of ${ATTEMPTS}`
		).toBeLessThanOrEqual(limit);
	}
	test.info().annotations.push({ type: 'strategies', description: report.join('; ') });
});
