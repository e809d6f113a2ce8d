import { describe, expect, it } from 'vitest';
import { sentence, verdictText, withoutVerdict } from '../../../src/lib/format/verdict';

describe('withoutVerdict', () => {
	it.each([
		['Right. The spy agency alleged "up to 3,000" soldiers.', 'The spy agency alleged "up to 3,000" soldiers.'],
		['Not quite: the passage says "would consider".', 'The passage says "would consider".'],
		['Correct! that sentence names the fear.', 'That sentence names the fear.'],
		['No. Pyongyang denied it.', 'Pyongyang denied it.'],
		['Wrong — it was June.', 'It was June.']
	])('drops the verdict at the start of %j', (line, expected) => {
		expect(withoutVerdict(line)).toBe(expected);
	});

	it.each([
		'No more than 3,000 soldiers were alleged.',
		'Rightly or not, Seoul alleged it.',
		'The passage says "right".',
		'Yesterday the agency said so.',
		'Close, but Russia vetoed the monitoring, not the sanctions.'
	])('leaves %j as it is', (line) => {
		expect(withoutVerdict(line)).toBe(line);
	});
});

describe('verdictText and sentence', () => {
	it('names one verdict, and ends it with one stop', () => {
		expect(verdictText({ verdict: 'partial', revealed: false, tryNumber: 1 })).toBe('Partly right');
		expect(verdictText({ verdict: 'correct', revealed: false, tryNumber: 2 })).toBe('Right this time!');
		expect(verdictText({ verdict: 'incorrect', revealed: true, tryNumber: 3 })).toBe('Here is the answer');
		expect(sentence('Right!')).toBe('Right!');
		expect(sentence('Partly right')).toBe('Partly right.');
	});
});
