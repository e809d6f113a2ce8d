/**
 * Item-quality rules: what an item writer checks after the schema is satisfied. Each rule reads the
 * lesson in the order a student meets it and warns where an item can be answered without the
 * passage (a key shown earlier, in a hint, in a label or in the scaffolding) or where its options
 * give the key away by their form. Rules are tuned to stay quiet on long clean items: a warning
 * needs a whole key phrase, or nearly every content word of a long key, in one sentence. One rule
 * reads the whole bank: a length strategy (the longest option, the shortest…) that beats chance.
 * Documented, with a bad and a good example each, in questions/README.md.
 */
import { choiceUnits, CUE_FALSE_ALARM, HEDGES, LENGTH_STRATEGIES, NEGATIVES, NUMBERS, playStrategy } from './cues.ts';
import { contentWords, stem, STOP, words } from './words.ts';
import { lessonLocator, type Locator, type Module, type Path, type ResolvedQuestion } from './module.ts';
import {
	glossaryShownFrom,
	hasPhrase,
	questionsStage,
	quotedSpans,
	stemTexts,
	type StemSource,
	timelineShownFrom
} from './visibility.ts';

export const RULES = [
	'key-in-hint',
	'key-shown-before',
	'label-spells-answer',
	'glossary-asked',
	'scaffold-key',
	'long-key',
	'bank-cue',
	'odd-one-out',
	'above-options',
	'absolute-distractors',
	'duplicate-options',
	'duplicate-question'
] as const;
export type Rule = (typeof RULES)[number];

export interface QualityWarning {
	file: string;
	line: number;
	column: number;
	rule: Rule;
	questionId: string;
	message: string;
}

export function formatWarning(w: QualityWarning): string {
	return `${w.file}:${w.line}:${w.column}: [${w.rule}] ${w.questionId}: ${w.message}`;
}

/** Words joined by single spaces, leading articles dropped: the form two texts are compared in. */
export function normalise(text: string): string {
	return words(text)
		.join(' ')
		.replace(/^(?:the|a|an) /, '');
}

const joinedCache = new Map<string, string>();
const joined = (text: string) => {
	let hit = joinedCache.get(text);
	if (hit === undefined) {
		hit = ` ${words(text).join(' ')} `;
		if (joinedCache.size > 20_000) joinedCache.clear();
		joinedCache.set(text, hit);
	}
	return hit;
};
const contains = (text: string, phrase: string) => {
	const p = normalise(phrase);
	return p.length > 0 && joined(text).includes(` ${p} `);
};

/** Sentences of an authored text, roughly: enough to keep a match within one statement. */
const sentenceCache = new Map<string, string[]>();
const sentencesOf = (text: string) => {
	let hit = sentenceCache.get(text);
	if (!hit) {
		hit = text.split(/(?<=[.!?;:])\s+|\n+/).filter((s) => s.trim());
		sentenceCache.set(text, hit);
	}
	return hit;
};

/** Share of `key`'s content words found in `text`. */
function coverage(text: string, key: string): number {
	const k = contentWords(key);
	if (k.length === 0) return 0;
	const t = contentSet(text);
	return k.filter((w) => t.has(w)).length / k.length;
}

const setCache = new Map<string, Set<string>>();
function contentSet(text: string): Set<string> {
	let hit = setCache.get(text);
	if (!hit) {
		hit = new Set(contentWords(text));
		if (setCache.size > 20_000) setCache.clear();
		setCache.set(text, hit);
	}
	return hit;
}

// ── Keys ─────────────────────────────────────────────────────────────────────────────────────────

/** What a student must not be shown before answering, and how to find it in a text. */
interface Key {
	/** Words for messages. */
	label: string;
	/** Whether a text states the key. */
	in: (text: string) => boolean;
}

/** Words of a stem that say what it asks about, not how ("passage", "according", "mean"). */
const GENERIC = new Set(
	'passage article writer section paragraph sentence question according mean means word words phrase answer complete choose apply select statement decide say says said part best support supports most likely show shows true false stated following use'
		.split(' ')
		.map(stem)
);

/**
 * A phrase key: the whole phrase, or (for long phrases) nearly all its content words in one
 * sentence. The sentence must also touch what the question asks about (a word of its stem that is
 * not in the key), or a name like "South Korea" would be "leaked" by every mention of it.
 */
function phraseKey(key: string, stemText: string, distractors: string[] = []): Key {
	const keyWords = new Set(contentWords(key));
	const topic = contentWords(stemText).filter((w) => !keyWords.has(w) && !GENERIC.has(w));
	const long = keyWords.size >= 3;
	const tied = (sentence: string) => {
		if (topic.length === 0) return true;
		const t = contentSet(sentence);
		return topic.filter((w) => t.has(w)).length >= (long ? 1 : Math.min(2, topic.length));
	};
	const states = (sentence: string) => contains(sentence, key) || (long && coverage(sentence, key) >= 0.8);
	return {
		label: `"${key}"`,
		// A text that equally states a distractor does not point at the key.
		in: (text) =>
			sentencesOf(text).some(
				(s) => states(s) && tied(s) && !distractors.some((d) => contains(s, d) || (long && coverage(s, d) >= 0.8))
			)
	};
}

/** Long enough to mean something when found elsewhere: two words, or one of six letters or more. */
const meaningful = (phrase: string) => {
	const w = words(phrase).filter((x) => !STOP.has(x));
	return w.length >= 2 || (w.length === 1 && w[0]!.length >= 6);
};

/** The model answer of a typed item (`answer`), or its accepted wordings where a module lists them. */
function acceptedOf(item: object): string[] {
	const answer = (item as { answer?: unknown }).answer;
	if (typeof answer === 'string') return [answer];
	const a = (item as { accepted?: unknown }).accepted;
	return Array.isArray(a) ? a.filter((x): x is string => typeof x === 'string') : [];
}

/** Feedback a typed answer's rubric shows (a missing or a forbidden concept), with where it is written. */
function rubricFeedback(rubric: unknown, at: Path): { path: Path; text: string }[] {
	const out: { path: Path; text: string }[] = [];
	for (const kind of ['required', 'forbidden'] as const) {
		const concepts = (rubric as Record<string, unknown> | undefined)?.[kind];
		if (!Array.isArray(concepts)) continue;
		concepts.forEach((c, i) => {
			const feedback = (c as { feedback?: unknown } | null)?.feedback;
			if (typeof feedback === 'string') out.push({ path: [...at, kind, i, 'feedback'], text: feedback });
		});
	}
	return out;
}

function keysOf(q: ResolvedQuestion, forHints = false): Key[] {
	const stemText = forHints
		? ''
		: stemTexts(q as StemSource)
				.join(' ')
				.replace(/\{\{[^}]*\}\}/g, ' ');
	switch (q.type) {
		case 'single-choice':
		case 'evidence-paired': {
			const right = q.options.filter((o) => o.correct).map((o) => o.text);
			const wrong = q.options.filter((o) => !o.correct).map((o) => o.text);
			return right.filter(meaningful).map((r) => phraseKey(r, stemText, wrong));
		}
		case 'multi-select': {
			const right = q.options.filter((o) => o.correct).map((o) => o.text);
			const wrong = q.options.filter((o) => !o.correct).map((o) => o.text);
			if (right.length < 2) return right.filter(meaningful).map((r) => phraseKey(r, stemText, wrong));
			const need = right.length <= 3 ? right.length : right.length - 1;
			return [
				{
					label: `the set ${right.map((r) => `"${r}"`).join(', ')}`,
					in: (text) =>
						sentencesOf(text).some(
							(s) => right.filter((r) => contains(s, r)).length >= need && !wrong.some((w) => contains(s, w))
						)
				}
			];
		}
		case 'short-answer':
			return acceptedOf(q)
				.filter(meaningful)
				.map((a) => phraseKey(a, stemText));
		case 'cloze':
			return q.blanks.flatMap((b) => {
				const first = acceptedOf(b)[0];
				return first && meaningful(first)
					? [
							phraseKey(
								first,
								stemText,
								(b.choices ?? []).filter((c) => c !== first)
							)
						]
					: [];
			});
		case 'true-false-not-stated': {
			// The decisive words: what the right answer's feedback quotes and the statement does not.
			const spans = quotedSpans(q.feedback[q.answer]).filter((s) => meaningful(s) && !contains(q.statement, s));
			// A text states the verdict when it gives those words about the statement's topic.
			const topic = contentWords(q.statement).filter((w) => !GENERIC.has(w));
			const tied = (text: string) => {
				const t = new Set(contentWords(text));
				return topic.some((w) => t.has(w));
			};
			return spans.map((span) => ({
				label: `"${span}"`,
				in: (text) =>
					sentencesOf(text).some(
						(s) =>
							tied(s) &&
							(contains(s, span) ||
								quotedSpans(s).some((t) => t.length >= 8 && !contains(q.statement, t) && contains(span, t)))
					)
			}));
		}
		case 'matching':
			return q.pairs.map((p) => ({
				label: `the pair "${p.left}" → "${p.right}"`,
				in: (text) =>
					sentencesOf(text).some(
						(s) =>
							contains(s, p.right) &&
							coverage(s, p.left) >= 0.5 &&
							!q.pairs.some((o) => o !== p && contains(s, o.right))
					)
			}));
		case 'ordering': {
			const items = q.items.map((it) => it.text);
			const need = Math.min(3, items.length);
			return [
				{
					label: 'the order of the items',
					in: (text) => {
						// Where each item is told, in the text's order; enough of them in the key's order is a leak.
						const sentences = sentencesOf(text);
						const at = items.map((it) => sentences.findIndex((s) => contains(s, it) || coverage(s, it) >= 0.6));
						const found = at.map((pos, i) => ({ pos, i })).filter((x) => x.pos >= 0);
						if (found.length < need) return false;
						const positions = found.map((x) => x.pos);
						return (
							new Set(positions).size === positions.length &&
							positions.every((p, i) => i === 0 || p > positions[i - 1]!)
						);
					}
				}
			];
		}
		case 'evidence':
			// Passage sentences appear in many items; only a hint that quotes one is telling.
			return forHints ? q.expected.filter((e) => words(e).length >= 4).map((e) => phraseKey(e, '')) : [];
	}
}

/** Texts a question shows the student: its stem, choices, hints, feedback and explanation. */
function shownTexts(q: ResolvedQuestion): { path: Path; text: string }[] {
	const out: { path: Path; text: string }[] = [];
	const add = (path: Path, text: string | undefined) => {
		if (text) out.push({ path, text });
	};
	add(['prompt'], q.prompt);
	q.hints.forEach((h, i) => add(['hints', i], h));
	add(['explanation', 'text'], q.explanation.text);
	add(['explanation', 'background'], q.explanation.background);
	switch (q.type) {
		case 'single-choice':
		case 'multi-select':
			q.options.forEach((o, i) => {
				add(['options', i, 'text'], o.text);
				add(['options', i, 'feedback'], o.feedback);
			});
			break;
		case 'evidence-paired':
			q.options.forEach((o, i) => {
				add(['options', i, 'text'], o.text);
				add(['options', i, 'feedback'], o.feedback);
			});
			add(['partB', 'prompt'], q.partB.prompt);
			q.partB.options.forEach((o, i) => add(['partB', 'options', i, 'feedback'], o.feedback));
			break;
		case 'true-false-not-stated':
			add(['statement'], q.statement);
			for (const k of ['true', 'false', 'not-stated'] as const) add(['feedback', k], q.feedback[k]);
			break;
		case 'short-answer':
			add(['feedback', 'correct'], q.feedback.correct);
			add(['feedback', 'incorrect'], q.feedback.incorrect);
			out.push(...rubricFeedback((q as { rubric?: unknown }).rubric, ['rubric']));
			q.wrongAnswers.forEach((w, i) => add(['wrongAnswers', i, 'feedback'], w.feedback));
			break;
		case 'ordering':
			q.items.forEach((it, i) => add(['items', i, 'text'], it.text));
			add(['feedback', 'correct'], q.feedback.correct);
			add(['feedback', 'incorrect'], q.feedback.incorrect);
			break;
		case 'matching':
			q.pairs.forEach((p, i) => {
				add(['pairs', i, 'left'], p.left);
				add(['pairs', i, 'right'], p.right);
				add(['pairs', i, 'feedback'], p.feedback);
			});
			break;
		case 'cloze':
			add(['text'], q.text);
			q.blanks.forEach((b, i) => {
				add(['blanks', i, 'feedback'], b.feedback);
				const wrong = (b as { wrongAnswers?: { feedback: string }[] }).wrongAnswers ?? [];
				wrong.forEach((w, wi) => add(['blanks', i, 'wrongAnswers', wi, 'feedback'], w.feedback));
				out.push(...rubricFeedback((b as { rubric?: unknown }).rubric, ['blanks', i, 'rubric']));
			});
			break;
		case 'evidence':
			add(['claim'], q.claim);
			add(['feedback', 'correct'], q.feedback.correct);
			add(['feedback', 'partial'], q.feedback.partial);
			add(['feedback', 'incorrect'], q.feedback.incorrect);
			break;
	}
	return out;
}

/** A stem that asks what something means. */
const ASKS_MEANING = /\bmean(?:s|ing|t)?\b|\bdefin|\bword\b|\bphrase\b/i;
const unquoted = (text: string) => quotedSpans(text).reduce((t, span) => t.replace(span, ' '), text);

// ── Option form ──────────────────────────────────────────────────────────────────────────────────

const ABSOLUTES =
	/\b(?:always|never|completely|entirely|totally|absolutely|certainly|definitely|nothing|nobody|no one|none|forever|every single)\b/i;
const ABOVE =
	/\b(?:all|none|both|neither) of the (?:above|others|options)\b|\b(?:both|neither) [a-d] (?:and|nor) [a-d]\b/i;

interface Choice {
	path: Path;
	text: string;
	correct: boolean;
}

function choicesOf(q: ResolvedQuestion): Choice[] | null {
	if (q.type === 'single-choice' || q.type === 'evidence-paired')
		return q.options.map((o, i) => ({ path: ['options', i, 'text'], text: o.text, correct: o.correct }));
	return null;
}

// ── The check ────────────────────────────────────────────────────────────────────────────────────

/** Run every rule over a loaded module; `lesson` is the lesson file's name and text, for positions. */
export function checkQuality(m: Module, lesson: { file: string; source: string }): QualityWarning[] {
	const where: Locator = lessonLocator(lesson.file, lesson.source);
	const warnings: QualityWarning[] = [];
	const sectionIds = m.sections.map((s) => s.id);
	const indexOf = new Map(m.questions.map((q, i) => [q.id, i]));
	const warn = (q: ResolvedQuestion, path: Path, rule: Rule, message: string) => {
		const { line, column } = where.at(['questions', indexOf.get(q.id)!, ...path]);
		warnings.push({ file: lesson.file, line, column, rule, questionId: q.id, message });
	};

	// The order a student meets the questions in: section by section, file order within.
	const order = [...m.questions].sort(
		(a, b) => sectionIds.indexOf(a.section) - sectionIds.indexOf(b.section) || indexOf.get(a.id)! - indexOf.get(b.id)!
	);
	const sectionOfSentence = (id: string) => m.passage.paragraphs.find((p) => p.id === id.split('.')[0])?.section;
	const glossaryFrom = glossaryShownFrom(m.glossary, m.questions, sectionIds);
	const timelineFrom = timelineShownFrom(m.timeline, sectionOfSentence, sectionIds);

	// Map roles grouped by role, so that "one of the four partners: Japan, Australia" reads as one statement.
	const mapTexts = new Map<string, string[]>();
	for (const c of m.map?.countries ?? []) mapTexts.set(c.role, [...(mapTexts.get(c.role) ?? []), c.name]);

	order.forEach((q, position) => {
		const keys = keysOf(q);
		const sectionIndex = sectionIds.indexOf(q.section);
		const stage = questionsStage(sectionIndex);
		const own = new Set(stemTexts(q as StemSource).map(normalise));
		const stated = (text: string) => keys.find((k) => k.in(text) && !own.has(normalise(text)));

		// 1. The question's own hints.
		const hintKeys = keysOf(q, true);
		q.hints.forEach((h, i) => {
			const k = hintKeys.find((key) => key.in(h));
			if (k) warn(q, ['hints', i], 'key-in-hint', `hint ${i + 1} states the key, ${k.label}`);
		});

		// 2. Earlier questions, the section's read-for prompt and earlier recaps.
		for (const earlier of order.slice(0, position)) {
			for (const { path, text } of shownTexts(earlier)) {
				const k = stated(text);
				if (k) {
					warn(q, [], 'key-shown-before', `the key, ${k.label}, is shown earlier in ${earlier.id} (${path.join('.')})`);
					break;
				}
			}
		}
		m.sections.forEach((s, si) => {
			if (si <= sectionIndex) {
				const k = stated(s.readFor);
				if (k) warn(q, [], 'key-shown-before', `the key, ${k.label}, is in the read-for prompt of ${s.id}`);
			}
			if (si < sectionIndex && s.recap) {
				const k = stated(s.recap);
				if (k) warn(q, [], 'key-shown-before', `the key, ${k.label}, is in the recap of ${s.id}`);
			}
		});

		// 3. Scaffolding shown before or during the question.
		m.glossary.forEach((g, gi) => {
			if (glossaryFrom[gi]! > stage) return;
			const forms = [g.term, ...g.forms];
			const k = stated(`${g.term}: ${g.definition}`);
			if (k) warn(q, [], 'scaffold-key', `the glossary entry "${g.term}" states the key, ${k.label}`);
			else if (
				// Outside quotation marks: a term inside a quoted sentence is context, not what is asked.
				stemTexts(q as StemSource)
					.map(unquoted)
					.some((t) => forms.some((f) => hasPhrase(t, f)) && ASKS_MEANING.test(t))
			)
				warn(
					q,
					['prompt'],
					'glossary-asked',
					`asks about the glossary term "${g.term}" without quoting it, so its pop-up is still shown; quote the term in the stem`
				);
		});
		const shownEvents = m.timeline.filter((_, ti) => timelineFrom[ti]! <= stage);
		const timelineText = shownEvents.map((t) => `${t.label} (${t.when}).`).join('\n');
		for (const t of shownEvents) {
			const k = stated(`${t.label}, ${t.when}.`);
			if (k)
				warn(
					q,
					[],
					'scaffold-key',
					`the timeline event "${t.id}", shown before the question, states the key, ${k.label}`
				);
		}
		if (shownEvents.length > 1 && q.type === 'ordering' && stated(timelineText))
			warn(q, [], 'scaffold-key', 'the timeline shown before the question lists its items in order');
		for (const [role, names] of mapTexts) {
			const k = stated(`${names.join(', ')}: ${role}.`) ?? stated(`${role}: ${names.join(', ')}.`);
			if (k) warn(q, [], 'scaffold-key', `the map label "${role}" (${names.join(', ')}) states the key, ${k.label}`);
		}

		// 4. Labels that reach the page.
		const idWords = words(q.id);
		if (q.type === 'true-false-not-stated') {
			if (idWords.some((w) => ['not', 'true', 'false', 'stated', 'unstated', 'yes', 'no', 'yet'].includes(w)))
				warn(
					q,
					['id'],
					'label-spells-answer',
					`the id "${q.id}" reaches the page and hints at the answer (${q.answer})`
				);
		} else {
			const keyText = choicesOf(q)?.find((c) => c.correct)?.text ?? acceptedOf(q)[0] ?? '';
			const keyWords = words(keyText);
			const bigrams = new Set(keyWords.slice(1).map((w, i) => `${keyWords[i]} ${w}`));
			const hit = idWords
				.slice(1)
				.map((w, i) => `${idWords[i]} ${w}`)
				.find((b) => bigrams.has(b));
			if (hit)
				warn(q, ['id'], 'label-spells-answer', `the id "${q.id}" reaches the page and spells the key ("${hit}")`);
		}
		if (q.type === 'ordering') {
			const ids = q.items.map((it) => it.id);
			const sorted = [...ids].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
			if (ids.length > 2 && sorted.every((id, i) => id === ids[i]))
				warn(
					q,
					['items'],
					'label-spells-answer',
					`the item ids (${ids.join(', ')}) reach the page and sort into the right order`
				);
		}
		if (q.type === 'cloze') {
			q.blanks.forEach((b, bi) => {
				if (acceptedOf(b).some((a) => normalise(a) === normalise(b.id.replace(/-/g, ' '))))
					warn(
						q,
						['blanks', bi, 'id'],
						'label-spells-answer',
						`the blank id "${b.id}" reaches the page and is the blank's answer`
					);
			});
		}

		// 5. Option form.
		const choices = choicesOf(q);
		if (choices) {
			const key = choices.find((c) => c.correct);
			const others = choices.filter((c) => !c.correct);
			if (key && others.length >= 2) {
				const longest = Math.max(...others.map((c) => c.text.length));
				if (key.text.length >= 1.5 * longest && key.text.length - longest >= 15)
					warn(
						q,
						key.path,
						'long-key',
						`the right option is ${key.text.length} characters, the longest other ${longest}`
					);
				for (const [name, re] of [
					['hedge', HEDGES],
					['negative', NEGATIVES],
					['number', NUMBERS]
				] as const) {
					if (re.test(key.text) && !others.some((c) => re.test(c.text)))
						warn(q, key.path, 'odd-one-out', `the right option is the only one with a ${name}`);
				}
				const absolute = others.find((c) => ABSOLUTES.test(c.text));
				if (absolute && !ABSOLUTES.test(key.text))
					warn(
						q,
						absolute.path,
						'absolute-distractors',
						`"${ABSOLUTES.exec(absolute.text)![0]}" appears only in wrong options, which marks them for a test-wise reader`
					);
			}
		}
		const allOptions =
			q.type === 'single-choice' || q.type === 'multi-select' || q.type === 'evidence-paired'
				? q.options.map((o, i) => ({ path: ['options', i, 'text'] as Path, text: o.text }))
				: q.type === 'matching'
					? [
							...q.pairs.map((p, i) => ({ path: ['pairs', i, 'right'] as Path, text: p.right })),
							...q.distractors.map((d, i) => ({ path: ['distractors', i, 'text'] as Path, text: d.text }))
						]
					: q.type === 'ordering'
						? q.items.map((it, i) => ({ path: ['items', i, 'text'] as Path, text: it.text }))
						: [];
		for (const o of allOptions) {
			if (ABOVE.test(o.text))
				warn(q, o.path, 'above-options', `"${ABOVE.exec(o.text)![0]}" lets a reader answer by elimination`);
		}
		const seen = new Map<string, string>();
		for (const o of allOptions) {
			const n = normalise(o.text);
			if (seen.has(n)) warn(q, o.path, 'duplicate-options', `"${o.text}" reads the same as "${seen.get(n)}"`);
			else seen.set(n, o.text);
		}
	});

	// 6. Two questions that ask the same thing: the same topic words, and either many of them or the same key.
	const keyText = (q: ResolvedQuestion) =>
		normalise(
			choicesOf(q)?.find((c) => c.correct)?.text ??
				(q.type === 'multi-select'
					? q.options
							.filter((o) => o.correct)
							.map((o) => o.text)
							.join(' ')
					: null) ??
				(q.type === 'true-false-not-stated' ? `${q.statement} ${q.answer}` : null) ??
				acceptedOf(q)[0] ??
				q.id
		);
	const asks = m.questions.map((q) => ({
		q,
		key: keyText(q),
		words: new Set(contentWords(stemTexts(q as StemSource).join(' ')).filter((w) => !GENERIC.has(w)))
	}));
	asks.forEach((a, i) => {
		for (const b of asks.slice(0, i)) {
			if (a.words.size < 2 || b.words.size < 2) continue;
			const shared = [...a.words].filter((w) => b.words.has(w)).length;
			const jaccard = shared / (a.words.size + b.words.size - shared);
			if (jaccard >= 0.8 && (Math.min(a.words.size, b.words.size) >= 4 || a.key === b.key)) {
				warn(a.q, ['prompt'], 'duplicate-question', `asks what ${b.q.id} asks`);
				break;
			}
		}
	});

	// 7. Across the bank: a length strategy that beats chance, played over every choice in the order met.
	const units = choiceUnits(m, order);
	for (const strategy of LENGTH_STRATEGIES) {
		const score = playStrategy(units, strategy);
		if (score.hits.length < score.threshold) continue;
		const first = score.hits[0]!;
		const ids = [...new Set(score.hits.map((u) => u.questionId))];
		warn(
			m.questions[indexOf.get(first.questionId)!]!,
			first.keyPath,
			'bank-cue',
			`the right option is ${strategy.picks} in ${score.hits.length} of ${score.choices} choices (${ids.join(', ')}); ` +
				`chance gives ${score.chance.toFixed(1)}, and reaches ${score.threshold} or more less than 1 time in ` +
				`${Math.round(1 / CUE_FALSE_ALARM)}: ${strategy.advice}`
		);
	}

	warnings.sort((x, y) => x.file.localeCompare(y.file) || x.line - y.line || x.column - y.column);
	return warnings;
}
