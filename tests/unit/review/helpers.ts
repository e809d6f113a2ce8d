import type { QuestionOutcome } from '../../../src/lib/review/deck.ts';
import type { StorageLike } from '../../../src/lib/review/storage.ts';

/**
 * A local date-time in May 2025 (no daylight-saving change in common time zones that month, so
 * "local day" arithmetic reads the same wherever the tests run).
 */
export function may(day: number, hour = 9, minute = 0): Date {
	return new Date(2025, 4, day, hour, minute);
}

export const DAY_MS = 24 * 60 * 60 * 1000;

export const outcomes = {
	firstTry: { tries: 1, hintsUsed: 0, revealed: false, credit: 1, firstTryCorrect: true },
	firstTryWithHint: { tries: 1, hintsUsed: 1, revealed: false, credit: 1, firstTryCorrect: true },
	secondTry: { tries: 2, hintsUsed: 0, revealed: false, credit: 1, firstTryCorrect: false },
	secondTryWithHints: { tries: 2, hintsUsed: 2, revealed: false, credit: 1, firstTryCorrect: false },
	wrongOutOfTries: { tries: 3, hintsUsed: 0, revealed: false, credit: 0, firstTryCorrect: false },
	partialInTheEnd: { tries: 3, hintsUsed: 1, revealed: false, credit: 0.5, firstTryCorrect: false },
	revealed: { tries: 1, hintsUsed: 0, revealed: true, credit: 0, firstTryCorrect: false },
	revealedAfterHints: { tries: 2, hintsUsed: 2, revealed: true, credit: 0, firstTryCorrect: false }
} satisfies Record<string, QuestionOutcome>;

/** Freezes an object graph, so that any mutation by the code under test throws. */
export function deepFreeze<T>(value: T): T {
	if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const child of Object.values(value)) deepFreeze(child);
	}
	return value;
}

/** A Map-backed Storage; `failWrites` makes setItem throw like a full localStorage. */
export function memoryStorage(initial: Record<string, string> = {}) {
	const map = new Map(Object.entries(initial));
	const storage: StorageLike & { map: Map<string, string>; failWrites: boolean } = {
		map,
		failWrites: false,
		getItem: (key) => map.get(key) ?? null,
		setItem(key, value) {
			if (storage.failWrites) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			map.set(key, value);
		},
		removeItem: (key) => void map.delete(key)
	};
	return storage;
}
