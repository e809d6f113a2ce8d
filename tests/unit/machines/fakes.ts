/** Deterministic stand-ins for the server in machine tests: no network, no timers. */
import { fromPromise } from 'xstate';
import type { GradeAction, HintAction } from '../../../src/lib/machines/server-actions.ts';
import type { Response } from '../../../src/lib/scoring/response.ts';
import type { GradeResult, HintReply } from '../../../src/lib/scoring/types.ts';

/** What the fake server has recorded of one question: graded tries and hints served. */
interface Record_ {
	tries: number;
	hints: number;
	final: GradeResult | null;
	byId: Map<string, GradeResult>;
}

/**
 * A fake of the attempt engine: it numbers tries itself, counts the hints it served, grades against
 * a fixed key (right or wrong; final when right, out of tries or revealed), and answers a repeated
 * action id with the stored result.
 */
export function fakeServerState(
	keys: Record<string, Response>,
	maxTries: number,
	hints: Record<string, string[]> = {}
) {
	const records = new Map<string, Record_>();
	const recordOf = (id: string) => {
		let r = records.get(id);
		if (!r) records.set(id, (r = { tries: 0, hints: 0, final: null, byId: new Map() }));
		return r;
	};
	function grade(action: GradeAction): GradeResult {
		const r = recordOf(action.questionId);
		const stored = r.byId.get(action.answerId);
		if (stored) return stored;
		if (r.final) return r.final;
		const reveal = action.action === 'reveal';
		if (reveal && r.tries === 0) throw new Error('Give an answer first; then you can ask to see the answer.');
		const key = keys[action.questionId];
		const tryNumber = reveal ? r.tries : r.tries + 1;
		const correct =
			!reveal &&
			key !== undefined &&
			JSON.stringify(action.action === 'answer' ? action.response : null) === JSON.stringify(key);
		const final = correct || reveal || tryNumber >= maxTries;
		const result: GradeResult = {
			questionId: action.questionId,
			tryNumber,
			verdict: correct ? 'correct' : 'incorrect',
			credit: correct ? 1 : 0,
			feedback: [correct ? 'Right.' : 'Not quite.'],
			marks: {},
			final,
			revealed: reveal,
			triesLeft: final ? 0 : maxTries - tryNumber,
			points: final ? (correct ? Math.max(0, 10 - 5 * (tryNumber - 1) - r.hints) : 0) : null,
			maxPoints: 10,
			solution: final && key?.type === 'single-choice' ? { type: 'single-choice', optionId: key.optionId } : null,
			explanation: final ? { text: `Because of ${action.questionId}.`, background: null, evidence: [] } : null
		};
		if (!reveal) r.tries = tryNumber;
		if (final) r.final = result;
		r.byId.set(action.answerId, result);
		return result;
	}
	function hint(action: HintAction): HintReply {
		const r = recordOf(action.questionId);
		const texts = hints[action.questionId] ?? ['First hint.', 'Second hint.', 'Third hint.'];
		if (action.hint === r.hints + 1 && action.hint <= texts.length) r.hints += 1;
		return { questionId: action.questionId, hints: texts.slice(0, r.hints) };
	}
	return { grade, hint, records };
}

/** A server that answers at once and records every action it saw. */
export function fakeGrader(keys: Record<string, Response>, maxTries = 3, hints: Record<string, string[]> = {}) {
	const server = fakeServerState(keys, maxTries, hints);
	const requests: GradeAction[] = [];
	const hintRequests: HintAction[] = [];
	let failures = 0;
	const logic = fromPromise<GradeResult, GradeAction>(async ({ input }) => {
		requests.push(input);
		if (failures > 0) {
			failures -= 1;
			throw new Error('Could not reach the server. Check your connection and try again.');
		}
		return server.grade(input);
	});
	const hintLogic = fromPromise<HintReply, HintAction>(async ({ input }) => {
		hintRequests.push(input);
		return server.hint(input);
	});
	return {
		logic,
		hintLogic,
		/** Both actors, for `machine.provide({ actors })`. */
		actors: { grade: logic, hint: hintLogic },
		requests,
		hintRequests,
		/** The next `n` gradings fail as if the network were down. */
		failNext(n = 1) {
			failures = n;
		}
	};
}

/** A grader whose answers the test releases by hand, to look at the machine while it waits. */
export function heldGrader(keys: Record<string, Response>, maxTries = 3) {
	const server = fakeServerState(keys, maxTries);
	const pending: { input: GradeAction; release: () => void }[] = [];
	const logic = fromPromise<GradeResult, GradeAction>(
		({ input }) =>
			new Promise<GradeResult>((resolve) => {
				pending.push({ input, release: () => resolve(server.grade(input)) });
			})
	);
	const hintLogic = fromPromise<HintReply, HintAction>(async ({ input }) => server.hint(input));
	return { logic, hintLogic, actors: { grade: logic, hint: hintLogic }, pending };
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
