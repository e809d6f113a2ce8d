/**
 * The counts behind "My assignments": for each results secret a device holds, what that one
 * assignment is and how many of its students started and submitted. A secret is checked exactly
 * as the results page checks it (wrong ones count against the address), so a list of guesses
 * learns nothing a guess at the results page would not; nothing of any other class is read.
 */
import type { Summary } from '../../teach/my-assignments.ts';
import { checkResultsSecret } from './lookup.ts';
import { closedReason } from './policy.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { Repository } from '../db/repository.ts';

export async function summarise(
	secrets: string[],
	client: string,
	now: Date,
	{ limiter, repo }: { limiter?: RateLimiter; repo?: Repository } = {}
): Promise<{ ok: true; assignments: Summary[] } | { ok: false; blocked: true }> {
	const assignments: Summary[] = [];
	for (const secret of secrets) {
		const found = await checkResultsSecret(secret, client, limiter, repo);
		// Once the address is blocked, a list with any wrong secret in it is refused whole.
		if (found === 'blocked') return { ok: false, blocked: true };
		if (found === 'wrong' || found === 'no-module') {
			assignments.push({ found: false });
			continue;
		}
		const { assignment, module } = found;
		const attempts = await found.repo.listAttempts(assignment.id);
		const started = new Set(attempts.map((a) => a.studentId));
		const submitted = new Set(attempts.filter((a) => a.submittedAt).map((a) => a.studentId));
		assignments.push({
			found: true,
			title: assignment.title,
			lesson: module.meta.title,
			code: assignment.studentCode,
			createdAt: assignment.createdAt,
			dueAt: assignment.settings.dueAt,
			state: closedReason(assignment, now) ?? 'open',
			started: started.size,
			submitted: submitted.size
		});
	}
	return { ok: true, assignments };
}
