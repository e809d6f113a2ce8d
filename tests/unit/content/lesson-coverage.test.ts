/**
 * The first module's lesson, as a teacher would check it: enough questions, every objective and
 * question type covered, hints, feedback and explanations everywhere, and every quote slicing the
 * passage words it names.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Module, ResolvedQuestion } from '../../../src/lib/content/module.ts';
import { normalizeForMatch, type ResolvedRange } from '../../../src/lib/content/passage.ts';
import { QUESTION_TYPES } from '../../../src/lib/content/schema.ts';
import { loadModuleDir } from '../../../src/lib/server/content.ts';
import { toPublicModule } from '../../../src/lib/content/public.ts';
import { asksAboutTerm, lessonStage, START_STAGE } from '../../../src/lib/content/visibility.ts';

const SLUG = 'seoul-warns-north-korean-soldiers-russia';

function loadReal(): Module {
	const result = loadModuleDir(join('questions', SLUG), SLUG);
	if (!result.ok)
		throw new Error(
			`the module does not load:\n${result.problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n')}`
		);
	return result.module;
}

const m = loadReal();
const normal = (s: string) => normalizeForMatch(s.trim()).text;
const slice = (r: ResolvedRange) => m.passage.text.slice(r.start, r.end);
const byType = (type: string) => m.questions.filter((q) => q.type === type);

/** Feedback texts a question carries for its choices (each must be non-empty). */
function choiceFeedback(q: ResolvedQuestion): string[] {
	switch (q.type) {
		case 'single-choice':
		case 'multi-select':
			return q.options.map((o) => o.feedback);
		case 'evidence-paired':
			return [...q.options.map((o) => o.feedback), ...q.partB.options.map((o) => o.feedback)];
		case 'true-false-not-stated':
			return [q.feedback.true, q.feedback.false, q.feedback['not-stated']];
		case 'short-answer':
			return [q.feedback.correct, q.feedback.incorrect, ...q.wrongAnswers.map((w) => w.feedback)];
		case 'ordering':
			return [q.feedback.correct, q.feedback.incorrect];
		case 'matching':
			return q.pairs.map((p) => p.feedback);
		case 'cloze':
			return q.blanks.map((b) => b.feedback);
		case 'evidence':
			return [q.feedback.correct, q.feedback.partial, q.feedback.incorrect];
	}
}

describe(`lesson coverage: ${SLUG}`, () => {
	it('has at least 24 questions', () => {
		expect(m.questions.length).toBeGreaterThanOrEqual(24);
	});

	it('has 5 to 8 objectives, each served by at least two questions', () => {
		expect(m.objectives.length).toBeGreaterThanOrEqual(5);
		expect(m.objectives.length).toBeLessThanOrEqual(8);
		for (const o of m.objectives) {
			const count = m.questions.filter((q) => q.objective === o.id).length;
			expect(count, `objective ${o.id}`).toBeGreaterThanOrEqual(2);
		}
	});

	it('uses every one of the nine question types', () => {
		const used = new Set(m.questions.map((q) => q.type));
		expect([...QUESTION_TYPES].filter((t) => !used.has(t))).toEqual([]);
		expect(QUESTION_TYPES).toHaveLength(9);
	});

	it('has at least three evidence or evidence-paired items and at least one ordering item', () => {
		expect(byType('evidence').length + byType('evidence-paired').length).toBeGreaterThanOrEqual(3);
		expect(byType('ordering').length).toBeGreaterThanOrEqual(1);
	});

	it('asks questions after every section, and every section has a read-for prompt and a recap', () => {
		expect(m.sections.length).toBe(3);
		for (const s of m.sections) {
			expect(s.readFor.trim(), `readFor of ${s.id}`).not.toBe('');
			expect(s.recap?.trim() ?? '', `recap of ${s.id}`).not.toBe('');
			expect(s.questionIds.length, `questions after ${s.id}`).toBeGreaterThan(0);
		}
	});

	describe.each(m.questions.map((q) => [q.id, q] as const))('%s', (_id, q) => {
		it('has one or two hints, none empty', () => {
			expect(q.hints.length).toBeGreaterThanOrEqual(1);
			expect(q.hints.length).toBeLessThanOrEqual(2);
			for (const h of q.hints) expect(h.trim()).not.toBe('');
		});

		it('explains itself with evidence quotes that slice exactly the quoted words', () => {
			expect(q.explanation.text.trim()).not.toBe('');
			expect(q.explanation.evidence.length).toBeGreaterThanOrEqual(1);
			expect(q.resolved.explanation).toHaveLength(q.explanation.evidence.length);
			q.resolved.explanation.forEach((range, i) => {
				expect(normal(slice(range))).toBe(normal(q.explanation.evidence[i]!));
				expect(range.sentences.length).toBeGreaterThan(0);
			});
		});

		it('gives feedback for every choice', () => {
			const feedback = choiceFeedback(q);
			expect(feedback.length).toBeGreaterThan(0);
			for (const f of feedback) expect(f.trim()).not.toBe('');
		});

		it('sets a difficulty and a Bloom level', () => {
			expect(['easy', 'medium', 'hard']).toContain(q.difficulty);
			expect(['remember', 'understand', 'apply', 'analyze', 'evaluate', 'create']).toContain(q.bloom);
		});

		it('has its hints free of the key', () => {
			const keys: string[] = [];
			if (q.type === 'short-answer') keys.push(q.answer);
			if (q.type === 'single-choice' || q.type === 'evidence-paired')
				keys.push(...q.options.filter((o) => o.correct).map((o) => o.text));
			for (const h of q.hints) for (const k of keys) expect(h.toLowerCase()).not.toContain(k.toLowerCase());
		});
	});

	it('resolves evidence items to expected sentences the student can select', () => {
		for (const q of byType('evidence')) {
			const expected = q.resolved.expectedSentences ?? [];
			expect(expected.length, q.id).toBeGreaterThan(0);
			for (const s of expected) expect(q.resolved.selectableSentences, q.id).toContain(s);
		}
	});

	it('resolves every part B option of evidence-paired items to its quoted words', () => {
		for (const q of byType('evidence-paired')) {
			if (q.type !== 'evidence-paired') continue;
			for (const o of q.partB.options) {
				const range = q.resolved.partB?.[o.id];
				expect(range, `${q.id} ${o.id}`).toBeDefined();
				expect(normal(slice(range!))).toBe(normal(o.quote));
			}
			expect(q.partB.options.filter((o) => o.correct)).toHaveLength(1);
		}
	});

	it('includes the commissioned question on the Indo-Pacific Four', () => {
		const found = m.questions.filter((q) => {
			if (q.type !== 'multi-select') return false;
			const correct = q.options.filter((o) => o.correct).map((o) => o.text);
			return [...correct].sort().join('|') === ['Australia', 'Japan', 'New Zealand', 'South Korea'].join('|');
		});
		expect(found).toHaveLength(1);
	});

	it('includes the commissioned question on what Russia vetoed at the UN, keyed to the passage', () => {
		const found = m.questions.filter((q) => /veto/i.test(q.prompt) && /\bUN\b/.test(q.prompt));
		expect(found.length).toBeGreaterThanOrEqual(1);
		const q = found[0]!;
		expect(q.resolved.explanation.map(slice).join(' ')).toContain(
			'vetoed the renewal of UN sanctions-monitoring activities'
		);
	});

	it('has a glossary whose every term is found in the passage', () => {
		expect(m.glossary.length).toBeGreaterThanOrEqual(15);
		for (const g of m.glossary) {
			const forms = [g.term, ...g.forms].map((f) => f.toLowerCase());
			expect(forms, g.term).toContain(slice(g.range).toLowerCase());
			expect(g.definition.trim()).not.toBe('');
		}
		for (const term of [
			'Kyiv',
			'Pyongyang',
			'Seoul',
			'NATO',
			'Indo-Pacific',
			'sanctions',
			'veto',
			'marriage of convenience',
			'countermeasures',
			'bluster',
			'doubled down',
			'escalation',
			'bilateral',
			'rule-based international order'
		]) {
			expect(
				m.glossary.map((g) => g.term),
				term
			).toContain(term);
		}
	});

	it('has a timeline whose passage events resolve to their quoted words', () => {
		expect(m.timeline.length).toBeGreaterThanOrEqual(5);
		for (const t of m.timeline) {
			expect(t.when.trim(), t.id).not.toBe('');
			if (t.background) continue;
			expect(t.evidence, t.id).toBeDefined();
			expect(t.range, t.id).not.toBeNull();
			expect(normal(slice(t.range!))).toBe(normal(t.evidence!));
		}
	});

	it('names the countries for the locator map with ISO numeric codes and roles', () => {
		const countries = m.map?.countries ?? [];
		expect(countries.map((c) => c.iso).sort()).toEqual(['036', '124', '392', '408', '410', '554', '643', '804', '840']);
		for (const c of countries) expect(c.role.trim()).not.toBe('');
	});
});

describe(`item depth and scaffolding: ${SLUG}`, () => {
	it('asks more than recall: at least a third of the items analyse or evaluate, and every difficulty is used', () => {
		const higher = m.questions.filter((q) => q.bloom === 'analyze' || q.bloom === 'evaluate');
		expect(higher.length * 3).toBeGreaterThanOrEqual(m.questions.length);
		const count = (d: string) => m.questions.filter((q) => q.difficulty === d).length;
		for (const d of ['easy', 'medium', 'hard']) expect(count(d), d).toBeGreaterThanOrEqual(m.questions.length / 6);
	});

	it('hides each glossary entry a question asks about until that section’s questions are over', () => {
		// Everything released (as after handing in), to see the stage each entry opens at.
		const pub = toPublicModule(m, undefined, new Set(m.glossary.map((g) => g.term)));
		const sectionIds = m.sections.map((s) => s.id);
		// Every vocabulary item quotes its term, and that term's entry opens only after the item's section.
		for (const q of m.questions.filter((x) => x.objective === 'vocabulary')) {
			const stage = lessonStage('questions', sectionIds.indexOf(q.section));
			const asked = pub.glossary.filter((g) => asksAboutTerm(q, [g.term, ...g.forms]));
			expect(asked.length, q.id).toBeGreaterThan(0);
			for (const g of asked) expect(g.shownFrom, `${g.term} during ${q.id}`).toBeGreaterThan(stage);
		}
		const hidden = pub.glossary.filter((g) => g.shownFrom > START_STAGE).map((g) => g.term);
		for (const term of [
			'marriage of convenience',
			'countermeasures',
			'rule-based international order',
			'doubled down',
			'bluster'
		])
			expect(hidden).toContain(term);
		// Before release they are not in the public module at all: no definition to read in the page data.
		const before = toPublicModule(m).glossary.map((g) => g.term);
		for (const term of hidden) expect(before).not.toContain(term);
	});

	it('shows no passage event on the start screen: timeline events open in the recap of their section', () => {
		const pub = toPublicModule(m);
		for (const t of pub.timeline) {
			if (t.range) expect(t.shownFrom, t.id).toBeGreaterThan(START_STAGE);
			else expect(t.shownFrom, t.id).toBe(START_STAGE);
		}
	});
});
