/**
 * How an assignment's settings shape a module: tries per question, hints, shuffling per attempt,
 * whether feedback is shown now or held back, and whether the link is still open. Pure.
 */
import type { Module } from '../../content/module.ts';
import { describePolicy } from '../../scoring/score.ts';
import type { AssignmentSettings } from '../db/schema.ts';
import type { Assignment, Attempt } from '../db/repository.ts';

/** Feedback is held back until the student submits (or the teacher releases). */
export const isDeferred = (settings: AssignmentSettings) => settings.feedback !== 'immediate';

/**
 * The module as graded under the assignment: its own scoring with the teacher's tries per
 * question; one answer per question when feedback is held back (a retry needs a verdict).
 */
export function effectiveModule(module: Module, settings: AssignmentSettings): Module {
	const maxTries = isDeferred(settings) ? 1 : settings.triesPerQuestion;
	return { ...module, scoring: { ...module.scoring, maxTries } };
}

/**
 * The labelling seed of one question for one attempt: from the attempt's secret whether or not the
 * teacher shuffles question order, so options never keep the authored order (where the right one
 * often comes first). Attempts started before every attempt had a secret keep the question id.
 */
export function questionSeed(_settings: AssignmentSettings, attemptSeed: string, q: { id: string }): string {
	return attemptSeed ? `${attemptSeed}:${q.id}` : q.id;
}

/** The policy in plain words for students, with the assignment's own rules first. */
export function describeAssignmentPolicy(module: Module, assignment: Assignment): string[] {
	const s = assignment.settings;
	const lines: string[] = [];
	if (s.feedback === 'after-submit') lines.push('You see whether your answers are right after you submit.');
	if (s.feedback === 'on-release')
		lines.push('You see whether your answers are right when your teacher releases the results.');
	if (isDeferred(s)) lines.push('You give one answer to each question; every answer is saved as you go.');
	if (!s.hintsEnabled) lines.push('Hints are turned off for this assignment.');
	if (s.dueAt) lines.push(`Due ${new Date(s.dueAt).toUTCString().replace(' GMT', ' UTC')}.`);
	const scoring = describePolicy(effectiveModule(module, s).scoring);
	return [...lines, ...(s.hintsEnabled ? scoring : scoring.filter((l) => !/hint/i.test(l)))];
}

export type ClosedReason = 'closed' | 'past-due';

/** Why the link no longer takes answers, or null while it is open. */
export function closedReason(assignment: Assignment, now: Date): ClosedReason | null {
	if (assignment.closedAt) return 'closed';
	if (assignment.settings.dueAt && now.getTime() >= Date.parse(assignment.settings.dueAt)) return 'past-due';
	return null;
}

/** Whether a student may see verdicts, points and explanations of this attempt now. */
export function resultsVisible(assignment: Assignment, attempt: Attempt): boolean {
	switch (assignment.settings.feedback) {
		case 'immediate':
			return true;
		case 'after-submit':
			return attempt.submittedAt !== null;
		case 'on-release':
			return attempt.submittedAt !== null && assignment.releasedAt !== null;
	}
}
