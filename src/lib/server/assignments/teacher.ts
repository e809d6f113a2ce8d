/**
 * The teacher's results: everything the results page, its live JSON and the CSV need, read
 * through the repository for one assignment.
 */
import type { Module } from '../../content/module.ts';
import type { Assignment, Repository } from '../db/repository.ts';
import { closedReason } from './policy.ts';
import { classResults, csvRows, type ClassResults } from './stats.ts';
import { toCsv } from './csv.ts';

export interface ResultsView {
	assignment: {
		title: string;
		code: string;
		moduleTitle: string;
		feedback: Assignment['settings']['feedback'];
		attemptsAllowed: number;
		triesPerQuestion: number;
		hintsEnabled: boolean;
		shuffle: boolean;
		dueAt: string | null;
		createdAt: string;
		closedAt: string | null;
		releasedAt: string | null;
		closed: 'closed' | 'past-due' | null;
	};
	results: ClassResults;
}

export async function resultsView(
	repo: Repository,
	module: Module,
	assignment: Assignment,
	now: Date
): Promise<ResultsView> {
	const [attempts, answers] = await Promise.all([
		repo.listAttempts(assignment.id),
		repo.listAnswersForAssignment(assignment.id)
	]);
	const s = assignment.settings;
	return {
		assignment: {
			title: assignment.title,
			code: assignment.studentCode,
			moduleTitle: module.meta.title,
			feedback: s.feedback,
			attemptsAllowed: s.attemptsAllowed,
			triesPerQuestion: s.triesPerQuestion,
			hintsEnabled: s.hintsEnabled,
			shuffle: s.shuffle,
			dueAt: s.dueAt,
			createdAt: assignment.createdAt,
			closedAt: assignment.closedAt,
			releasedAt: assignment.releasedAt,
			closed: closedReason(assignment, now)
		},
		results: classResults(module, assignment, attempts, answers)
	};
}

export async function resultsCsv(repo: Repository, module: Module, assignment: Assignment): Promise<string> {
	const [attempts, answers] = await Promise.all([
		repo.listAttempts(assignment.id),
		repo.listAnswersForAssignment(assignment.id)
	]);
	const { header, rows } = csvRows(module, classResults(module, assignment, attempts, answers), answers);
	return toCsv(header, rows);
}
