/**
 * How an assignment's settings shape a module: tries per question, hints, shuffling per attempt,
 * whether feedback is shown now or held back, and whether the link is still open. Pure.
 */
import type { Module } from '../../content/module.ts';
import { holdsBack } from '../../scoring/feedback.ts';
import { describePolicy } from '../../scoring/score.ts';
import type { AssignmentSettings } from '../db/schema.ts';
import type { Assignment, Attempt } from '../db/repository.ts';

/** Feedback is held back until the student submits (or the teacher releases). */
export const isDeferred = (settings: AssignmentSettings) => holdsBack(settings.feedback);

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
	// The due time is not a line here: the page shows it in the student's own time zone and language.
	lines.push(
		`An answer that reaches the server up to ${GRACE_MINUTES} minutes after the assignment is due or closed counts as on time (a slow connection is not your fault); a later one is still kept for your teacher, marked late.`
	);
	const scoring = describePolicy(effectiveModule(module, s).scoring);
	return [...lines, ...(s.hintsEnabled ? scoring : scoring.filter((l) => !/hint/i.test(l)))];
}

export type ClosedReason = 'closed' | 'past-due';

/**
 * Minutes after the due time (or the teacher's closing) during which an answer that reaches the
 * server still counts as on time: it was most likely given before and held up by the network.
 * The server decides from its own clock; nothing the browser sends about time is used.
 */
export const GRACE_MINUTES = 5;

/** When the assignment stopped taking work (the earlier of closing and the due time), or null. */
export function deadline(assignment: Assignment): number | null {
	const times = [assignment.closedAt, assignment.settings.dueAt].flatMap((t) => (t ? [Date.parse(t)] : []));
	return times.length > 0 ? Math.min(...times) : null;
}

/** An answer reaching the server now is late: past the deadline and its grace period. */
export function isLate(assignment: Assignment, now: Date): boolean {
	const end = deadline(assignment);
	return end !== null && now.getTime() >= end + GRACE_MINUTES * 60_000;
}

/** What a student is told when a submit comes after the deadline. */
export function closedMessage(assignment: Assignment, reason: ClosedReason): string {
	const kept = 'Your saved answers stay with your teacher.';
	if (reason === 'closed') return `Your teacher has closed this assignment, so it no longer takes hand-ins. ${kept}`;
	// No time in words here: the server does not know the student's time zone; the page shows it.
	return `The due time of this assignment has passed, so it no longer takes hand-ins. ${kept}`;
}

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
