/**
 * The shipped module's typed answers, judged the way students type them: at least 30 right
 * paraphrases and 10 wrong answers per short answer and per typed cloze blank, graded through the
 * real grader with the real rubrics. Right ones must be marked right, wrong ones must earn nothing.
 */
import { describe, expect, it } from 'vitest';
import { labelling } from '../../../src/lib/content/public.ts';
import { grade } from '../../../src/lib/scoring/grade.ts';
import { questionOf, realModule } from './helpers.ts';

const real = realModule();

interface Table {
	question: string;
	/** A typed blank of a cloze question; none for a short answer. */
	blank?: string;
	right: string[];
	wrong: string[];
	/** Partly right answers and the share of the blank they earn (rubrics with partial credit). */
	partial?: [string, number][];
}

const tables: Table[] = [
	{
		question: 'russia-vetoed',
		right: [
			'the renewal of the UN panel monitoring sanctions on North Korea',
			'renewal of the UN sanctions monitoring',
			'The renewal of UN sanctions-monitoring activities against North Korea.',
			'renewal of sanctions monitoring',
			'it vetoed the renewal of UN sanctions monitoring',
			'it vetoed renewing the sanctions monitoring panel',
			'UN sanctions monitoring',
			'sanctions monitoring against north korea',
			'the monitoring of sanctions against North Korea',
			'monitoring of sanctions on nk',
			'the UN panel',
			'renewal of the un panel',
			'the UN panel that monitors sanctions',
			'sanction monitoring',
			'santions monitoring',
			'renewal of un sanctions monitering',
			'renewel of sanctions monitoring',
			'Russia vetoed the renewal of UN sanctions monitoring activities against North Korea',
			'UN monitoring of sanctions against North Korea',
			'continuing the monitoring of un sanctions',
			'renewing the UN sanctions monitoring',
			'the sanctions monitoring panel',
			'a un panel of experts checking the sanctions',
			'keeping the sanctions monitors going',
			'the extension of the panel monitoring north korea sanctions',
			'un sanction monitoring activites',
			'Renewal Of U.N. Sanctions Monitoring',
			'it stopped the UN from monitoring sanctions on north korea',
			"the renewal of the U.N.'s panel that watched over the sanctions",
			'monitoring whether north korea obeys the sanctions',
			"the un sanctions panel's renewal",
			'renewal of sanctions monitorin',
			"the UN's sanctions-monitoring work on north korea",
			'oversight of sanctions against north korea',
			'they vetoed the sanctions monitoring renewal at the un'
		],
		wrong: [
			'sanctions against North Korea',
			'UN sanctions',
			'sanctions',
			'the Multilateral Sanctions Monitoring Team',
			'new sanctions on north korea',
			'the renewal of the sanctions',
			"a resolution against russia's invasion of ukraine",
			'a briefing on the troop movements',
			'the monitoring of north korean troops in russia',
			'sanctions monitoring on russia',
			'the sanctions monitoring team of 11 countries',
			'the mutual defence agreement',
			'it vetoed north korea joining the un',
			'more sanctions',
			'a peace deal'
		]
	},
	{
		question: 'summit-city',
		right: [
			'Washington, D.C.',
			'washington dc',
			'Washington',
			'washington d.c',
			'in Washington',
			'Washington DC in July',
			'it was held in Washington, D.C.',
			'DC',
			'D.C.',
			'washingtom',
			'Washingon',
			'whashington',
			'wahsington dc',
			'washinton dc',
			'WASHINGTON',
			'the city of Washington',
			'Washington D.C, USA',
			'Washington in the US',
			'Washington, United States',
			'washington dc usa',
			'in washington dc in july',
			'The summit was held in Washington, D.C.',
			'washingtn',
			'Washignton D.C.',
			'Washington District of Columbia',
			'district of columbia',
			'Washington, DC, America',
			'washington d.c.',
			'It was in Washington',
			'washngton',
			'Wshington DC',
			'washington, the US capital'
		],
		wrong: [
			'Seoul',
			'Brussels',
			'New York',
			'Moscow',
			'Kyiv',
			'Tokyo',
			'Pyongyang',
			'Vilnius',
			'London',
			'Washington State',
			'in July',
			'at NATO headquarters',
			'Canberra',
			'seattle, washington'
		]
	},
	{
		question: 'constitution-label',
		right: [
			'a hostile state',
			'hostile state',
			'hostile',
			'as a hostile state',
			'a hostile state for the first time',
			'it calls it a hostile state',
			'HOSTILE STATE',
			'a hostle state',
			'a hostil state',
			'hostile country',
			'a hostile nation',
			'an hostile state',
			'the constitution calls south korea a hostile state',
			'hostile state.',
			'"a hostile state"',
			"a 'hostile state'",
			'it labels South Korea a hostile state',
			'Hostile State',
			'a hostiel state',
			'a hostile',
			'they call it hostile',
			'a state that is hostile',
			'hostile states',
			'the south is a hostile state',
			'a hostille state',
			'A hostile state for the 1st time',
			'south korea is a hostile state',
			'as hostile',
			'hostile sate',
			'a hostle',
			'hostiile state'
		],
		wrong: [
			'evil',
			'an enemy state',
			'enemy',
			'a friendly state',
			'a puppet state',
			'a threat',
			'not a hostile state',
			'the south',
			'an evil state',
			'a rogue state',
			'a dangerous country',
			'a hostile and evil state',
			'its main enemy',
			'a brother country',
			'no longer hostile'
		]
	},
	{
		question: 'marriage-of-convenience',
		blank: 'b2',
		right: [
			'food, oil and cash',
			'food oil cash',
			'oil, cash and food',
			'cash food oil',
			'Food, oil, and cash',
			'foods, oil and cash',
			'food and oil and cash',
			'oil food and money',
			'money, food and oil',
			'fuel, food and cash',
			'food, fuel and money',
			'foood, oil and cash',
			'food, oil and cahs',
			'food, oil, csah',
			'it gets food, oil and cash',
			'Pyongyang gets food, oil and cash',
			'food, oil and cash from russia',
			'food oil and cash in exchange',
			'Food, oil & cash',
			'food,oil,cash',
			'FOOD OIL CASH',
			'food supplies, oil and cash',
			'food, oil and hard cash',
			'cash, oil and food',
			'they get food oil and cash',
			'food, petrol and cash',
			'food, oil, and cash for its weapons',
			'food, oil and cash payments',
			'oil and cash and also food',
			'food, oil and cassh',
			'food, oil n cash',
			'russian food, oil and cash',
			'food, oil, dollars',
			'fod, oil and cash'
		],
		wrong: [
			'weapons',
			'ammunition, missiles and military hardware',
			'soldiers',
			'sensitive military technology',
			'food, oil and technology',
			'a mutual defence agreement',
			'protection from the US',
			'nothing',
			'troops',
			'support at the UN',
			'respect',
			'arms',
			'missiles'
		],
		partial: [
			['food and oil', 2 / 3],
			['oil and cash', 2 / 3],
			['money', 1 / 3],
			['food', 1 / 3],
			['weapons and food', 1 / 3]
		]
	}
];

function judge(t: Table, text: string) {
	const q = questionOf(real, t.question);
	const labels = labelling(q);
	if (!t.blank) {
		const g = grade(q, { type: 'short-answer', text }, labels);
		return { credit: g.credit, right: g.marks.text === true };
	}
	const g = grade(q, { type: 'cloze', blanks: { [t.blank]: text } }, labels);
	const blanks = q.type === 'cloze' ? q.blanks.length : 1;
	// The other blanks are left empty, so the whole credit is this blank's share.
	return { credit: g.credit * blanks, right: g.marks[t.blank] === true };
}

it('has a table for every short answer and typed cloze blank of the shipped module', () => {
	const typed = real.questions.flatMap((q) =>
		q.type === 'short-answer'
			? [q.id]
			: q.type === 'cloze'
				? q.blanks.filter((b) => !b.choices).map((b) => `${q.id} ${b.id}`)
				: []
	);
	expect(tables.map((t) => (t.blank ? `${t.question} ${t.blank}` : t.question)).sort()).toEqual(typed.sort());
});

describe.each(tables)('$question $blank', (t) => {
	it('has at least 30 right paraphrases and 10 wrong answers, none twice', () => {
		expect(t.right.length).toBeGreaterThanOrEqual(30);
		expect(t.wrong.length).toBeGreaterThanOrEqual(10);
		const all = [...t.right, ...t.wrong];
		expect(new Set(all).size).toBe(all.length);
	});

	it.each(t.right)('accepts %j', (text) => {
		expect(judge(t, text)).toEqual({ credit: 1, right: true });
	});

	it.each(t.wrong)('refuses %j', (text) => {
		expect(judge(t, text)).toEqual({ credit: 0, right: false });
	});

	if (t.partial) {
		it.each(t.partial)('gives %j part of the blank (%s)', (text, share) => {
			const got = judge(t, text);
			expect(got.right).toBe(false);
			expect(got.credit).toBeCloseTo(share, 3);
		});
	}
});
