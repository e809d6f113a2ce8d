/**
 * Size limits of an article, checked before it is parsed. A news article runs to a few thousand
 * words and its paragraphs to a few hundred characters; an article far beyond that is a mistake
 * (a pasted book, a file without blank lines), and refusing it with its file and line keeps one
 * broken module from costing the server its memory and every other module with it.
 */
import type { ContentProblem } from './module.ts';

/** The whole article.md, in characters: about ten times the longest feature article. */
export const MAX_ARTICLE_CHARS = 200_000;
/** One paragraph (lines between blank lines), in characters. */
export const MAX_PARAGRAPH_CHARS = 10_000;

const count = (n: number) => n.toLocaleString('en-US');

/** Problems with the article's size: the whole file, then each paragraph that is too long. */
export function articleSizeProblems(file: string, source: string): ContentProblem[] {
	if (source.length > MAX_ARTICLE_CHARS) {
		return [
			{
				file,
				line: 1,
				column: 1,
				message: `the article is ${count(source.length)} characters long; the limit is ${count(MAX_ARTICLE_CHARS)}. Split it into shorter lessons.`
			}
		];
	}
	const problems: ContentProblem[] = [];
	let start = 0;
	let length = 0;
	let line = 0;
	const close = () => {
		if (length > MAX_PARAGRAPH_CHARS) {
			problems.push({
				file,
				line: start,
				column: 1,
				message: `this paragraph is ${count(length)} characters long; the limit is ${count(MAX_PARAGRAPH_CHARS)}. Separate paragraphs with a blank line.`
			});
		}
		length = 0;
	};
	for (const text of source.split('\n')) {
		line++;
		if (text.trim() === '') {
			close();
			continue;
		}
		if (length === 0) start = line;
		length += text.length + 1;
	}
	close();
	return problems;
}
