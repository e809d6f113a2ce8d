/**
 * When the lesson's scaffolding may be seen. A glossary entry or a timeline event that is shown too
 * early answers a question without the passage, so each carries the first lesson stage at which it
 * may appear. Stages are numbered: the start screen is -1; section k (0-based) is read at 3k, its
 * questions are asked at 3k + 1 and its recap is shown at 3k + 2. Pure and browser-safe: the
 * server stamps the stage on the public module, the page filters by it, the quality checker reads
 * it to know what a student has seen before each question.
 */

export const START_STAGE = -1;
export const readingStage = (sectionIndex: number) => 3 * sectionIndex;
export const questionsStage = (sectionIndex: number) => 3 * sectionIndex + 1;
export const recapStage = (sectionIndex: number) => 3 * sectionIndex + 2;

/** The words of a question's stem: the prompt and whatever it asks the student to judge. */
export interface StemSource {
	prompt: string;
	statement?: string;
	claim?: string;
	text?: string;
	partB?: { prompt: string };
}

export function stemTexts(q: StemSource): string[] {
	return [q.prompt, q.statement, q.claim, q.text, q.partB?.prompt].filter((t): t is string => !!t);
}

/** Spans inside double quotes (straight or curly) or single curly quotes. */
export function quotedSpans(text: string): string[] {
	const spans: string[] = [];
	for (const m of text.matchAll(/["“]([^"“”]+)["”]|‘([^‘’]+)’/g)) spans.push((m[1] ?? m[2])!);
	// 'single straight quotes' only where they cannot be apostrophes: after a space or at the start.
	for (const m of text.matchAll(/(?:^|[\s(])'([^']+)'(?=[\s.,;:?!)]|$)/g)) spans.push(m[1]!);
	return spans;
}

const wordsOf = (s: string) =>
	s
		.toLowerCase()
		.replace(/[’‘]/g, "'")
		.split(/[^\p{L}\p{N}'-]+/u)
		.filter(Boolean)
		.join(' ');

/** Whether `phrase` occurs in `text` as whole words, ignoring case and punctuation. */
export function hasPhrase(text: string, phrase: string): boolean {
	const p = wordsOf(phrase);
	return p.length > 0 && ` ${wordsOf(text)} `.includes(` ${p} `);
}

const wordCount = (s: string) => s.split(/[^\p{L}\p{N}]+/u).filter(Boolean).length;

/**
 * The form of a term that a quoted span asks about, if any: the span holds the term (or one of its
 * forms) and little else, at most four more words ("has pledged to take countermeasures"). A whole
 * sentence quoted for context does not ask about every glossary word in it.
 */
function askedForm(span: string, forms: string[]): string | null {
	return forms.find((f) => hasPhrase(span, f) && wordCount(span) <= wordCount(f) + 4) ?? null;
}

/**
 * A question asks about a glossary term when its stem quotes the term (or one of its forms):
 * 'What does "bluster" most likely mean?'. The entry is then hidden until that section's questions
 * are over, so the pop-up cannot answer the item.
 */
export function asksAboutTerm(q: StemSource, forms: string[]): boolean {
	return stemTexts(q)
		.flatMap(quotedSpans)
		.some((span) => askedForm(span, forms) !== null);
}

export interface VisibilityQuestion extends StemSource {
	section: string;
}

/**
 * For each glossary entry (in glossary order), the indices of the sections with a question that
 * asks about its term. Where a span asks about a longer term that holds a shorter one
 * ("Indo-Pacific Four", "Indo-Pacific"), only the longer term is asked about.
 */
export function glossaryAskedIn(
	glossary: { term: string; forms?: string[] }[],
	questions: VisibilityQuestion[],
	sectionIds: string[]
): number[][] {
	// A loaded module never changes, and the server asks again for every attempt it starts or
	// serves: keep the answer for the same glossary, questions and sections.
	const sections = sectionIds.join('\n');
	const kept = askedKept.get(glossary);
	if (kept && kept.questions === questions && kept.sections === sections) return kept.asked;
	const asked = askedFor(glossary, questions, sectionIds);
	askedKept.set(glossary, { questions, sections, asked });
	return asked;
}

const askedKept = new WeakMap<object, { questions: object; sections: string; asked: number[][] }>();

function askedFor(
	glossary: { term: string; forms?: string[] }[],
	questions: VisibilityQuestion[],
	sectionIds: string[]
): number[][] {
	const asked = glossary.map(() => new Set<number>());
	for (const q of questions) {
		for (const span of stemTexts(q).flatMap(quotedSpans)) {
			const hits = glossary
				.map((g, i) => ({ i, form: askedForm(span, [g.term, ...(g.forms ?? [])]) }))
				.filter((h): h is { i: number; form: string } => h.form !== null);
			for (const h of hits) {
				const inLonger = hits.some((o) => o !== h && o.form.length > h.form.length && hasPhrase(o.form, h.form));
				const section = sectionIds.indexOf(q.section);
				if (!inLonger && section >= 0) asked[h.i]!.add(section);
			}
		}
	}
	return asked.map((s) => [...s].sort((a, b) => a - b));
}

/**
 * The first stage at which each glossary entry may be shown, in glossary order: the start, or the
 * recap of the last section with a question that asks about its term.
 */
export function glossaryShownFrom(
	glossary: { term: string; forms?: string[] }[],
	questions: VisibilityQuestion[],
	sectionIds: string[]
): number[] {
	return glossaryAskedIn(glossary, questions, sectionIds).map((sections) =>
		sections.length === 0 ? START_STAGE : recapStage(sections.at(-1)!)
	);
}

/**
 * Timeline events from the passage appear in the recap of the section that tells them, and stay
 * after that; background events (the passage does not give them) may be shown from the start.
 */
export function timelineShownFrom(
	timeline: { range: { sentences: string[] } | null }[],
	sectionOfSentence: (sentenceId: string) => string | undefined,
	sectionIds: string[]
): number[] {
	return timeline.map((t) => {
		const first = t.range?.sentences[0];
		if (!first) return START_STAGE;
		const index = sectionIds.indexOf(sectionOfSentence(first) ?? '');
		return index < 0 ? START_STAGE : recapStage(index);
	});
}

/** The stage a lesson is at, from its section and step. */
export function lessonStage(
	step: 'intro' | 'reading' | 'questions' | 'recap' | 'summary',
	sectionIndex: number
): number {
	switch (step) {
		case 'intro':
			return START_STAGE;
		case 'reading':
			return readingStage(sectionIndex);
		case 'questions':
			return questionsStage(sectionIndex);
		case 'recap':
			return recapStage(sectionIndex);
		case 'summary':
			return Number.MAX_SAFE_INTEGER;
	}
}
