/**
 * The scoring policy, applied: points for one question (partial credit, retry decay, hint cost,
 * zero when the answer was revealed, never a speed bonus), the policy in plain words for students,
 * and a lesson summary by objective. Pure and table-tested.
 */
import type { Objective, ScoringPolicy } from '../content/schema.ts';

const round2 = (n: number) => Math.round(n * 100) / 100;

export interface QuestionPointsInput {
	/** The question's full points. */
	points: number;
	/** Share of the answer that is right, 0..1. */
	credit: number;
	/** 1 for the first try. */
	tryNumber: number;
	hintsUsed: number;
	/** The student asked to see the answer. */
	revealed: boolean;
}

/** The multiplier that retries and hints leave, 0..1. */
export function costFactor(tryNumber: number, hintsUsed: number, policy: ScoringPolicy): number {
	const extraTries = Math.max(0, tryNumber - 1);
	return Math.max(0, 1 - policy.retryPenalty * extraTries - policy.hintPenalty * Math.max(0, hintsUsed));
}

/** Points earned on one question, rounded to 2 decimals. */
export function questionPoints(input: QuestionPointsInput, policy: ScoringPolicy): number {
	if (input.revealed) return 0;
	const credit = Math.min(1, Math.max(0, input.credit));
	const counted = policy.partialCredit ? credit : credit === 1 ? 1 : 0;
	return round2(input.points * counted * costFactor(input.tryNumber, input.hintsUsed, policy)) + 0;
}

const percent = (share: number) => `${Number((share * 100).toFixed(1))}%`;

/** The policy as short sentences a student reads before starting. */
export function describePolicy(policy: ScoringPolicy): string[] {
	const lines: string[] = [];
	lines.push(
		policy.maxTries === 1 ? 'You have 1 try for each question.' : `You have ${policy.maxTries} tries for each question.`
	);
	if (policy.maxTries > 1) {
		lines.push(
			policy.retryPenalty > 0
				? `Each extra try costs ${percent(policy.retryPenalty)} of a question's points.`
				: 'Extra tries cost nothing.'
		);
	}
	lines.push(policy.hintPenalty > 0 ? `Each hint costs ${percent(policy.hintPenalty)}.` : 'Hints cost nothing.');
	lines.push(
		policy.partialCredit ? 'Partly right answers earn part of the points.' : 'Only fully right answers earn points.'
	);
	// Showing the answer is worth less than any further try that can still earn something: say so.
	const lastTry = costFactor(policy.maxTries, 0, policy);
	lines.push(
		policy.maxTries > 1 && lastTry > 0
			? `Asking to see the answer scores zero for that question, less than another try: even your last try can earn up to ${percent(lastTry)} of its points.`
			: 'Asking to see the answer scores zero for that question.'
	);
	lines.push(`You master a learning goal when you earn at least ${percent(policy.masteryThreshold)} of its points.`);
	lines.push('There is no time limit and no speed bonus.');
	return lines;
}

/** What happened on one question, as the lesson records it. */
export interface Outcome {
	tries: number;
	hintsUsed: number;
	revealed: boolean;
	/** Credit of the last graded try, 0..1. */
	credit: number;
	/** Points earned (from questionPoints). */
	points: number;
	/** Fully right at the first try. */
	firstTryCorrect: boolean;
}

export interface QuestionSummary {
	id: string;
	objective: string;
	earned: number;
	max: number;
	tries: number;
	hintsUsed: number;
	revealed: boolean;
	firstTryCorrect: boolean;
	/** Whether the question has an outcome at all. */
	answered: boolean;
	/** Not fully right at the first try without hints: a candidate for the review deck. */
	missed: boolean;
}

export interface ObjectiveSummary {
	id: string;
	title: string;
	earned: number;
	max: number;
	/** earned / max, 0..1 (0 when the objective has no questions). */
	share: number;
	mastered: boolean;
}

export interface LessonSummary {
	total: number;
	max: number;
	/** Whole percent of the maximum. */
	percent: number;
	byObjective: ObjectiveSummary[];
	questions: QuestionSummary[];
}

/** Sum up a lesson: totals, mastery per objective and the questions to review. */
export function summarize(
	questions: readonly { id: string; objective: string; points: number }[],
	objectives: readonly Pick<Objective, 'id' | 'title'>[],
	outcomes: Readonly<Record<string, Outcome>>,
	policy: ScoringPolicy
): LessonSummary {
	const perQuestion: QuestionSummary[] = questions.map((q) => {
		const o = Object.hasOwn(outcomes, q.id) ? outcomes[q.id] : undefined;
		const earned = o ? round2(Math.min(q.points, Math.max(0, o.points))) : 0;
		const firstTryCorrect = o?.firstTryCorrect ?? false;
		const hintsUsed = o?.hintsUsed ?? 0;
		const revealed = o?.revealed ?? false;
		return {
			id: q.id,
			objective: q.objective,
			earned,
			max: q.points,
			tries: o?.tries ?? 0,
			hintsUsed,
			revealed,
			firstTryCorrect,
			answered: o !== undefined,
			missed: !(firstTryCorrect && hintsUsed === 0 && !revealed)
		};
	});
	const byObjective: ObjectiveSummary[] = objectives.map((obj) => {
		const mine = perQuestion.filter((q) => q.objective === obj.id);
		const earned = round2(mine.reduce((sum, q) => sum + q.earned, 0));
		const max = round2(mine.reduce((sum, q) => sum + q.max, 0));
		const share = max > 0 ? Math.round((earned / max) * 1e4) / 1e4 : 0;
		return {
			id: obj.id,
			title: obj.title,
			earned,
			max,
			share,
			mastered: max > 0 && earned / max >= policy.masteryThreshold - 1e-9
		};
	});
	const total = round2(perQuestion.reduce((sum, q) => sum + q.earned, 0));
	const max = round2(perQuestion.reduce((sum, q) => sum + q.max, 0));
	return {
		total,
		max,
		percent: max > 0 ? Math.round((total / max) * 100) : 0,
		byObjective,
		questions: perQuestion
	};
}
