/**
 * Loading one module from its two files' text: parse, validate with the zod schema, check what the
 * schema cannot (ids, keys, cross references) and resolve every quote to a passage range. Every
 * problem names the file, line and column. Pure: the file system is the caller's business.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import {
	articleFrontMatter,
	lesson as lessonSchema,
	type ArticleFrontMatter,
	type GlossaryEntry,
	type LessonFile,
	type Objective,
	type Question,
	type ScoringPolicy,
	type TimelineEvent
} from './schema.ts';
import { articleSizeProblems } from './limits.ts';
import {
	buildPassage,
	createQuoteResolver,
	readingMinutes,
	type BodyLine,
	type Passage,
	type QuoteResolution,
	type ResolvedRange
} from './passage.ts';
import { checkClozeBlanks, checkShortAnswer } from './rubric-check.ts';

export interface ContentProblem {
	file: string;
	line: number;
	column: number;
	message: string;
}

export function formatProblem(p: ContentProblem): string {
	return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}

export interface ModuleSection {
	id: string;
	title: string;
	heading: string | null;
	readFor: string;
	recap: string | null;
	paragraphs: string[];
	start: number;
	end: number;
	questionIds: string[];
}

export interface ResolvedExtras {
	/** Explanation evidence, one range per quote. */
	explanation: ResolvedRange[];
	/** Evidence questions: the sentence ids a full answer selects. */
	expectedSentences?: string[];
	/** Evidence questions: sentence ids the student may choose from. */
	selectableSentences?: string[];
	/** Evidence-paired questions: part B option id → its passage range. */
	partB?: Record<string, ResolvedRange>;
}

export type ResolvedQuestion = Question & { resolved: ResolvedExtras };

export interface ResolvedGlossaryEntry extends GlossaryEntry {
	/** Where the term first appears in the passage. */
	range: ResolvedRange;
}

export interface ResolvedTimelineEvent extends TimelineEvent {
	range: ResolvedRange | null;
}

export interface Module {
	slug: string;
	meta: ArticleFrontMatter;
	level: string | null;
	passage: Passage;
	readingMinutes: number;
	objectives: Objective[];
	sections: ModuleSection[];
	scoring: ScoringPolicy;
	glossary: ResolvedGlossaryEntry[];
	timeline: ResolvedTimelineEvent[];
	map: LessonFile['map'] | null;
	questions: ResolvedQuestion[];
}

export type LoadResult = { ok: true; module: Module } | { ok: false; problems: ContentProblem[] };

export type Path = (string | number)[];

/** Locates paths of a YAML document as file:line:column. */
export class Locator {
	constructor(
		readonly file: string,
		private readonly doc: Document,
		private readonly lines: LineCounter
	) {}

	private pos(offset: number): { line: number; column: number } {
		const { line, col } = this.lines.linePos(offset);
		return { line, column: col };
	}

	/** The deepest node that exists along the path, and whether a key named in the path is a map key. */
	at(path: Path, key?: string): { line: number; column: number } {
		let node: unknown = this.doc.contents;
		let best: Node | null = (node as Node) ?? null;
		for (const step of path) {
			if (isMap(node)) {
				const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
				if (!pair) break;
				node = pair.value;
				if (node && (node as Node).range) best = node as Node;
				else if (pair.key && (pair.key as Node).range) best = pair.key as Node;
			} else if (isSeq(node) && typeof step === 'number') {
				node = node.items[step];
				if (!node) break;
				best = node as Node;
			} else break;
		}
		if (key && isMap(node)) {
			const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
			if (pair && (pair.key as Node).range) best = pair.key as Node;
		}
		const offset = best?.range?.[0] ?? 0;
		return this.pos(offset);
	}

	problem(path: Path, message: string, key?: string): ContentProblem {
		return { file: this.file, ...this.at(path, key), message };
	}
}

/** A locator for a lesson file's text (for tools that report on a module already loaded). */
export function lessonLocator(file: string, source: string): Locator {
	const lines = new LineCounter();
	const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
	return new Locator(file, doc, lines);
}

function describePath(path: Path): string {
	return path.reduce<string>(
		(acc, step) => (typeof step === 'number' ? `${acc}[${step}]` : acc ? `${acc}.${step}` : step),
		''
	);
}

/** A value as an author wrote it, for messages: "two", 9, true, a list, a mapping. */
function shownValue(value: unknown): string {
	if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 37)}…` : value}"`;
	if (typeof value === 'number') return `the number ${value}`;
	if (typeof value === 'boolean') return `the yes/no value ${value}`;
	if (value === null) return 'nothing (an empty value)';
	if (Array.isArray(value)) return `a list of ${value.length}`;
	return 'a mapping (key: value lines)';
}

const EXPECTED: Record<string, string> = {
	string: 'text',
	number: 'a number',
	boolean: 'true or false',
	array: 'a list',
	object: 'a mapping (key: value lines)'
};

function zodProblems(error: z.ZodError, where: Locator): ContentProblem[] {
	// Numbers where a list wants text: YAML split "[3,000, 3000]" at its commas. One message per list.
	const numberLists = new Map<string, { path: Path; numbers: unknown[] }>();
	const issues = error.issues.filter((issue) => {
		const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
		if (
			issue.code === 'invalid_type' &&
			issue.expected === 'string' &&
			typeof issue.input === 'number' &&
			typeof path.at(-1) === 'number'
		) {
			const list = path.slice(0, -1);
			const key = JSON.stringify(list);
			const entry = numberLists.get(key) ?? { path, numbers: [] };
			entry.numbers.push(issue.input);
			numberLists.set(key, entry);
			return false;
		}
		return true;
	});
	const listProblems = [...numberLists.values()].map(({ path, numbers }) =>
		where.problem(
			path,
			`${describePath(path.slice(0, -1))}: expected texts, found the number${numbers.length > 1 ? 's' : ''} ${numbers.join(', ')}; inside [ ] every comma separates items, so [9,500,000] is the three numbers 9, 500 and 0: quote each text, e.g. ['9,500,000']`
		)
	);
	return [...listProblems, ...issuesToProblems(issues, where)];
}

function issuesToProblems(issues: z.core.$ZodIssue[], where: Locator): ContentProblem[] {
	return issues.map((issue) => {
		const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
		const name = describePath(path) || 'file';
		if (issue.code === 'unrecognized_keys') {
			const keys = issue.keys.join('", "');
			return where.problem(path, `unknown field "${keys}" in ${name}`, issue.keys[0]);
		}
		if (issue.code === 'invalid_type' && issue.input === undefined) {
			const parent = path.slice(0, -1);
			return where.problem(parent, `missing field "${String(path.at(-1))}" in ${describePath(parent) || 'file'}`);
		}
		if (issue.code === 'invalid_union' && 'note' in issue && issue.note === 'No matching discriminator') {
			return where.problem(
				path,
				`${name}: unknown question type; expected one of single-choice, multi-select, true-false-not-stated, short-answer, ordering, matching, cloze, evidence, evidence-paired`
			);
		}
		if (issue.code === 'invalid_type') {
			// Reported at the value itself (the schema parses with reportInput, so the input is known).
			const expected = EXPECTED[issue.expected] ?? issue.expected;
			let tip = '';
			if (issue.expected === 'string' && (typeof issue.input === 'number' || typeof issue.input === 'boolean'))
				tip = `; put it in quotes: '${String(issue.input)}'`;
			else if (issue.expected === 'number' && typeof issue.input === 'string') tip = '; write digits, e.g. 2';
			return where.problem(path, `${name}: expected ${expected}, found ${shownValue(issue.input)}${tip}`);
		}
		if (issue.code === 'invalid_value' && typeof issue.input === 'boolean') {
			return where.problem(
				path,
				`${name}: ${issue.message}; YAML reads an unquoted ${issue.input} (or yes/no) as a yes/no value, so write '${issue.input}' in quotes`
			);
		}
		return where.problem(path, `${name}: ${issue.message}`);
	});
}

/**
 * One plain message for a YAML syntax error, at the line the author must fix. The parser reports
 * an over-indented line as a problem with the line before it, and follows one slip with several
 * errors; only the first is turned into a message, the rest are its consequences.
 */
export function yamlProblem(
	file: string,
	source: string,
	lines: LineCounter,
	error: { code: string; pos: [number, number]; message: string },
	lineOffset = 0
): ContentProblem {
	const { line, col } = lines.linePos(error.pos[0]);
	const text = source.split('\n');
	const indent = (l: string) => l.length - l.trimStart().length;
	const at = (n: number, column: number, message: string): ContentProblem => ({
		file,
		line: n + lineOffset,
		column,
		message
	});
	const here = text[line - 1] ?? '';
	switch (error.code) {
		case 'BLOCK_AS_IMPLICIT_KEY':
		case 'MULTILINE_IMPLICIT_KEY': {
			// "key: some text: more" — a colon and a space inside a value.
			const rest = here.slice(col - 1);
			if (/:\s/.test(rest))
				return at(
					line,
					col,
					'this value contains ": ", which YAML reads as the start of another field; put the whole value in quotes'
				);
			const next = text.findIndex((l, i) => i >= line && l.trim() !== '' && !l.trim().startsWith('#'));
			if (next >= 0 && indent(text[next]!) > indent(here))
				return at(
					next + 1,
					indent(text[next]!) + 1,
					`this line is indented more than the line above it; the fields of one item start at the same column (column ${indent(here) + 1})`
				);
			break;
		}
		case 'MISSING_CHAR':
			if (/Missing closing "quote/.test(error.message))
				return at(
					line,
					here.indexOf('"') + 1 || col,
					'a value opens with " and never closes it; close the quotation, or wrap the whole value in single quotes'
				);
			if (/Missing closing 'quote/.test(error.message))
				return at(
					line,
					here.indexOf("'") + 1 || col,
					"a value opens with ' and never closes it; close it, and write an apostrophe inside it twice (Kim''s)"
				);
			if (/without - indicator/.test(error.message)) {
				return at(
					line,
					indent(here) + 1,
					'this line is indented less than the fields above it but more than their "- "; line it up with the fields of its item'
				);
			}
			break;
		case 'BAD_INDENT':
			return at(
				line,
				indent(here) + 1,
				'this line does not line up with the fields above it; the fields of one mapping start at the same column'
			);
		case 'TAB_AS_INDENT':
			return at(line, 1, 'this line is indented with a tab; YAML needs spaces');
		case 'DUPLICATE_KEY':
			return at(line, col, `the same field appears twice in one item (${error.message.split('\n')[0]})`);
	}
	return at(line, col, `YAML: ${error.message.split('\n')[0]}`);
}

const firstError = <E extends { pos: [number, number] }>(errors: readonly E[]): E =>
	[...errors].sort((a, b) => a.pos[0] - b.pos[0])[0]!;

/** Split front matter (between --- lines at the top) from the body, keeping line numbers. */
export function splitFrontMatter(source: string): {
	frontMatter: string | null;
	fmStartLine: number;
	body: BodyLine[];
} {
	const lines = source.replace(/\r\n?/g, '\n').split('\n');
	if (lines[0]?.trim() === '---') {
		const close = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
		if (close > 0) {
			return {
				frontMatter: lines.slice(1, close).join('\n'),
				fmStartLine: 2,
				body: lines.slice(close + 1).map((text, i) => ({ text, line: close + 2 + i }))
			};
		}
	}
	return { frontMatter: null, fmStartLine: 1, body: lines.map((text, i) => ({ text, line: i + 1 })) };
}

function parseArticle(
	file: string,
	source: string
): { ok: true; meta: ArticleFrontMatter; passage: Passage } | { ok: false; problems: ContentProblem[] } {
	const { frontMatter, fmStartLine, body } = splitFrontMatter(source);
	if (frontMatter === null) {
		return {
			ok: false,
			problems: [
				{
					file,
					line: 1,
					column: 1,
					message: 'article.md must start with front matter between --- lines (title, source, date)'
				}
			]
		};
	}
	const lines = new LineCounter();
	const doc = parseDocument(frontMatter, { lineCounter: lines, prettyErrors: false });
	if (doc.errors.length > 0) {
		const p = yamlProblem(file, frontMatter, lines, firstError(doc.errors), fmStartLine - 1);
		return { ok: false, problems: [{ ...p, message: `front matter: ${p.message}` }] };
	}
	const parsed = articleFrontMatter.safeParse(doc.toJS() ?? {}, { reportInput: true });
	if (!parsed.success) {
		const where = new Locator(file, doc, lines);
		return {
			ok: false,
			problems: zodProblems(parsed.error, where).map((p) => ({
				...p,
				line: p.line + fmStartLine - 1,
				message: `front matter: ${p.message}`
			}))
		};
	}
	const firstHeading = body.find((l) => /^#\s/.test(l.text));
	if (firstHeading) {
		return {
			ok: false,
			problems: [
				{
					file,
					line: firstHeading.line,
					column: 1,
					message:
						'use the front matter "title" for the title; "#" headings are not allowed in the body (sections start with "##")'
				}
			]
		};
	}
	const passage = buildPassage(body);
	if (passage.paragraphs.length === 0) {
		return {
			ok: false,
			problems: [{ file, line: body[0]?.line ?? 1, column: 1, message: 'the article has no paragraphs' }]
		};
	}
	return { ok: true, meta: parsed.data, passage };
}

function explainQuoteFailure(quote: string, r: Exclude<QuoteResolution, { ok: true }>): string {
	const shown = quote.length > 70 ? `${quote.slice(0, 67)}…` : quote;
	if (r.reason === 'ambiguous')
		return `quote "${shown}" occurs ${r.count} times in the article; quote more words so it occurs once`;
	if (r.reason === 'empty') return 'quote is empty';
	return `quote "${shown}" was not found in the article`;
}

function duplicates<T>(items: T[], key: (t: T) => string): { index: number; value: string }[] {
	const seen = new Set<string>();
	const out: { index: number; value: string }[] = [];
	items.forEach((item, index) => {
		const k = key(item);
		if (seen.has(k)) out.push({ index, value: k });
		seen.add(k);
	});
	return out;
}

/** Normalise a term for case-insensitive search. */
function findTerm(passage: Passage, forms: string[]): ResolvedRange | null {
	const haystack = passage.text.toLowerCase();
	for (const form of forms) {
		const needle = form.toLowerCase();
		let at = haystack.indexOf(needle);
		while (at >= 0) {
			const before = haystack[at - 1] ?? ' ';
			const after = haystack[at + needle.length] ?? ' ';
			if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) {
				const range = { start: at, end: at + needle.length };
				const sentence = passage.paragraphs
					.flatMap((p) => p.sentences)
					.find((s) => s.start <= range.start && s.end >= range.end);
				return { ...range, sentences: sentence ? [sentence.id] : [] };
			}
			at = haystack.indexOf(needle, at + 1);
		}
	}
	return null;
}

/** Parse, validate and resolve one module. */
export function loadModule(input: {
	slug: string;
	articleFile: string;
	articleSource: string;
	lessonFile: string;
	lessonSource: string;
}): LoadResult {
	const oversized = articleSizeProblems(input.articleFile, input.articleSource);
	if (oversized.length > 0) return { ok: false, problems: oversized };
	const problems: ContentProblem[] = [];
	const article = parseArticle(input.articleFile, input.articleSource);
	if (!article.ok) problems.push(...article.problems);

	const lines = new LineCounter();
	const doc = parseDocument(input.lessonSource, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
	if (doc.errors.length > 0) {
		problems.push(yamlProblem(input.lessonFile, input.lessonSource, lines, firstError(doc.errors)));
		return { ok: false, problems };
	}
	const where = new Locator(input.lessonFile, doc, lines);
	const parsed = lessonSchema.safeParse(doc.toJS() ?? {}, { reportInput: true });
	if (!parsed.success) {
		problems.push(...zodProblems(parsed.error, where));
		return { ok: false, problems };
	}
	if (!article.ok) return { ok: false, problems };

	const lessonData = parsed.data;
	const { passage } = article;
	const resolver = createQuoteResolver(passage);
	const resolve = (path: Path, quote: string): ResolvedRange | null => {
		const r = resolver(quote);
		if (r.ok) return r.range;
		problems.push(where.problem(path, explainQuoteFailure(quote, r)));
		return null;
	};

	// Objectives and sections.
	for (const d of duplicates(lessonData.objectives, (o) => o.id)) {
		problems.push(where.problem(['objectives', d.index, 'id'], `duplicate objective id "${d.value}"`));
	}
	for (const d of duplicates(lessonData.sections, (s) => s.id)) {
		problems.push(where.problem(['sections', d.index, 'id'], `duplicate section id "${d.value}"`));
	}
	const articleSections = new Map(passage.sections.map((s) => [s.id, s]));
	lessonData.sections.forEach((s, i) => {
		if (!articleSections.has(s.id)) {
			problems.push(
				where.problem(
					['sections', i, 'id'],
					`section "${s.id}" is not in the article, which has ${passage.sections.map((x) => x.id).join(', ')}`
				)
			);
		}
	});
	const lessonSectionIds = new Set(lessonData.sections.map((s) => s.id));
	for (const s of passage.sections) {
		if (!lessonSectionIds.has(s.id)) {
			problems.push(
				where.problem(['sections'], `article section ${s.id} ("${s.heading ?? 'opening'}") has no entry in sections`)
			);
		}
	}
	const objectiveIds = new Set(lessonData.objectives.map((o) => o.id));

	// Questions.
	for (const d of duplicates(lessonData.questions, (q) => q.id)) {
		problems.push(where.problem(['questions', d.index, 'id'], `duplicate question id "${d.value}"`));
	}
	const questions: ResolvedQuestion[] = [];
	lessonData.questions.forEach((q, qi) => {
		const at = (...rest: Path): Path => ['questions', qi, ...rest];
		if (!lessonSectionIds.has(q.section))
			problems.push(where.problem(at('section'), `question "${q.id}" names unknown section "${q.section}"`));
		if (!objectiveIds.has(q.objective))
			problems.push(where.problem(at('objective'), `question "${q.id}" names unknown objective "${q.objective}"`));
		const explanationRanges = q.explanation.evidence.map((quote, i) =>
			resolve(at('explanation', 'evidence', i), quote)
		);
		const resolved: ResolvedExtras = { explanation: explanationRanges.filter((r): r is ResolvedRange => r !== null) };

		const checkOptions = (options: { id: string; correct: boolean }[], path: Path, exactlyOne: boolean) => {
			for (const d of duplicates(options, (o) => o.id)) {
				problems.push(where.problem([...path, d.index, 'id'], `question "${q.id}": duplicate option id "${d.value}"`));
			}
			const correct = options.filter((o) => o.correct).length;
			if (exactlyOne && correct !== 1) {
				problems.push(where.problem(path, `question "${q.id}": exactly one option must be correct (found ${correct})`));
			}
			if (!exactlyOne && (correct === 0 || correct === options.length)) {
				problems.push(
					where.problem(path, `question "${q.id}": at least one option must be correct and at least one wrong`)
				);
			}
		};

		switch (q.type) {
			case 'single-choice':
				checkOptions(q.options, at('options'), true);
				break;
			case 'multi-select':
				checkOptions(q.options, at('options'), false);
				break;
			case 'evidence-paired': {
				checkOptions(q.options, at('options'), true);
				checkOptions(q.partB.options, at('partB', 'options'), true);
				const partB: Record<string, ResolvedRange> = {};
				q.partB.options.forEach((o, oi) => {
					const r = resolve(at('partB', 'options', oi, 'quote'), o.quote);
					if (r) partB[o.id] = r;
				});
				for (const d of duplicates(Object.entries(partB), ([, r]) => `${r.start}:${r.end}`)) {
					problems.push(
						where.problem(
							at('partB', 'options', d.index),
							`question "${q.id}": two part B options quote the same words`
						)
					);
				}
				resolved.partB = partB;
				break;
			}
			case 'ordering':
				for (const d of duplicates(q.items, (it) => it.id)) {
					problems.push(
						where.problem(at('items', d.index, 'id'), `question "${q.id}": ordering has duplicate item id "${d.value}"`)
					);
				}
				for (const d of duplicates(q.items, (it) => it.text.toLowerCase())) {
					problems.push(
						where.problem(at('items', d.index, 'text'), `question "${q.id}": ordering has duplicate item "${d.value}"`)
					);
				}
				break;
			case 'matching': {
				const all = [...q.pairs.map((p) => ({ id: p.id, text: p.right })), ...q.distractors];
				for (const d of duplicates(all, (x) => x.id)) {
					problems.push(where.problem(at(), `question "${q.id}": matching has duplicate id "${d.value}"`));
				}
				for (const d of duplicates(all, (x) => x.text.toLowerCase())) {
					problems.push(
						where.problem(at(), `question "${q.id}": matching has the right-hand choice "${d.value}" twice`)
					);
				}
				for (const d of duplicates(q.pairs, (p) => p.left.toLowerCase())) {
					problems.push(
						where.problem(
							at('pairs', d.index, 'left'),
							`question "${q.id}": matching has the left item "${d.value}" twice`
						)
					);
				}
				break;
			}
			case 'cloze': {
				const inText = [...q.text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]!);
				const blankIds = new Set(q.blanks.map((b) => b.id));
				for (const name of inText) {
					if (!blankIds.has(name))
						problems.push(
							where.problem(
								at('text'),
								`question "${q.id}": the text names blank "{{${name}}}" but blanks has no such id`
							)
						);
				}
				for (const d of duplicates(inText, (x) => x)) {
					problems.push(
						where.problem(at('text'), `question "${q.id}": blank "{{${d.value}}}" appears twice in the text`)
					);
				}
				q.blanks.forEach((b, bi) => {
					if (!inText.includes(b.id))
						problems.push(
							where.problem(
								at('blanks', bi, 'id'),
								`question "${q.id}": blank "${b.id}" does not appear in the text as {{${b.id}}}`
							)
						);
					if (b.choices) {
						for (const d of duplicates(b.choices, (c) => c.toLowerCase())) {
							problems.push(
								where.problem(at('blanks', bi, 'choices', d.index), `question "${q.id}": duplicate choice "${d.value}"`)
							);
						}
					}
				});
				for (const f of checkClozeBlanks(q)) problems.push(where.problem(at(...f.path), f.message));
				break;
			}
			case 'evidence': {
				const expected = new Set<string>();
				q.expected.forEach((quote, i) => {
					const r = resolve(at('expected', i), quote);
					r?.sentences.forEach((s) => expected.add(s));
				});
				const section = passage.sections.find((s) => s.id === q.section);
				const selectable = passage.paragraphs
					.filter((p) => q.scope === 'passage' || p.section === q.section)
					.flatMap((p) => p.sentences.map((s) => s.id));
				if (section) {
					for (const s of expected) {
						if (!selectable.includes(s)) {
							problems.push(
								where.problem(
									at('expected'),
									`question "${q.id}": expected sentence ${s} lies outside section ${q.section}; set scope: passage or move the question`
								)
							);
						}
					}
				}
				if (expected.size > q.maxSelect) {
					problems.push(
						where.problem(
							at('maxSelect'),
							`question "${q.id}": the expected answer has ${expected.size} sentences but maxSelect is ${q.maxSelect}`
						)
					);
				}
				resolved.expectedSentences = [...expected];
				resolved.selectableSentences = selectable;
				break;
			}
			case 'short-answer':
				for (const f of checkShortAnswer(q)) problems.push(where.problem(at(...f.path), f.message));
				break;
			case 'true-false-not-stated':
				break;
		}
		questions.push({ ...q, resolved } as ResolvedQuestion);
	});

	// Glossary and timeline.
	for (const d of duplicates(lessonData.glossary, (g) => g.term.toLowerCase())) {
		problems.push(where.problem(['glossary', d.index, 'term'], `duplicate glossary term "${d.value}"`));
	}
	const glossary: ResolvedGlossaryEntry[] = [];
	lessonData.glossary.forEach((g, gi) => {
		const range = findTerm(passage, [g.term, ...g.forms]);
		if (!range)
			problems.push(
				where.problem(['glossary', gi, 'term'], `glossary term "${g.term}" does not appear in the article`)
			);
		else glossary.push({ ...g, range });
	});
	for (const d of duplicates(lessonData.timeline, (t) => t.id)) {
		problems.push(where.problem(['timeline', d.index, 'id'], `duplicate timeline id "${d.value}"`));
	}
	const timeline = lessonData.timeline.map((t, ti) => ({
		...t,
		range: t.evidence ? resolve(['timeline', ti, 'evidence'], t.evidence) : null
	}));

	if (problems.length > 0) return { ok: false, problems };

	const sections: ModuleSection[] = passage.sections.map((s) => {
		const info = lessonData.sections.find((x) => x.id === s.id)!;
		return {
			id: s.id,
			title: info.title ?? s.heading ?? 'Opening',
			heading: s.heading,
			readFor: info.readFor,
			recap: info.recap ?? null,
			paragraphs: s.paragraphs,
			start: s.start,
			end: s.end,
			questionIds: questions.filter((q) => q.section === s.id).map((q) => q.id)
		};
	});

	return {
		ok: true,
		module: {
			slug: input.slug,
			meta: article.meta,
			level: lessonData.level ?? null,
			passage,
			readingMinutes: readingMinutes(passage),
			objectives: lessonData.objectives,
			sections,
			scoring: lessonData.scoring,
			glossary,
			timeline,
			map: lessonData.map ?? null,
			questions
		}
	};
}
