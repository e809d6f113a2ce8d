/**
 * The attempt engine: the one place where a student's action on a question (an answer, a hint, a
 * reveal) is checked against the attempt's record and its rules, recorded, and answered. Practice
 * lessons, the review deck and assignments all go through `act`; they differ only in the rules
 * they pass and in which kind of attempt the record belongs to.
 *
 * The server numbers every try itself (the next after those recorded), serves hints in order and
 * records each, allows a reveal only after a first try and never while feedback is held back, and
 * computes points from its record alone. The database's unique keys (one row per try, one final
 * answer per question, one row per hint) keep that true when requests race.
 */
import type { Module, ResolvedQuestion } from '../../content/module.ts';
import type { ScoringPolicy } from '../../content/schema.ts';
import type { Response } from '../../scoring/response.ts';
import type { StudentAction } from '../../scoring/request.ts';
import type { GradeResult, HintReply } from '../../scoring/types.ts';
import type { AcceptedSet } from '../../scoring/accepted.ts';
import type { Answer, AttemptKind, QuestionLog, Repository } from '../db/repository.ts';
import { RepositoryError } from '../db/repository.ts';
import { labellingFor, resultFor } from '../grading.ts';
import { questionPoints } from '../../scoring/score.ts';
import { sameResponse } from './same-response.ts';
import { authorResponse, publicResult } from './student-view.ts';

/** What the rules of an attempt allow, decided by its assignment or practice settings. */
export interface AttemptRules {
	/** The module's scoring with the tries per question that apply. */
	scoring: ScoringPolicy;
	hintsEnabled: boolean;
	/** Verdicts, points, solutions and explanations are held back: no reveal either. */
	withheld: boolean;
	/** Answers the teacher accepts for everyone, by author question id (assignments only). */
	accepted?: ReadonlyMap<string, AcceptedSet>;
	/** Tries recorded now arrive past the deadline's grace period and are marked late (assignments only). */
	late?: boolean;
}

/** Whose attempt: its kind, its id, and the secret its labelling comes from (never sent out). */
export interface AttemptRef {
	kind: AttemptKind;
	id: string;
	/** Labelling seed of a question for this attempt. */
	seedFor: (q: ResolvedQuestion) => string;
}

export type ActReply = { action: 'answer' | 'reveal'; result: GradeResult } | { action: 'hint'; reply: HintReply };

export type ActOutcome = { ok: true; reply: ActReply } | { ok: false; status: 403 | 404 | 409 | 422; message: string };

const refuse = (status: 403 | 404 | 409 | 422, message: string): ActOutcome => ({ ok: false, status, message });

/** What a student may see of a result when feedback is held back: saved, final, nothing about right or wrong. */
export function withheldResult(result: GradeResult): GradeResult {
	return {
		verdict: 'incorrect',
		credit: 0,
		feedback: [],
		marks: {},
		questionId: result.questionId,
		tryNumber: result.tryNumber,
		final: true,
		revealed: result.revealed,
		triesLeft: 0,
		points: null,
		maxPoints: result.maxPoints,
		solution: null,
		explanation: null
	};
}

/** The result of a stored try or reveal, regraded from the record (grading is pure). */
export function storedResult(
	module: Module,
	q: ResolvedQuestion,
	ref: AttemptRef,
	rules: AttemptRules,
	a: Answer,
	accepted: AcceptedSet | undefined = rules.accepted?.get(q.id)
) {
	return resultFor(
		module,
		q,
		labellingFor(q, ref.seedFor(q)),
		rules.scoring,
		{ response: a.response, tryNumber: a.tryNumber, hintsUsed: a.hintsUsed, revealed: a.revealed },
		accepted
	);
}

/** Where a question of an attempt stands, from its record. */
export function questionState(log: QuestionLog) {
	const tries = log.answers.filter((a) => !a.revealed);
	return { tries, last: tries.at(-1) ?? null, final: log.answers.find((a) => a.final) ?? null };
}

/**
 * Carry out one student action on one question of an attempt. `question` is the author's question
 * the public id resolved to (the caller resolves it, and answers 404 when it does not).
 */
export async function act(
	repo: Repository,
	module: Module,
	question: ResolvedQuestion,
	ref: AttemptRef,
	rules: AttemptRules,
	action: StudentAction,
	now: Date
): Promise<ActOutcome> {
	const log = await repo.questionLog(ref.kind, ref.id, question.id);
	const { tries, last, final } = questionState(log);
	const seed = ref.seedFor(question);
	// The reply names the question by the public id the browser used (never the author's id), in the
	// labels the student saw.
	const shown = (result: GradeResult): GradeResult =>
		publicResult(question, seed, action.questionId, rules.withheld ? withheldResult(result) : result);
	const reply = (a: Answer): ActOutcome => ({
		ok: true,
		reply: { action: a.revealed ? 'reveal' : 'answer', result: shown(storedResult(module, question, ref, rules, a)) }
	});

	if (action.action === 'hint') {
		if (!rules.hintsEnabled) return refuse(403, 'Hints are turned off here.');
		if (question.hints.length === 0) return refuse(422, 'This question has no hints.');
		if (action.hint > question.hints.length) {
			return refuse(
				422,
				`This question has ${question.hints.length} ${question.hints.length === 1 ? 'hint' : 'hints'}.`
			);
		}
		let served = log.hintsUsed;
		if (action.hint > served) {
			if (final) return refuse(409, 'This question is finished; hints are for questions still open.');
			if (action.hint > served + 1) return refuse(422, `Ask for hint ${served + 1} first.`);
			served = await repo.recordHint({
				attemptId: ref.id,
				questionId: question.id,
				hintNumber: action.hint,
				createdAt: now.toISOString()
			});
		}
		return {
			ok: true,
			reply: { action: 'hint', reply: { questionId: action.questionId, hints: question.hints.slice(0, served) } }
		};
	}

	// A repeated post of an action already recorded gets the stored result back, unchanged.
	const repeat = log.answers.find((a) => a.id === action.answerId);
	if (repeat) return reply(repeat);

	if (action.action === 'reveal') {
		if (rules.withheld) return refuse(403, 'Answers are not shown here until results are released.');
		if (final) return reply(final);
		if (!last) return refuse(409, 'Give an answer first; then you can ask to see the answer.');
		return record(null, last.tryNumber, true);
	}

	if (action.response.type !== question.type) {
		return refuse(
			422,
			`This question is a ${question.type} question, but the answer is for a ${action.response.type} question.`
		);
	}
	if (final) return refuse(409, 'This question is finished; its answer can no longer change.');
	const response = authorResponse(question, seed, action.response);
	if (last && last.response && sameResponse(last.response, response)) {
		return refuse(409, 'That is the same answer as your last try. Change it before checking again (no try was used).');
	}
	return record(response, tries.length + 1, false);

	/** The grade of this try by the key alone, with the points it earns if the question is over. */
	function keyOnly(withAccepted: GradeResult, response: Response | null, revealed: boolean, tryNumber: number) {
		if (!rules.accepted?.get(question.id)?.size) return withAccepted;
		const key = resultFor(module, question, labellingFor(question, seed), rules.scoring, {
			response,
			tryNumber,
			hintsUsed: log.hintsUsed,
			revealed
		});
		if (key.credit === withAccepted.credit) return withAccepted;
		const points = withAccepted.final
			? questionPoints(
					{ points: question.points, credit: key.credit, tryNumber, hintsUsed: log.hintsUsed, revealed },
					rules.scoring
				)
			: null;
		return { verdict: key.verdict, credit: key.credit, points };
	}

	async function record(response: Response | null, tryNumber: number, revealed: boolean): Promise<ActOutcome> {
		const result = resultFor(
			module,
			question,
			labellingFor(question, seed),
			rules.scoring,
			{ response, tryNumber, hintsUsed: log.hintsUsed, revealed },
			rules.accepted?.get(question.id)
		);
		// The row keeps the key's own grade (the machine's layer); an answer the teacher accepts for
		// everyone is a layer of its own on top (see outcomes.ts), so that stopping accepting it
		// regrades this try by the key again. Whether the question is over is what the student was told.
		const keyGrade = keyOnly(result, response, revealed, tryNumber);
		let stored: { stored: boolean; answer: Answer };
		try {
			stored = await repo.recordAnswer(
				{
					id: action.action === 'hint' ? '' : action.answerId,
					attemptId: ref.id,
					questionId: question.id,
					tryNumber,
					hintsUsed: log.hintsUsed,
					revealed,
					response,
					verdict: keyGrade.verdict,
					credit: keyGrade.credit,
					points: keyGrade.points,
					final: result.final,
					createdAt: now.toISOString(),
					late: rules.late === true
				},
				ref.kind
			);
		} catch (e) {
			if (e instanceof RepositoryError) return refuse(e.code === 'not-found' ? 404 : 409, e.message);
			throw e;
		}
		// Another request recorded this try first (two tabs, a double click): report what is stored.
		if (!stored.stored) return reply(stored.answer);
		return { ok: true, reply: { action: revealed ? 'reveal' : 'answer', result: shown(result) } };
	}
}
