/**
 * The lesson file format (questions/<slug>/lesson.yaml). This zod schema is the one source of truth:
 * the TypeScript types below are inferred from it and questions/lesson.schema.json is generated from
 * it (npm run content:schema). Fields carry `.describe()` text that editors show while authoring.
 */
import { z } from 'zod';
import { HELP_LANGUAGE_CODES } from './languages.ts';

export const SCHEMA_VERSION = 1;

const id = z
	.string()
	.regex(/^[a-z0-9][a-z0-9-]*$/, 'ids use lower-case letters, digits and hyphens')
	.describe('A short stable id: lower-case letters, digits and hyphens.');

const text = z.string().trim().min(1, 'must not be empty');

/** A quote: the exact words of the passage (typographic and straight quotes are interchangeable). */
export const quote = text.describe(
	'Exact words copied from the article. Curly and straight quotes, and runs of spaces, are treated alike. Must occur exactly once.'
);

export const difficulty = z.enum(['easy', 'medium', 'hard']).describe('How hard the item is for the target reader.');
export const bloom = z
	.enum(['remember', 'understand', 'apply', 'analyze', 'evaluate', 'create'])
	.describe("The item's level in Bloom's taxonomy.");

export const explanation = z
	.strictObject({
		text: text.describe('Why the answer is right, in one or two sentences.'),
		evidence: z
			.array(quote)
			.min(1, 'an explanation needs at least one evidence quote')
			.describe('Quotes that prove the answer.'),
		background: text
			.optional()
			.describe('Background the passage does not give (labelled as background when shown). Keep it short.')
	})
	.describe('Shown after answering. Each evidence quote becomes a "show in passage" link.');

export const option = z.strictObject({
	id: id.describe('Option id, unique within the question.'),
	text: text.describe('What the student sees.'),
	correct: z.boolean().default(false).describe('Whether this option is (part of) the key.'),
	feedback: text.describe('Shown when the student picks this option: say why it is right or name the misreading.')
});

const base = {
	id: id.describe('Question id, unique within the module.'),
	section: id.describe('The section after which the question is asked (a section id from `sections`).'),
	objective: id.describe('The learning objective the question serves (an id from `objectives`).'),
	prompt: text.describe('The question stem.'),
	points: z.number().positive().max(10).default(1).describe('Points for a fully right first try.'),
	hints: z
		.array(text)
		.max(3)
		.default([])
		.describe('Progressive hints: the first sends the reader to the right place; none gives the answer.'),
	explanation,
	difficulty: difficulty.default('medium'),
	bloom: bloom.default('understand')
};

export const singleChoice = z.strictObject({
	...base,
	type: z.literal('single-choice'),
	options: z.array(option).min(2).max(6)
});

export const multiSelect = z.strictObject({
	...base,
	type: z.literal('multi-select'),
	options: z.array(option).min(3).max(8)
});

export const trueFalseNotStated = z.strictObject({
	...base,
	type: z.literal('true-false-not-stated'),
	statement: text.describe('The claim the student judges against the passage.'),
	answer: z.enum(['true', 'false', 'not-stated']).describe('What the passage says of the statement.'),
	feedback: z
		.strictObject({ true: text, false: text, 'not-stated': text })
		.describe('Feedback for each of the three choices.')
});

const alternatives = z
	.array(text.describe('A word or a phrase of a few words.'))
	.min(1, 'a concept needs at least one word or phrase');

/**
 * One idea of an answer: alternative words or phrases, any one of which is enough. Written as a
 * plain list, or with feedback as `{ any: [...], feedback: ... }`.
 */
export const concept = z.union(
	[
		alternatives,
		z.strictObject({
			any: alternatives,
			feedback: text
				.optional()
				.describe(
					'For a required concept: shown when the answer lacks it but has another. For a forbidden one: shown when the answer has it.'
				)
		})
	],
	{ error: 'a concept is a list of words or phrases, or { any: [words or phrases], feedback: text }' }
);

export const rubric = z
	.strictObject({
		required: z
			.array(concept)
			.min(1)
			.max(8)
			.describe(
				'Concepts a right answer contains, in any order. Each is a list of alternatives (words or phrases); one of them is enough.'
			),
		forbidden: z
			.array(concept)
			.default([])
			.describe('Concepts a right answer must not contain: the wrong idea that shares words with the right one.'),
		partialCredit: z
			.boolean()
			.default(false)
			.describe(
				'Give the share of required concepts found when some are missing (only where the lesson scores partial credit).'
			)
	})
	.describe(
		'How a typed answer is judged by meaning. Words match on their stems ("renewal" = "renewing"), one typo is forgiven in words of 4 to 7 letters and two from 8 letters; other words may come before, between and after.'
	);

const wrongAnswers = z
	.array(z.strictObject({ answer: text, feedback: text }))
	.default([])
	.describe(
		'Wrong answers students give, each with feedback that names the misreading. The rubric must refuse every one; an answer typed the same way gets this feedback.'
	);

export const shortAnswer = z.strictObject({
	...base,
	type: z.literal('short-answer'),
	answer: text.describe('The model answer, shown once the question is over. The rubric must accept it.'),
	rubric,
	wrongAnswers,
	feedback: z
		.strictObject({ correct: text, incorrect: text })
		.describe('Feedback for a right answer and for any other wrong answer.'),
	maxLength: z.number().int().positive().max(500).default(80)
});

export const ordering = z.strictObject({
	...base,
	type: z.literal('ordering'),
	items: z
		.array(z.strictObject({ id, text }))
		.min(3)
		.max(8)
		.describe('Items in the RIGHT order. Students see them shuffled.'),
	feedback: z.strictObject({ correct: text, incorrect: text })
});

export const matching = z.strictObject({
	...base,
	type: z.literal('matching'),
	pairs: z
		.array(
			z.strictObject({
				id,
				left: text,
				right: text,
				feedback: text.describe('Shown when this left item is matched wrongly.')
			})
		)
		.min(2)
		.max(8)
		.describe('Each left item with its right partner.'),
	distractors: z
		.array(z.strictObject({ id, text }))
		.default([])
		.describe('Extra right-hand choices that match nothing.')
});

export const clozeBlank = z.strictObject({
	id: id.describe('Blank id; write {{id}} in the cloze text where the blank stands.'),
	answer: text.describe(
		'The right filling, shown once the question is over: the right choice of a drop-down blank, or the model answer of a typed one (its rubric must accept it).'
	),
	choices: z
		.array(text)
		.min(2)
		.optional()
		.describe('If given, the blank is a drop-down of these choices, one of them the answer; otherwise it is typed.'),
	rubric: rubric
		.optional()
		.describe('How a typed blank is judged (required for a typed blank, not allowed with choices).'),
	wrongAnswers,
	feedback: text.describe('Shown when this blank is filled wrongly.')
});

export const cloze = z.strictObject({
	...base,
	type: z.literal('cloze'),
	text: text.describe('The text with blanks written as {{blank-id}}.'),
	blanks: z.array(clozeBlank).min(1).max(6)
});

export const evidence = z.strictObject({
	...base,
	type: z.literal('evidence'),
	claim: text.describe('The claim the student finds support for.'),
	expected: z
		.array(quote)
		.min(1)
		.describe('Quotes inside the sentences that support the claim; the student selects whole sentences.'),
	scope: z.enum(['section', 'passage']).default('section').describe('Where the student may select sentences.'),
	maxSelect: z.number().int().positive().max(6).default(3),
	feedback: z.strictObject({ correct: text, partial: text, incorrect: text })
});

export const pairedOption = z.strictObject({
	id,
	quote: quote.describe('A whole sentence (or clause) of the passage; the student sees the passage text.'),
	correct: z.boolean().default(false),
	feedback: text
});

export const evidencePaired = z.strictObject({
	...base,
	type: z.literal('evidence-paired'),
	options: z.array(option).min(3).max(5).describe('Part A: the answer.'),
	partB: z.strictObject({
		prompt: text.describe('Part B stem, e.g. "Which sentence best supports the answer to Part A?"'),
		options: z.array(pairedOption).min(3).max(5)
	})
});

export const question = z.discriminatedUnion('type', [
	singleChoice,
	multiSelect,
	trueFalseNotStated,
	shortAnswer,
	ordering,
	matching,
	cloze,
	evidence,
	evidencePaired
]);

export const QUESTION_TYPES = [
	'single-choice',
	'multi-select',
	'true-false-not-stated',
	'short-answer',
	'ordering',
	'matching',
	'cloze',
	'evidence',
	'evidence-paired'
] as const;

export const scoringPolicy = z
	.strictObject({
		maxTries: z.number().int().min(1).max(5).default(3).describe('Tries per question before the answer is revealed.'),
		retryPenalty: z
			.number()
			.min(0)
			.max(1)
			.default(0.25)
			.describe('Share of the points lost for each try after the first (0.25: second try is worth 75%).'),
		hintPenalty: z.number().min(0).max(1).default(0.1).describe('Share of the points lost for each hint used.'),
		partialCredit: z.boolean().default(true).describe('Give part of the points for partly right answers.'),
		masteryThreshold: z
			.number()
			.min(0)
			.max(1)
			.default(0.8)
			.describe("Share of an objective's points that counts as mastered.")
	})
	.describe('How answers are scored. Shown to students before they start. There is never a speed bonus.');

export const DEFAULT_POLICY = scoringPolicy.parse({});

export const objective = z.strictObject({
	id,
	title: text.describe('Short name, e.g. "Key facts".'),
	description: text.describe('What the student can do, e.g. "Identify who did what, where and how many."')
});

export const section = z.strictObject({
	id: id.describe('s1, s2, … in article order (the text before the first ## heading, if any, is s1).'),
	title: text.optional().describe('Display title; defaults to the ## heading.'),
	readFor: text.describe('Shown before reading: what to read for.'),
	recap: text.optional().describe("A short recap shown after the section's questions.")
});

export const glossaryEntry = z.strictObject({
	term: text.describe('The word or phrase as it appears in the article (its first occurrence gets the popover).'),
	definition: text.describe('A definition a 14-year-old understands.'),
	background: z.boolean().default(false).describe('True if this is background the passage does not give.'),
	forms: z.array(text).default([]).describe('Other forms of the term to link in the article.'),
	translations: z
		.partialRecord(z.enum(HELP_LANGUAGE_CODES), text)
		.default({})
		.describe(
			'The definition translated into other languages, keyed by language code (es: Spanish, ko: Korean, …). Shown on request beside the English, marked as a translation; the English stays the reference.'
		)
});

export const timelineEvent = z.strictObject({
	id,
	label: text.describe('What happened, in a few words.'),
	when: text.describe('When, as the passage says it ("in June", "last week") or as background.'),
	evidence: quote.optional().describe('Where the passage mentions the event.'),
	background: z.boolean().default(false)
});

export const mapInfo = z.strictObject({
	countries: z
		.array(
			z.strictObject({
				name: text,
				iso: z.string().regex(/^\d{3}$/, 'ISO 3166-1 numeric code, e.g. "410"'),
				role: text
			})
		)
		.min(1)
		.describe('Countries to highlight on the locator map.')
});

export const lesson = z
	.strictObject({
		$schema: z.string().optional(),
		schemaVersion: z.literal(SCHEMA_VERSION).describe('Format version of this file.'),
		level: text.optional().describe('Who the module is for, e.g. "Grades 8–10".'),
		objectives: z.array(objective).min(1).max(10),
		sections: z.array(section).min(1),
		scoring: scoringPolicy.default(DEFAULT_POLICY),
		glossary: z.array(glossaryEntry).default([]),
		timeline: z.array(timelineEvent).default([]).describe('Events in the order the passage establishes.'),
		map: mapInfo.optional(),
		questions: z.array(question).min(1)
	})
	.describe('A Closeread lesson: objectives, sections, questions and scoring for one article.');

export const articleFrontMatter = z.strictObject({
	title: text,
	source: text.optional(),
	url: z.url().optional(),
	date: text.optional().describe('Publication date where known; leave out when the article is undated.'),
	author: text.optional()
});

export type LessonFile = z.infer<typeof lesson>;
export type Question = z.infer<typeof question>;
export type QuestionType = Question['type'];
export type Option = z.infer<typeof option>;
export type ScoringPolicy = z.infer<typeof scoringPolicy>;
export type Objective = z.infer<typeof objective>;
export type SectionInfo = z.infer<typeof section>;
export type GlossaryEntry = z.infer<typeof glossaryEntry>;
export type TimelineEvent = z.infer<typeof timelineEvent>;
export type ArticleFrontMatter = z.infer<typeof articleFrontMatter>;
export type Rubric = z.infer<typeof rubric>;
export type Concept = z.infer<typeof concept>;
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;
