/**
 * Cues across a bank: a test-wise student who has not read the passage plays a simple rule on every
 * choice ("pick the longest option", "never the shortest", "the only one that hedges"). One item
 * whose key is a little longer than its distractors proves nothing; a bank whose keys are the
 * longest option again and again pays that student. Each strategy is played over a module's
 * choices and its hits are compared with what chance gives, under the exact distribution of hits
 * when the key's place among the options is random (a binomial with one probability per choice).
 */
import type { Module, Path, ResolvedQuestion } from './module.ts';
import { contentWords } from './words.ts';

/** One choice a student makes among options shown together, and which option is the key. */
export interface ChoiceUnit {
	questionId: string;
	/** What part of the question it is: "options", "part B" or "blank b1". */
	part: string;
	/** Where the key option is written, for messages. */
	keyPath: Path;
	options: string[];
	key: number;
}

/** Every one-of-several choice of a module: single choices, both parts of evidence-paired items, cloze drop-downs. */
export function choiceUnits(m: Module, questions: ResolvedQuestion[] = m.questions): ChoiceUnit[] {
	const passage = (r: { start: number; end: number }) => m.passage.text.slice(r.start, r.end);
	return questions.flatMap((q): ChoiceUnit[] => {
		const units: ChoiceUnit[] = [];
		if (q.type === 'single-choice' || q.type === 'evidence-paired') {
			const key = q.options.findIndex((o) => o.correct);
			units.push({
				questionId: q.id,
				part: 'options',
				keyPath: ['options', key, 'text'],
				options: q.options.map((o) => o.text),
				key
			});
		}
		if (q.type === 'evidence-paired') {
			const key = q.partB.options.findIndex((o) => o.correct);
			units.push({
				questionId: q.id,
				part: 'part B',
				keyPath: ['partB', 'options', key, 'quote'],
				options: q.partB.options.map((o) => passage(q.resolved.partB![o.id]!)),
				key
			});
		}
		if (q.type === 'cloze') {
			q.blanks.forEach((b, bi) => {
				const choices = b.choices ?? [];
				const key = choices.findIndex((c) => c.trim().toLowerCase() === b.answer.trim().toLowerCase());
				if (choices.length >= 2 && key >= 0)
					units.push({
						questionId: q.id,
						part: `blank ${b.id}`,
						keyPath: ['blanks', bi, 'answer'],
						options: choices,
						key
					});
			});
		}
		return units;
	});
}

// ── Forms ────────────────────────────────────────────────────────────────────────────────────────

export const HEDGES =
	/\b(?:may|might|could|perhaps|possibly|likely|probably|suspects?|suspected|consider(?:s|ing)?|seems?|appears?|allegedly|reportedly|alleged|unclear|uncertain|unsure|not sure)\b/i;
export const NEGATIVES = /\b(?:not|no|never|none|nothing|neither|nor|without)\b|n['’]t\b/i;
export const NUMBERS =
	/\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred|thousand|million|dozen)\b/i;

// ── Strategies ───────────────────────────────────────────────────────────────────────────────────

/**
 * A rule a student plays without reading: from the options, the ones it would choose among (at
 * random, when there are several). Where the rule sees nothing to go on it keeps them all.
 */
export interface Strategy {
	name: string;
	/** "the right option is …": how a message names what the strategy picks. */
	picks: string;
	/** What an author does about a bank that falls to it. */
	advice: string;
	choose: (options: string[]) => number[];
}

const extremes = (options: string[], measure: (text: string) => number, pick: 'max' | 'min') => {
	const values = options.map(measure);
	const best = pick === 'max' ? Math.max(...values) : Math.min(...values);
	return values.flatMap((v, i) => (v === best ? [i] : []));
};
const length = (text: string) => text.trim().length;
/** Detail: the distinct words other than function words (the, of, would…). */
export const specificity = (text: string) => contentWords(text).length;
const onlyOne = (re: RegExp) => (options: string[]) => {
	const having = options.flatMap((o, i) => (re.test(o) ? [i] : []));
	return having.length === 1 ? having : options.map((_, i) => i);
};

/** The length strategies the bank rule checks. */
export const LENGTH_STRATEGIES: Strategy[] = [
	{
		name: 'the longest option',
		picks: 'the longest',
		advice: 'shorten some keys or lengthen their distractors',
		choose: (o) => extremes(o, length, 'max')
	},
	{
		name: 'the shortest option',
		picks: 'the shortest',
		advice: 'lengthen some keys or shorten their distractors',
		choose: (o) => extremes(o, length, 'min')
	},
	{
		name: 'neither the longest nor the shortest',
		picks: 'neither the longest nor the shortest',
		advice: 'let some keys be the longest or the shortest option',
		choose: (o) => {
			const outer = new Set([...extremes(o, length, 'max'), ...extremes(o, length, 'min')]);
			const middle = o.flatMap((_, i) => (outer.has(i) ? [] : [i]));
			return middle.length > 0 ? middle : o.map((_, i) => i);
		}
	},
	{
		name: 'the most specific option',
		picks: 'the most specific (the most content words)',
		advice: 'give distractors as much detail as keys',
		choose: (o) => extremes(o, specificity, 'max')
	}
];

/** The form strategies: the odd one out. Each item that falls to one is flagged on its own (odd-one-out). */
export const FORM_STRATEGIES: Strategy[] = [
	{
		name: 'the only option that hedges',
		picks: 'the only hedge',
		advice: 'hedge in the stem',
		choose: onlyOne(HEDGES)
	},
	{
		name: 'the only negative option',
		picks: 'the only negative',
		advice: 'word every option in one form',
		choose: onlyOne(NEGATIVES)
	},
	{
		name: 'the only option with a number',
		picks: 'the only one with a number',
		advice: 'give distractors numbers too',
		choose: onlyOne(NUMBERS)
	}
];

// ── Chance ───────────────────────────────────────────────────────────────────────────────────────

/** A bank trips a strategy when chance alone reaches its hits less often than this. */
export const CUE_FALSE_ALARM = 0.1;

/** P(X ≥ c) where X counts successes of independent trials with the given probabilities. */
export function tailAtLeast(probabilities: number[], c: number): number {
	let dist = [1];
	for (const p of probabilities) {
		const next = new Array<number>(dist.length + 1).fill(0);
		dist.forEach((d, k) => {
			next[k]! += d * (1 - p);
			next[k + 1]! += d * p;
		});
		dist = next;
	}
	return Math.min(
		1,
		dist.slice(Math.max(0, c)).reduce((a, b) => a + b, 0)
	);
}

/** The fewest hits that chance reaches with probability at most `alpha` (one more than all trials if none). */
export function chanceThreshold(probabilities: number[], alpha = CUE_FALSE_ALARM): number {
	for (let c = 0; c <= probabilities.length; c++) if (tailAtLeast(probabilities, c) <= alpha) return c;
	return probabilities.length + 1;
}

export interface CueScore {
	strategy: Strategy;
	choices: number;
	/** Choices where the key is among the options the strategy would choose from. */
	hits: ChoiceUnit[];
	/** Hits expected by chance: the sum over choices of (options chosen among) / (options). */
	chance: number;
	/** Hits from which chance is tripped (probability at most CUE_FALSE_ALARM). */
	threshold: number;
	/** P(hits at least as many | key placed at random). */
	pValue: number;
	/** What the student scores on average (a tie is broken at random). */
	expectedScore: number;
}

export function playStrategy(units: ChoiceUnit[], strategy: Strategy, alpha = CUE_FALSE_ALARM): CueScore {
	const probabilities: number[] = [];
	const hits: ChoiceUnit[] = [];
	let expectedScore = 0;
	for (const u of units) {
		const chosen = strategy.choose(u.options);
		probabilities.push(chosen.length / u.options.length);
		if (chosen.includes(u.key)) {
			hits.push(u);
			expectedScore += 1 / chosen.length;
		}
	}
	return {
		strategy,
		choices: units.length,
		hits,
		chance: probabilities.reduce((a, b) => a + b, 0),
		threshold: chanceThreshold(probabilities, alpha),
		pValue: tailAtLeast(probabilities, hits.length),
		expectedScore
	};
}
