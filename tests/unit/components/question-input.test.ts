/**
 * The question components rendered on the server (svelte/server) with the first module's real
 * public questions: what a student and a screen reader get from the markup.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import QuestionInput from '../../../src/lib/components/questions/QuestionInput.svelte';
import type { QuestionOf } from '../../../src/lib/components/questions/logic.ts';
import { toPublicModule, type PublicQuestion } from '../../../src/lib/content/public.ts';
import type { Response } from '../../../src/lib/scoring/response.ts';
import type { Solution } from '../../../src/lib/scoring/types.ts';
import { loadModuleDir } from '../../../src/lib/server/content.ts';

const slug = 'seoul-warns-north-korean-soldiers-russia';
const loaded = loadModuleDir(`questions/${slug}`, slug);
if (!loaded.ok) throw new Error('the first module must load');
const mod = toPublicModule(loaded.module);
const sentences = new Map(
	mod.passage.paragraphs.flatMap((p) => p.sentences.map((s) => [s.id, mod.passage.text.slice(s.start, s.end)] as const))
);

function question<T extends PublicQuestion['type']>(type: T): QuestionOf<T> {
	const q = mod.questions.find((x) => x.type === type);
	if (!q) throw new Error(`no ${type} question in the first module`);
	return q as QuestionOf<T>;
}

function html(
	q: PublicQuestion,
	opts: {
		response?: Response | null;
		marks?: Record<string, boolean> | null;
		solution?: Solution | null;
		disabled?: boolean;
		labelledby?: string;
	} = {}
): string {
	const { body } = render(QuestionInput, {
		props: {
			question: q,
			response: opts.response ?? null,
			onchange: () => {},
			disabled: opts.disabled ?? false,
			marks: opts.marks ?? null,
			solution: opts.solution ?? null,
			sentenceText: (id: string) => sentences.get(id) ?? id,
			labelledby: opts.labelledby
		}
	});
	return body.replace(/<!--[^]*?-->/g, '');
}

/** Each <tag …> opening tag with its attributes. */
const tags = (body: string, tag: string) => [...body.matchAll(new RegExp(`<${tag}\\b[^>]*>`, 'g'))].map((m) => m[0]);
const attr = (tagHtml: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tagHtml)?.[1] ?? null;
const has = (tagHtml: string, name: string) => new RegExp(`\\s${name}(=|\\s|>|/)`).test(tagHtml);
/** The text of each <label> (tags stripped, spaces collapsed). */
const labels = (body: string) =>
	[...body.matchAll(/<label\b[^>]*>([^]*?)<\/label>/g)].map((m) =>
		m[1]!
			.replace(/<[^>]+>/g, ' ')
			.replace(/\s+/g, ' ')
			.trim()
	);
const decode = (s: string) =>
	s
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&');

describe('single choice', () => {
	const q = question('single-choice');
	it('is a named group of native radios, one per option, sharing a name', () => {
		const body = html(q);
		const radios = tags(body, 'input');
		expect(radios).toHaveLength(q.options.length);
		expect(radios.every((r) => attr(r, 'type') === 'radio')).toBe(true);
		expect(new Set(radios.map((r) => attr(r, 'name'))).size).toBe(1);
		expect(body).toMatch(/<fieldset[^>]*aria-labelledby="[^"]+"/);
		expect(decode(body)).toContain(`>${q.prompt}</legend>`);
		expect(labels(decode(body))).toEqual(q.options.map((o) => o.text));
	});

	it('shows the chosen option as checked', () => {
		const radios = tags(html(q, { response: { type: 'single-choice', optionId: 'o2' } }), 'input');
		expect(radios.map((r) => has(r, 'checked'))).toEqual(q.options.map((o) => o.id === 'o2'));
	});

	it('marks the chosen option in words and tags the key as the answer', () => {
		const body = html(q, {
			response: { type: 'single-choice', optionId: 'o1' },
			marks: { o1: false },
			solution: { type: 'single-choice', optionId: 'o2' },
			disabled: true
		});
		const texts = labels(decode(body));
		// The chosen row carries a visible "Your answer" tag (hidden from screen readers, which say "checked").
		expect(texts[0]).toBe(`${q.options[0]!.text} Your answer not right`);
		expect(body).toMatch(/<span class="yours[^"]*" aria-hidden="true">Your answer<\/span>/);
		expect(texts[1]).toBe(`${q.options[1]!.text} Answer`);
		expect(texts[2]).toBe(q.options[2]!.text);
		expect(tags(body, 'fieldset')[0]).toMatch(/\sdisabled/);
	});

	it('is named by the page heading instead of a legend when labelledby is given', () => {
		const body = html(q, { labelledby: 'q-heading' });
		expect(body).not.toContain('<legend');
		expect(attr(tags(body, 'fieldset')[0]!, 'aria-labelledby')).toBe('q-heading');
	});
});

describe('true / false / not stated', () => {
	const q = question('true-false-not-stated');
	it('names the group with the prompt and the statement', () => {
		const body = decode(html(q, { labelledby: 'q-heading' }));
		const ids = attr(tags(body, 'fieldset')[0]!, 'aria-labelledby')!.split(' ');
		expect(ids[0]).toBe('q-heading');
		expect(body).toMatch(new RegExp(`id="${ids[1]}"[^>]*>[^]*${q.statement}`));
		expect(labels(body).map((l) => l.split(' The passage')[0])).toEqual(['True', 'False', 'Not stated']);
	});

	it('marks the chosen verdict under its own key', () => {
		const body = html(q, { response: { type: 'true-false-not-stated', choice: 'false' }, marks: { false: false } });
		expect(labels(body)[1]).toContain('not right');
	});
});

describe('multi select', () => {
	const q = question('multi-select');
	it('uses native checkboxes and says how many are chosen', () => {
		const body = html(q, { response: { type: 'multi-select', optionIds: ['o1', 'o3'] } });
		const boxes = tags(body, 'input');
		expect(boxes.every((b) => attr(b, 'type') === 'checkbox')).toBe(true);
		expect(boxes.map((b) => has(b, 'checked'))).toEqual(q.options.map((o) => ['o1', 'o3'].includes(o.id)));
		expect(body).toContain('2 chosen.');
	});

	it('marks each chosen option and only those', () => {
		const body = html(q, {
			response: { type: 'multi-select', optionIds: ['o1', 'o5'] },
			marks: { o1: true, o5: false }
		});
		const texts = labels(body);
		expect(texts[0]).toMatch(/ right$/);
		expect(texts[4]).toMatch(/ not right$/);
		expect(texts.filter((t) => / (not )?right$/.test(t))).toHaveLength(2);
	});
});

describe('short answer', () => {
	const q = question('short-answer');
	it('is a labelled text input with a length limit and a character count', () => {
		const body = html(q, { response: { type: 'short-answer', text: 'sanctions' } });
		const input = tags(body, 'input')[0]!;
		expect(attr(input, 'maxlength')).toBe(String(q.maxLength));
		expect(attr(input, 'value')).toBe('sanctions');
		expect(body).toMatch(new RegExp(`<label[^>]*for="${attr(input, 'id')}"`));
		expect(body).toContain(`9 of ${q.maxLength} characters`);
	});

	it('shows one model answer, not every accepted wording, once the question is over', () => {
		const body = html(q, {
			response: { type: 'short-answer', text: 'sanctions' },
			marks: { text: false },
			solution: { type: 'short-answer', answers: ['UN sanctions monitoring', 'sanctions monitoring'] },
			disabled: true
		});
		expect(body).toContain('A model answer');
		expect(body).toMatch(/<p class="model[^"]*">UN sanctions monitoring<\/p>/);
		expect(body).not.toContain('Accepted answers');
		expect(body).not.toMatch(/>sanctions monitoring</);
		expect(body).toContain('not right');
	});
});

describe('ordering', () => {
	const q = question('ordering');
	const itemText = (body: string) =>
		[...decode(body).matchAll(/<span class="text[^"]*">([^<]*)<\/span>/g)].map((m) => m[1]);

	it('starts from the order given and offers Move up / Move down named after each item', () => {
		const body = decode(html(q));
		expect(itemText(body)).toEqual(q.items.map((i) => i.text));
		const buttons = tags(body, 'button');
		expect(buttons).toHaveLength(q.items.length * 2);
		expect(attr(buttons[0]!, 'aria-label')).toMatch(/^Move “.+” up$/);
		expect(attr(buttons[1]!, 'aria-label')).toMatch(/^Move “.+” down$/);
		expect(has(buttons[0]!, 'disabled')).toBe(true);
		expect(has(buttons.at(-1)!, 'disabled')).toBe(true);
		expect(buttons.slice(1, -1).some((b) => has(b, 'disabled'))).toBe(false);
		expect(body).toMatch(/aria-live="polite"/);
	});

	it('shows the order of the response, ignoring a response of another type', () => {
		const order = [...q.items].reverse().map((i) => i.id);
		expect(itemText(html(q, { response: { type: 'ordering', order } }))).toEqual(
			[...q.items].reverse().map((i) => i.text)
		);
		expect(itemText(html(q, { response: { type: 'single-choice', optionId: 'o1' } }))).toEqual(
			q.items.map((i) => i.text)
		);
	});

	it('marks each placed item and lays out the correct order when over', () => {
		const [a, b, c] = q.items.map((i) => i.id) as [string, string, string];
		const body = html(q, {
			response: { type: 'ordering', order: [a, b, c] },
			marks: { [a]: false, [b]: false, [c]: true },
			solution: { type: 'ordering', order: [c, a, b] },
			disabled: true
		});
		expect(body.match(/>not right</g)).toHaveLength(2);
		expect(body.match(/>right</g)).toHaveLength(1);
		expect(body).toContain('Correct order');
		expect(tags(body, 'button')).toHaveLength(0);
	});
});

describe('matching', () => {
	const q = question('matching');
	it('has one native select per left item, labelled by its text, with Choose… first', () => {
		const body = decode(html(q, { response: { type: 'matching', pairs: { l1: 'r2' } } }));
		const selects = tags(body, 'select');
		expect(selects).toHaveLength(q.left.length);
		for (const [i, s] of selects.entries()) {
			expect(body).toContain(`<label class="left svelte-`);
			expect(body).toMatch(new RegExp(`for="${attr(s, 'id')}"[^>]*>${q.left[i]!.text}</label>`));
		}
		const options = tags(body, 'option');
		expect(options).toHaveLength(q.left.length * (q.right.length + 1));
		expect(body.match(/>Choose…</g)).toHaveLength(q.left.length);
		expect(options.filter((o) => has(o, 'selected')).map((o) => attr(o, 'value'))).toEqual(
			q.left.map((l) => (l.id === 'l1' ? 'r2' : ''))
		);
	});

	it('shows the answer of each wrong or missing match once the question is over, and none for a right one', () => {
		const body = decode(
			html(q, {
				response: { type: 'matching', pairs: { l1: 'r3', l2: 'r1', l3: null } },
				marks: { l1: true, l2: false },
				solution: { type: 'matching', pairs: { l1: 'r3', l2: 'r2', l3: 'r4' } },
				disabled: true
			})
		);
		const right = new Map(q.right.map((r) => [r.id, r.text]));
		expect(body.match(/Answer:<\/span>/g)).toHaveLength(2);
		expect(body).not.toContain(`Answer:</span> ${right.get('r3')}`);
		expect(body).toContain(`Answer:</span> ${right.get('r2')}`);
		expect(body).toContain(`Answer:</span> ${right.get('r4')}`);
		expect(body).toContain('No match chosen');
	});
});

describe('cloze', () => {
	const q = question('cloze');
	const blanks = q.parts.filter((p) => p.kind === 'blank');
	it('names every blank "Blank n of N", as a select when it has choices and a text box otherwise', () => {
		const first = blanks.find((b) => b.kind === 'blank' && b.choices);
		const pick = first?.kind === 'blank' ? first.choices![1]! : '';
		const body = html(q, { response: { type: 'cloze', blanks: first ? { [first.id]: pick } : {} } });
		const controls = [...tags(body, 'select'), ...tags(body, 'input')];
		expect(controls.map((c) => attr(c, 'aria-label')).sort()).toEqual(
			blanks.map((_, i) => `Blank ${i + 1} of ${blanks.length}`)
		);
		expect(tags(body, 'select')).toHaveLength(blanks.filter((b) => b.kind === 'blank' && b.choices).length);
		expect(tags(body, 'option').find((o) => has(o, 'selected'))).toContain(`value="${pick}"`);
	});

	it('writes the text out with the right fillings once over', () => {
		const fill = Object.fromEntries(blanks.map((b, i) => [b.kind === 'blank' ? b.id : '', `FILL${i}`]));
		const body = html(q, { solution: { type: 'cloze', blanks: fill }, disabled: true });
		expect(body).toMatch(/<strong[^>]*>FILL0<\/strong>/);
		expect(body).toMatch(/<strong[^>]*>FILL1<\/strong>/);
	});
});

describe('evidence', () => {
	const q = question('evidence');
	it('lists the selectable sentences as checkboxes labelled with the passage text', () => {
		const body = html(q);
		expect(tags(body, 'input')).toHaveLength(q.selectable.length);
		expect(labels(decode(body)).map((l) => l.replace(/ Paragraph \d+$/, ''))).toEqual(
			q.selectable.map((id) => sentences.get(id)!.replace(/\s+/g, ' ').trim())
		);
	});

	it('disables further boxes at maxSelect and says why', () => {
		const chosen = q.selectable.slice(0, q.maxSelect);
		const body = html(q, { response: { type: 'evidence', sentences: chosen } });
		const boxes = tags(body, 'input');
		expect(boxes.map((b) => has(b, 'disabled'))).toEqual(q.selectable.map((id) => !chosen.includes(id)));
		expect(body).toContain('the most allowed. Clear one to choose another.');
		const how = /<p class="how[^"]*" id="([^"]+)"/.exec(body)![1];
		expect(boxes.filter((b) => has(b, 'disabled')).every((b) => attr(b, 'aria-describedby') === how)).toBe(true);
	});
});

describe('evidence paired', () => {
	const q = question('evidence-paired');
	it('asks Part A and Part B in two named radio groups', () => {
		const body = decode(html(q, { response: { type: 'evidence-paired', partA: 'o1', partB: 'b2' } }));
		expect(tags(body, 'fieldset')).toHaveLength(2);
		expect(body).toContain(`>${q.partB.prompt}</legend>`);
		const radios = tags(body, 'input');
		expect(radios).toHaveLength(q.options.length + q.partB.options.length);
		expect(new Set(radios.map((r) => attr(r, 'name'))).size).toBe(2);
		expect(radios.filter((r) => has(r, 'checked')).map((r) => attr(r, 'value'))).toEqual(['o1', 'b2']);
	});

	it('marks both parts and tags both keys', () => {
		const body = html(q, {
			response: { type: 'evidence-paired', partA: 'o1', partB: 'b2' },
			marks: { o1: true, b2: false },
			solution: { type: 'evidence-paired', partA: 'o1', partB: 'b3' },
			disabled: true
		});
		expect(body.match(/>right</g)).toHaveLength(1);
		expect(body.match(/>not right</g)).toHaveLength(1);
		expect(body.match(/>Answer</g)).toHaveLength(2);
	});
});
