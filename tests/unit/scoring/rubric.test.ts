import { describe, expect, it } from 'vitest';
import { toPublicQuestion } from '../../../src/lib/content/public.ts';
import { rubric as rubricSchema, type Rubric } from '../../../src/lib/content/schema.ts';
import { matchRubric } from '../../../src/lib/scoring/rubric.ts';
import { typoAllowance, typoDistance, wordsOf } from '../../../src/lib/scoring/words.ts';
import { realModule } from './helpers.ts';

const rubric = (r: unknown): Rubric => rubricSchema.parse(r);

describe('wordsOf', () => {
	it.each([
		['The renewal of UN sanctions', ['renewal', 'of', 'un', 'sanctions']],
		["the U.N.'s panel", ['un', 'panel']],
		['Washington, D.C.', ['washington', 'dc']],
		['Korea’s  sanctions-monitoring', ['korea', 'sanctions', 'monitoring']],
		['three thousand apples', ['3000', 'apples']],
		['food, oil & cash', ['food', 'oil', 'and', 'cash']],
		['', []],
		['  ...  ', []]
	])('%j → %j', (text, words) => {
		expect(wordsOf(text).map((w) => w.text)).toEqual(words);
	});

	it('gives each word its English stem', () => {
		expect(wordsOf('renewing monitored sanctions hostility').map((w) => w.stem)).toEqual([
			'renew',
			'monitor',
			'sanction',
			'hostil'
		]);
	});
});

describe('typo allowance and distance', () => {
	it.each([
		['oil', 0],
		['cash', 1],
		['hostile', 1],
		['monitors', 2],
		['washington', 2],
		['3000', 0]
	])('%s forgives %s typos', (word, n) => {
		expect(typoAllowance(word)).toBe(n);
	});

	it.each([
		['cash', 'cash', 0],
		['cash', 'cahs', 1],
		['cash', 'csah', 1],
		['hostile', 'hostle', 1],
		['washington', 'whashington', 1],
		['washington', 'wahsingtn', 2],
		['many', 'main', 2],
		['monitoring', 'sanctions', 3]
	])('%s ~ %s: %s', (a, b, d) => {
		expect(typoDistance(a, b, 2)).toBe(d);
	});
});

describe('matchRubric', () => {
	const veto = rubric({
		required: [
			{ any: ['monitoring', 'panel'], feedback: 'Monitoring, not the sanctions themselves.' },
			['sanctions', 'panel']
		],
		forbidden: [{ any: ['multilateral', '11 countries'], feedback: 'That team came later.' }, ['against Russia']]
	});

	it('accepts the concepts in any order, with other words around them and stems that differ', () => {
		expect(matchRubric(veto, 'it vetoed the monitoring of sanctions')).toMatchObject({ credit: 1, accepted: true });
		expect(matchRubric(veto, 'Sanctions monitor renewal')).toMatchObject({ credit: 1, accepted: true });
		expect(matchRubric(veto, 'the UN panel')).toMatchObject({
			credit: 1,
			matched: ['monitoring', 'sanctions'],
			found: ['panel', 'panel']
		});
	});

	it('forgives typos in long words but not in short ones or in the first letter', () => {
		expect(matchRubric(veto, 'santions monitering').accepted).toBe(true);
		expect(matchRubric(veto, 'sanctoins monitring').accepted).toBe(true);
		expect(matchRubric(veto, 'xanctions monitoring').accepted).toBe(false);
		const oil = rubric({ required: [['oil'], ['cash']] });
		expect(matchRubric(oil, 'oli and cahs').missing).toEqual(['oil']);
	});

	it('does not read an everyday word or another word of the rubric as a typo', () => {
		const cash = rubric({ required: [['cash']] });
		expect(matchRubric(cash, 'in this case').accepted).toBe(false);
		const team = rubric({ required: [['teams']], forbidden: [['tram']] });
		expect(matchRubric(team, 'tram').accepted).toBe(false);
	});

	it('says what is missing, and gives the missing concept’s feedback once another concept is there', () => {
		expect(matchRubric(veto, 'UN sanctions')).toEqual({
			credit: 0,
			accepted: false,
			matched: ['sanctions'],
			found: ['sanctions'],
			missing: ['monitoring'],
			forbidden: [],
			feedback: 'Monitoring, not the sanctions themselves.'
		});
		expect(matchRubric(veto, 'a peace deal')).toMatchObject({ missing: ['monitoring', 'sanctions'], feedback: null });
	});

	it('refuses an answer with a forbidden concept, even if every required one is there', () => {
		expect(matchRubric(veto, 'the Multilateral Sanctions Monitoring Team')).toMatchObject({
			credit: 0,
			accepted: false,
			forbidden: ['multilateral'],
			feedback: 'That team came later.'
		});
		expect(matchRubric(veto, 'the sanctions monitoring of eleven countries').forbidden).toEqual(['multilateral']);
		expect(matchRubric(veto, 'sanctions monitoring against Russia').forbidden).toEqual(['against Russia']);
	});

	it('matches a phrase only with its words next to each other and in order', () => {
		expect(matchRubric(veto, 'sanctions monitoring against North Korea, not Russia').accepted).toBe(true);
		expect(matchRubric(veto, 'Russia against sanctions monitoring').accepted).toBe(true);
	});

	it('gives the share of required concepts found when the rubric allows partial credit', () => {
		const three = rubric({ required: [['food'], ['oil', 'fuel'], ['cash', 'money']], partialCredit: true });
		expect(matchRubric(three, 'food, fuel and money').credit).toBe(1);
		expect(matchRubric(three, 'food and oil').credit).toBeCloseTo(2 / 3, 6);
		expect(matchRubric(three, 'weapons').credit).toBe(0);
		const strict = rubric({ required: [['food'], ['oil']] });
		expect(matchRubric(strict, 'food').credit).toBe(0);
	});

	it('finds nothing in an empty answer', () => {
		expect(matchRubric(veto, '')).toMatchObject({ credit: 0, matched: [], forbidden: [] });
		expect(matchRubric(veto, '   ')).toMatchObject({ credit: 0, matched: [], forbidden: [] });
	});

	it('reads numbers written as words or digits alike', () => {
		const count = rubric({ required: [['3,000']] });
		expect(matchRubric(count, 'three thousand soldiers').accepted).toBe(true);
		expect(matchRubric(count, 'up to 3000').accepted).toBe(true);
		expect(matchRubric(count, '300').accepted).toBe(false);
	});
});

describe('the public projection', () => {
	it('carries no rubric, model answer or wrong answers of a typed question', () => {
		const m = realModule();
		for (const q of m.questions) {
			if (q.type !== 'short-answer' && q.type !== 'cloze') continue;
			const json = JSON.stringify(toPublicQuestion(q, m.passage.text));
			for (const field of ['rubric', 'required', 'forbidden', 'partialCredit', 'wrongAnswers', 'answer']) {
				expect(json, `${q.id}: ${field}`).not.toContain(`"${field}"`);
			}
			const typed = q.type === 'short-answer' ? [q.answer] : q.blanks.filter((b) => !b.choices).map((b) => b.answer);
			for (const answer of typed) expect(json.toLowerCase(), q.id).not.toContain(answer.toLowerCase());
		}
	});
});
