/** Deterministic graders for machine tests: no network, no timers. */
import { fromPromise } from 'xstate';
import type { Response } from '../../../src/lib/scoring/response.ts';
import type { GradeRequest, GradeResult } from '../../../src/lib/scoring/types.ts';

/** Grades like the server would, against a fixed key: right or wrong, final when right, out of tries or revealed. */
export function gradeAgainst(keys: Record<string, Response>, maxTries: number, req: GradeRequest): GradeResult {
	const key = keys[req.questionId];
	const reveal = req.reveal === true;
	const correct = !reveal && key !== undefined && JSON.stringify(req.response) === JSON.stringify(key);
	const final = correct || reveal || req.tryNumber >= maxTries;
	return {
		questionId: req.questionId,
		tryNumber: req.tryNumber,
		verdict: correct ? 'correct' : 'incorrect',
		credit: correct ? 1 : 0,
		feedback: [correct ? 'Right.' : 'Not quite.'],
		marks: {},
		final,
		revealed: reveal,
		triesLeft: final ? 0 : maxTries - req.tryNumber,
		points: final ? (correct ? Math.max(0, 10 - 5 * (req.tryNumber - 1) - req.hintsUsed) : 0) : null,
		maxPoints: 10,
		solution: final && key?.type === 'single-choice' ? { type: 'single-choice', optionId: key.optionId } : null,
		explanation: final ? { text: `Because of ${req.questionId}.`, background: null, evidence: [] } : null
	};
}

/** A grader that answers at once and records every request it saw. */
export function fakeGrader(keys: Record<string, Response>, maxTries = 3) {
	const requests: GradeRequest[] = [];
	let failures = 0;
	const logic = fromPromise<GradeResult, GradeRequest>(async ({ input }) => {
		requests.push(input);
		if (failures > 0) {
			failures -= 1;
			throw new Error('Could not reach the server. Check your connection and try again.');
		}
		return gradeAgainst(keys, maxTries, input);
	});
	return {
		logic,
		requests,
		/** The next `n` gradings fail as if the network were down. */
		failNext(n = 1) {
			failures = n;
		}
	};
}

/** A grader whose answers the test releases by hand, to look at the machine while it waits. */
export function heldGrader(keys: Record<string, Response>, maxTries = 3) {
	const pending: { input: GradeRequest; release: () => void }[] = [];
	const logic = fromPromise<GradeResult, GradeRequest>(
		({ input }) =>
			new Promise<GradeResult>((resolve) => {
				pending.push({ input, release: () => resolve(gradeAgainst(keys, maxTries, input)) });
			})
	);
	return { logic, pending };
}

export const choice = (optionId: string): Response => ({ type: 'single-choice', optionId });

/** Paths in a value that hold something JSON cannot keep (functions, class instances, undefined-only slots aside). */
export function unserialisablePaths(value: unknown, path = '$', seen = new Set<unknown>()): string[] {
	if (typeof value === 'function') return [path];
	if (typeof value === 'bigint' || typeof value === 'symbol') return [path];
	if (value === null || typeof value !== 'object') return [];
	if (seen.has(value)) return [`${path} (cycle)`];
	seen.add(value);
	const proto = Object.getPrototypeOf(value);
	if (!Array.isArray(value) && proto !== Object.prototype && proto !== null)
		return [`${path} (${proto?.constructor?.name})`];
	return Object.entries(value).flatMap(([k, v]) => unserialisablePaths(v, `${path}.${k}`, seen));
}
