/**
 * A small in-memory limiter of failures per key (an IP address): after `limit` failures within
 * `windowMs`, the key is refused until the oldest failure leaves the window. One process only,
 * which is what a single Node server needs; the clock is injectable for tests.
 */
export interface RateLimiterOptions {
	limit: number;
	windowMs: number;
	now?: () => number;
	/** Forget keys beyond this many (oldest first), so a flood of addresses cannot grow memory without end. */
	maxKeys?: number;
}

export interface RateLimiter {
	/** Whether the key is refused right now. */
	blocked(key: string): boolean;
	/** Count one failure for the key. */
	fail(key: string): void;
	/** Seconds until the key may try again (0 when it may now). */
	retryAfter(key: string): number;
	reset(): void;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
	const now = options.now ?? (() => Date.now());
	const maxKeys = options.maxKeys ?? 10_000;
	const failures = new Map<string, number[]>();

	function recent(key: string): number[] {
		const list = failures.get(key);
		if (!list) return [];
		const from = now() - options.windowMs;
		const kept = list.filter((t) => t > from);
		if (kept.length === 0) failures.delete(key);
		else failures.set(key, kept);
		return kept;
	}

	return {
		blocked: (key) => recent(key).length >= options.limit,
		fail(key) {
			const list = recent(key);
			list.push(now());
			failures.delete(key);
			failures.set(key, list);
			if (failures.size > maxKeys) {
				const oldest = failures.keys().next().value;
				if (oldest !== undefined) failures.delete(oldest);
			}
		},
		retryAfter(key) {
			const list = recent(key);
			if (list.length < options.limit) return 0;
			const first = list[list.length - options.limit]!;
			return Math.max(1, Math.ceil((first + options.windowMs - now()) / 1000));
		},
		reset: () => failures.clear()
	};
}
