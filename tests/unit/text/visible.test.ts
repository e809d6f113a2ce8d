import { describe, expect, it } from 'vitest';
import { textProblem, textProblemMessage } from '../../../src/lib/text/visible.ts';
import { parseCreateForm } from '../../../src/lib/server/assignments/create.ts';
import { displayName } from '../../../src/lib/server/assignments/student.ts';

describe('text people can see', () => {
	it.each([
		['Ann', null],
		['김민준', null],
		['محمد علي', null],
		['José 👍', null],
		['O’Brien-Smith', null],
		['a\u0000b', 'control'],
		['a\u0007b', 'control'],
		['a\ud800b', 'broken'],
		['a\udc00', 'broken'],
		['a\ufffdb', 'broken'],
		['abc\u202edef', 'direction'],
		['\u2067Ann\u2069', 'direction'],
		['\u200b\u200b\u2060', 'invisible'],
		['\u3164', 'invisible'],
		['\u0301\u0301', 'invisible'],
		['\u{E0041}\u{E0042}', 'invisible'],
		['\u2800', 'invisible']
	])('%j: %s', (text, problem) => {
		expect(textProblem(text)).toBe(problem);
	});

	it('explains each problem in words, naming the field', () => {
		expect(textProblemMessage('invisible', 'name')).toBe(
			'The name has no letters that can be seen. Type a name people can read.'
		);
		expect(textProblemMessage('direction', 'title')).toContain('text-direction');
	});
});

describe('names and titles use the one check', () => {
	const form = (title: string) => {
		const f = new FormData();
		for (const [k, v] of Object.entries({
			module: 'm',
			title,
			feedback: 'immediate',
			attemptsAllowed: '1',
			triesPerQuestion: '3'
		}))
			f.set(k, v);
		return f;
	};
	it.each([
		['a\u0000b', 'control character'],
		['\u200b \u200b', 'no letters that can be seen'],
		['Quiz \u202etxt.exe', 'text-direction'],
		['Quiz \ud800', 'broken character']
	])('title %j is refused (%s)', (title, words) => {
		const parsed = parseCreateForm(form(title), new Date(), () => true);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.errors.title).toContain(words);
	});
	it.each([
		['\u200b\u200b', 'no letters that can be seen'],
		['Ann\u202e', 'text-direction'],
		['An\udc00n', 'broken character'],
		['a\u0000', 'control character']
	])('name %j is refused (%s)', (name, words) => {
		const parsed = displayName.safeParse(name);
		expect(parsed.success).toBe(false);
		expect(parsed.error?.issues[0]?.message).toContain(words);
	});
	it('a name in any script passes and is tidied', () => {
		expect(displayName.parse('  김민준  ')).toBe('김민준');
		expect(parseCreateForm(form('  Year 9  '), new Date(), () => true)).toMatchObject({
			ok: true,
			value: { title: 'Year 9' }
		});
	});
});
