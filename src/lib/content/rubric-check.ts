/**
 * Checks of the rubrics of typed answers (short answers and typed cloze blanks) that the schema
 * cannot make: the model answer is accepted; the question's own words (prompt, hints, the cloze
 * text around the blanks) earn nothing; no authored wrong answer and no wrong option of the same
 * question (another blank's answer, a drop-down blank's wrong choices) is accepted. Also the shape
 * rules of blanks: a drop-down blank has its answer among its choices and no rubric; a typed blank
 * has a rubric. Pure; the loader turns each finding into a file:line problem.
 */
import { matchRubric } from '../scoring/rubric.ts';
import type { QuestionOf, Rubric } from './schema.ts';

export interface RubricFinding {
	/** Path below the question, e.g. ['blanks', 1, 'rubric']. */
	path: (string | number)[];
	message: string;
}

const shown = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

function checkRubric(
	label: string,
	rubric: Rubric,
	at: (string | number)[],
	model: { text: string; path: (string | number)[] },
	ownWords: string,
	wrong: { text: string; path: (string | number)[]; what: string }[]
): RubricFinding[] {
	const out: RubricFinding[] = [];
	const m = matchRubric(rubric, model.text);
	if (!m.accepted) {
		const why =
			m.forbidden.length > 0
				? `it has the forbidden "${m.forbidden.join('", "')}"`
				: `missing "${m.missing.join('", "')}"`;
		out.push({
			path: model.path,
			message: `${label}: the rubric does not accept the model answer "${shown(model.text)}" (${why})`
		});
	}
	const own = matchRubric(rubric, ownWords);
	if (own.credit > 0) {
		out.push({
			path: [...at, 'required'],
			message: `${label}: the question's own words (prompt, hints${label.includes('blank') ? ', text' : ''}) already earn credit (they contain "${own.found.join('", "')}"); require a concept a student must find in the passage`
		});
	}
	for (const w of wrong) {
		if (matchRubric(rubric, w.text).accepted) {
			out.push({ path: w.path, message: `${label}: the rubric accepts ${w.what} "${shown(w.text)}"` });
		}
	}
	return out;
}

export function checkShortAnswer(q: QuestionOf<'short-answer'>): RubricFinding[] {
	return checkRubric(
		`question "${q.id}"`,
		q.rubric,
		['rubric'],
		{ text: q.answer, path: ['answer'] },
		[q.prompt, ...q.hints].join(' \n '),
		q.wrongAnswers.map((w, i) => ({ text: w.answer, path: ['wrongAnswers', i, 'answer'], what: 'the wrong answer' }))
	);
}

export function checkClozeBlanks(q: QuestionOf<'cloze'>): RubricFinding[] {
	const out: RubricFinding[] = [];
	const around = q.text.replace(/\{\{\s*[^}\s]+\s*\}\}/g, ' … ');
	q.blanks.forEach((b, bi) => {
		const label = `question "${q.id}", blank "${b.id}"`;
		if (b.choices) {
			if (!b.choices.some((c) => c.toLowerCase() === b.answer.toLowerCase())) {
				out.push({
					path: ['blanks', bi, 'answer'],
					message: `${label}: the answer "${b.answer}" is not one of the blank's choices`
				});
			}
			if (b.rubric) {
				out.push({
					path: ['blanks', bi, 'rubric'],
					message: `${label}: a drop-down blank is graded by its choices; remove the rubric`
				});
			}
			if (b.wrongAnswers.length > 0) {
				out.push({
					path: ['blanks', bi, 'wrongAnswers'],
					message: `${label}: a drop-down blank's wrong answers are its other choices; remove wrongAnswers`
				});
			}
			return;
		}
		if (!b.rubric) {
			out.push({
				path: ['blanks', bi, 'answer'],
				message: `${label}: a typed blank needs a rubric (or give choices to make it a drop-down)`
			});
			return;
		}
		const wrongOptions = q.blanks.flatMap((other, oi) => {
			if (oi === bi) return [];
			const texts = other.choices
				? other.choices
						.filter((c) => c.toLowerCase() !== other.answer.toLowerCase())
						.map((c) => ({ text: c, what: `blank "${other.id}"'s wrong choice` }))
				: [];
			return [{ text: other.answer, what: `blank "${other.id}"'s answer` }, ...texts].map((t) => ({
				...t,
				path: ['blanks', bi, 'rubric']
			}));
		});
		out.push(
			...checkRubric(
				label,
				b.rubric,
				['blanks', bi, 'rubric'],
				{ text: b.answer, path: ['blanks', bi, 'answer'] },
				[q.prompt, ...q.hints, around].join(' \n '),
				[
					...b.wrongAnswers.map((w, i) => ({
						text: w.answer,
						path: ['blanks', bi, 'wrongAnswers', i, 'answer'],
						what: 'the wrong answer'
					})),
					...wrongOptions
				]
			)
		);
	});
	return out;
}
