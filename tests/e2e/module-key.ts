/**
 * The answer key of a module as the tests know it (read from the content files on disk, never from the
 * app), and the texts that must not reach the browser before an answer.
 */
import Database from 'better-sqlite3';
import { loadModuleDir } from '../../src/lib/server/content.ts';
import type { Module, ResolvedQuestion } from '../../src/lib/content/module.ts';
import { questionIds } from '../../src/lib/server/attempts/student-view.ts';
import { withoutVerdict } from '../../src/lib/format/verdict.ts';
import type { Rubric } from '../../src/lib/content/schema.ts';

export function loadKey(slug: string): Module {
	const result = loadModuleDir(`questions/${slug}`, slug);
	if (!result.ok) throw new Error(`module ${slug} does not load`);
	return result.module;
}

/** The feedback a rubric gives for a missing or a forbidden concept. */
const rubricFeedback = (r: Rubric): string[] =>
	[...r.required, ...r.forbidden].flatMap((c) => (!Array.isArray(c) && c.feedback ? [c.feedback] : []));

/** Every text that only the graded answer may reveal: feedback, explanations, background. */
export function secretTexts(q: ResolvedQuestion): string[] {
	const out = [q.explanation.text, ...(q.explanation.background ? [q.explanation.background] : [])];
	switch (q.type) {
		case 'single-choice':
		case 'multi-select':
			out.push(...q.options.map((o) => o.feedback));
			break;
		case 'evidence-paired':
			out.push(...q.options.map((o) => o.feedback), ...q.partB.options.map((o) => o.feedback));
			break;
		case 'true-false-not-stated':
			out.push(q.feedback.true, q.feedback.false, q.feedback['not-stated']);
			break;
		case 'short-answer':
			out.push(
				q.feedback.correct,
				q.feedback.incorrect,
				...q.wrongAnswers.map((w) => w.feedback),
				...rubricFeedback(q.rubric)
			);
			break;
		case 'ordering':
			out.push(q.feedback.correct, q.feedback.incorrect);
			break;
		case 'matching':
			out.push(...q.pairs.map((p) => p.feedback));
			break;
		case 'cloze':
			out.push(
				...q.blanks.flatMap((b) => [
					b.feedback,
					...b.wrongAnswers.map((w) => w.feedback),
					...(b.rubric ? rubricFeedback(b.rubric) : [])
				])
			);
			break;
		case 'evidence':
			out.push(q.feedback.correct, q.feedback.partial, q.feedback.incorrect);
			break;
	}
	// The grader drops a verdict word at the start of a line ("Right. …"): look for what is shown.
	return out.map(withoutVerdict);
}

/**
 * The longest stretch of a secret text that has no characters HTML or JSON may escape and that the
 * public page may legitimately show (a quote from the passage, an option's own words): finding it
 * proves the secret is there, however it was encoded. Null when every stretch is public.
 */
export function fingerprint(text: string, publicText: string): string | null {
	const runs = text
		.split(/["'<>&\\\u2018\u2019\u201c\u201d\u2014]/)
		.map((s) => s.trim())
		.filter((s) => s.length >= 12 && !publicText.includes(s));
	return runs.reduce<string | null>((a, b) => (b.length > (a?.length ?? 0) ? b : a), null);
}

let idKey: string | null = null;
/**
 * The opaque id the pages show for a question: the server's HMAC under the key in the test
 * server's database (read here as an operator could; a browser only ever sees the ids). The
 * database exists once the server has answered a page that uses it.
 */
export function publicQuestionId(module: Module, q: { id: string }): string {
	if (!idKey) {
		const db = new Database(process.env.E2E_DATABASE_PATH ?? 'test-results/e2e.db', { readonly: true });
		try {
			idKey = (db.prepare("select value from server_keys where name = 'public-ids'").get() as { value: string }).value;
		} finally {
			db.close();
		}
	}
	return questionIds(idKey, module).toPublic(q.id);
}
