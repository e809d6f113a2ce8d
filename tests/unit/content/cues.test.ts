/**
 * Cues across a bank: a student who does not read plays a simple rule on every choice (the longest
 * option, the shortest, neither, the most specific, the only hedge, the only negative, the only
 * number). The strategies and the chance bound are checked here, then played against every shipped
 * module straight from its loaded content: none may beat chance.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	chanceThreshold,
	choiceUnits,
	CUE_FALSE_ALARM,
	FORM_STRATEGIES,
	LENGTH_STRATEGIES,
	playStrategy,
	tailAtLeast,
	type ChoiceUnit,
	type Strategy
} from '../../../src/lib/content/cues.ts';
import { loadModuleDir } from '../../../src/lib/server/content.ts';

const strategy = (name: string): Strategy => [...LENGTH_STRATEGIES, ...FORM_STRATEGIES].find((s) => s.name === name)!;
const unit = (options: string[], key: number): ChoiceUnit => ({
	questionId: 'q',
	part: 'options',
	keyPath: ['options', key, 'text'],
	options,
	key
});

describe('the chance bound', () => {
	it.each([
		// n trials at p, at least c successes: the binomial tail, summed term by term elsewhere.
		{ n: 15, p: 0.25, c: 7, tail: 0.05662031006067991 },
		{ n: 15, p: 0.25, c: 6, tail: 0.148368077352643 },
		{ n: 18, p: 0.25, c: 8, tail: 0.05694798065815121 },
		{ n: 3, p: 1 / 3, c: 3, tail: 1 / 27 },
		{ n: 10, p: 0.5, c: 9, tail: 11 / 1024 },
		{ n: 4, p: 0.25, c: 0, tail: 1 }
	])('P(X ≥ $c) over $n trials at $p is $tail', ({ n, p, c, tail }) => {
		expect(tailAtLeast(Array(n).fill(p), c)).toBeCloseTo(tail, 12);
	});

	it('takes one probability per choice, so three- and four-option items mix', () => {
		// Two sure trials and one at 1/3: at least 3 needs the uncertain one.
		expect(tailAtLeast([1, 1, 1 / 3], 3)).toBeCloseTo(1 / 3, 12);
		expect(tailAtLeast([0.25, 1 / 3], 2)).toBeCloseTo(1 / 12, 12);
	});

	it('trips on 7 of 15 four-option keys being the longest, where chance gives 3.75', () => {
		const probabilities = Array(15).fill(0.25);
		expect(chanceThreshold(probabilities)).toBe(7);
		expect(tailAtLeast(probabilities, 7)).toBeLessThanOrEqual(CUE_FALSE_ALARM);
		expect(tailAtLeast(probabilities, 6)).toBeGreaterThan(CUE_FALSE_ALARM);
	});

	it('never trips on a single choice or on choices where a strategy sees nothing', () => {
		expect(chanceThreshold([0.25])).toBe(2);
		expect(chanceThreshold([1, 1, 1])).toBe(4);
	});
});

describe('the strategies', () => {
	const options = ['It rained.', 'The council voted to move it.', 'It was sold to a builder.', 'No one knows.'];

	it.each([
		['the longest option', [1]],
		['the shortest option', [0]],
		['neither the longest nor the shortest', [2, 3]],
		['the most specific option', [1]]
	])('%s chooses among %j', (name, chosen) => {
		expect(strategy(name).choose(options)).toEqual(chosen);
	});

	it('choose among every option tied for the extreme', () => {
		expect(strategy('the longest option').choose(['On Monday', 'On Friday', 'In May'])).toEqual([0, 1]);
		expect(strategy('the most specific option').choose(['The roof', 'The walls', 'The floor'])).toEqual([0, 1, 2]);
	});

	it.each([
		['the only option that hedges', ['It may rain.', 'It rained.', 'It snowed.'], [0]],
		['the only negative option', ['It did not rain.', 'It rained.', 'It snowed.'], [0]],
		['the only option with a number', ['Three days.', 'Some days.', 'Many days.'], [0]],
		['the only option that hedges', ['It may rain.', 'It might snow.', 'It snowed.'], [0, 1, 2]]
	])('%s on %j chooses among %j', (name, opts, chosen) => {
		expect(strategy(name).choose(opts)).toEqual(chosen);
	});

	it('score a hit where the key is among the chosen, against chance from how many were chosen', () => {
		const units = [unit(['short', 'a longer one', 'mid one'], 1), unit(['aa', 'bb', 'c'], 0)];
		const score = playStrategy(units, strategy('the longest option'));
		expect(score.hits).toHaveLength(2);
		expect(score.chance).toBeCloseTo(1 / 3 + 2 / 3, 12);
		expect(score.expectedScore).toBeCloseTo(1 + 1 / 2, 12);
		expect(score.pValue).toBeCloseTo((1 / 3) * (2 / 3), 12);
	});
});

const ROOTS = ['questions', 'tests/fixtures/e2e-questions'];
const shipped = ROOTS.flatMap((root) =>
	readdirSync(root)
		.filter((slug) => existsSync(join(root, slug, 'lesson.yaml')))
		.map((slug) => ({ root, slug }))
);

describe.each(shipped)('$root/$slug played without reading', ({ root, slug }) => {
	const loaded = loadModuleDir(join(root, slug), slug);
	if (!loaded.ok) throw new Error(`${slug} does not load`);
	const m = loaded.module;
	const units = choiceUnits(m);

	it('offers every one-of-several choice to the strategies', () => {
		const count = (type: string) => m.questions.filter((q) => q.type === type).length;
		const dropDowns = m.questions.flatMap((q) => (q.type === 'cloze' ? q.blanks.filter((b) => b.choices) : []));
		expect(units).toHaveLength(count('single-choice') + 2 * count('evidence-paired') + dropDowns.length);
		for (const u of units) expect(u.options[u.key], `${u.questionId} ${u.part}`).toBeDefined();
	});

	it.each([...LENGTH_STRATEGIES, ...FORM_STRATEGIES].map((s) => [s.name, s] as const))(
		'%s scores within the chance bound',
		(_, s) => {
			const score = playStrategy(units, s);
			expect(
				score.hits.length,
				`${s.name}: ${score.hits.length} of ${score.choices}, chance ${score.chance.toFixed(1)}`
			).toBeLessThan(score.threshold);
		}
	);
});
