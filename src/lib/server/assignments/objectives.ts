/**
 * What the class needs next: mastery of each learning objective across the class, with its
 * questions. Each student counts once, by their latest attempt, and only where their work on the
 * objective can be judged (submitted, or every question of the objective finished), so a student
 * who has just started is not a miss. Points are the outcomes (the teacher's marks and accepted
 * answers count); mastery is the lesson's threshold, as in the student's own summary. Sorted so
 * the objective most students have not mastered comes first. Pure.
 */
import type { Module } from '../../content/module.ts';
import type { Assignment } from '../db/repository.ts';
import { effectiveModule } from './policy.ts';
import type { Outcomes } from './outcomes.ts';
import type { ClassRow, QuestionStat } from './stats.ts';

export interface ObjectiveQuestion {
	id: string;
	prompt: string;
	type: string;
	points: number;
	/** Share right at the first try (as in the question table); null before anyone answered. */
	facility: number | null;
	/** Share of its points the judged students earned, 0..1; null when none is judged yet. */
	share: number | null;
}

export interface ObjectiveNeed {
	id: string;
	title: string;
	description: string;
	/** Points of its questions. */
	maxPoints: number;
	/** Students whose work on it can be judged. */
	students: number;
	/** Of those, how many are below the mastery threshold. */
	notMastered: number;
	/** Share of its points those students earned together, 0..1; null when none is judged yet. */
	share: number | null;
	/** Its questions, the one the class did worst on first. */
	questions: ObjectiveQuestion[];
}

const round4 = (n: number) => Math.round(n * 1e4) / 1e4;
const nullsLast = (x: number | null, y: number | null) => (x ?? 2) - (y ?? 2);

/** Each student's latest attempt among the class table's rows. */
export function latestPerStudent(rows: readonly ClassRow[]): ClassRow[] {
	const latest = new Map<string, ClassRow>();
	for (const r of rows) {
		const seen = latest.get(r.studentId);
		if (!seen || r.attemptNumber > seen.attemptNumber) latest.set(r.studentId, r);
	}
	return [...latest.values()];
}

export function objectiveNeeds(
	module: Module,
	assignment: Assignment,
	rows: readonly ClassRow[],
	outcomes: Outcomes,
	stats: readonly QuestionStat[]
): ObjectiveNeed[] {
	const threshold = effectiveModule(module, assignment.settings).scoring.masteryThreshold;
	const students = latestPerStudent(rows);
	const facility = new Map(stats.map((s) => [s.id, s.facility]));
	const needs = module.objectives.flatMap((objective, index) => {
		const qs = module.questions.filter((q) => q.objective === objective.id);
		const max = qs.reduce((n, q) => n + q.points, 0);
		if (qs.length === 0 || max <= 0) return [];
		const judged = students.filter(
			(s) => s.status === 'submitted' || qs.every((q) => outcomes.get(s.attemptId)?.get(q.id)?.finished)
		);
		const pointsOf = (s: ClassRow, id: string) => outcomes.get(s.attemptId)?.get(id)?.points ?? 0;
		let notMastered = 0;
		let earned = 0;
		for (const s of judged) {
			const mine = qs.reduce((n, q) => n + pointsOf(s, q.id), 0);
			earned += mine;
			if (mine / max < threshold - 1e-9) notMastered += 1;
		}
		const questions = qs
			.map((q): ObjectiveQuestion => ({
				id: q.id,
				prompt: stats.find((s) => s.id === q.id)?.prompt ?? q.prompt,
				type: q.type,
				points: q.points,
				facility: facility.get(q.id) ?? null,
				share:
					judged.length > 0
						? round4(judged.reduce((n, s) => n + pointsOf(s, q.id), 0) / (judged.length * q.points))
						: null
			}))
			.sort((x, y) => nullsLast(x.share, y.share) || nullsLast(x.facility, y.facility));
		return [
			{
				need: {
					id: objective.id,
					title: objective.title,
					description: objective.description,
					maxPoints: max,
					students: judged.length,
					notMastered,
					share: judged.length > 0 ? round4(earned / (judged.length * max)) : null,
					questions
				},
				index
			}
		];
	});
	return needs
		.sort(
			(x, y) => y.need.notMastered - x.need.notMastered || nullsLast(x.need.share, y.need.share) || x.index - y.index
		)
		.map((n) => n.need);
}
