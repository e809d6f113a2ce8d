import { describe, expect, it } from 'vitest';
import { answersMatch, normalizeAnswer } from '../../../src/lib/scoring/normalize.ts';

describe('normalizeAnswer', () => {
	it.each([
		// numbers written every way
		['3,000', '3000'],
		['3000', '3000'],
		['three thousand', '3000'],
		['3 000', '3000'],
		['3 thousand', '3000'],
		['1,000,000', '1000000'],
		['11', '11'],
		['eleven', '11'],
		['twenty-one', '21'],
		['twenty one', '21'],
		['twenty-one thousand', '21000'],
		['a hundred', '100'],
		['one hundred and five', '105'],
		['nineteen hundred', '1900'],
		['two thousand and twenty-four', '2024'],
		['zero', '0'],
		// decimals stay digits
		['1.5', '1.5'],
		['1.50', '1.5'],
		['1.5 million', '1500000'],
		['1,234.5', '1234.5'],
		// case, punctuation, quotes, spaces
		['Eleven.', '11'],
		['  “Groundless   rumours.” ', 'groundless rumours'],
		['"Groundless rumours"', 'groundless rumours'],
		['Kim’s bluster', 'kims bluster'],
		["Kim's bluster", 'kims bluster'],
		['sanctions-monitoring', 'sanctions monitoring'],
		['Food, oil, and cash!', 'food oil and cash'],
		['café', 'cafe'],
		['50%', '50 percent'],
		// leading articles
		['The renewal of UN sanctions', 'renewal of un sanctions'],
		['an embargo', 'embargo'],
		['A  ban', 'ban'],
		['food and the cash', 'food and the cash'],
		['the', 'the'],
		// words that are not one number stay apart
		['two three', '2 3'],
		['up to 3,000 special forces', 'up to 3000 special forces'],
		['', '']
	])('%j → %j', (input, expected) => {
		expect(normalizeAnswer(input)).toBe(expected);
	});
});

describe('answersMatch', () => {
	it.each([
		['three thousand', ['3,000'], true],
		['3 000', ['three thousand'], true],
		['Eleven', ['11'], true],
		['the sanctions panel', ['sanctions panel'], true],
		['THE SANCTIONS PANEL.', ['the sanctions panel'], true],
		['‘sanctions monitoring’', ['sanctions monitoring'], true],
		['300', ['3,000'], false],
		['thirty', ['3,000'], false],
		['sanctions', ['sanctions monitoring'], false],
		['', ['3,000'], false],
		['   ', ['3,000'], false],
		['?!', ['3,000'], false],
		['food', ['benefit', 'food'], true]
	])('%j against %j → %s', (given, accepted, expected) => {
		expect(answersMatch(given, accepted)).toBe(expected);
	});
});
