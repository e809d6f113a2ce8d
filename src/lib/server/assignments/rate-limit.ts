/**
 * A limiter of events per key (an IP address, an address and a class): after `limit` events within
 * `windowMs`, the key is refused until the oldest event leaves the window. The events are kept in
 * the database (rate_events), so every server process on one database counts the same events: two
 * processes behind a proxy, or a restarted one, cannot be played against each other to get twice
 * the limit. The clock is injectable for tests.
 */
import type { Repository } from '../db/repository.ts';

/** Where a limiter keeps its events: the repository's two rate-event methods. */
export type RateStore = Pick<Repository, 'rateEvents' | 'addRateEvent'>;

export interface RateLimiterOptions {
	/** Names this limiter's events among the others in the store. */
	scope: string;
	limit: number;
	windowMs: number;
	store: () => Promise<RateStore>;
	now?: () => number;
}

export interface RateLimiter {
	/** Whether the key is refused right now. */
	blocked(key: string): Promise<boolean>;
	/** Count one event for the key. */
	fail(key: string): Promise<void>;
	/** Seconds until the key may try again (0 when it may now). */
	retryAfter(key: string): Promise<number>;
}

/** Longest key kept (an IPv6 address and a uuid fit); longer ones are cut. */
const MAX_KEY = 200;

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
	const now = options.now ?? (() => Date.now());
	const recent = async (key: string) =>
		(await options.store()).rateEvents(options.scope, key.slice(0, MAX_KEY), now() - options.windowMs + 1);

	return {
		blocked: async (key) => (await recent(key)).length >= options.limit,
		async fail(key) {
			const t = now();
			await (await options.store()).addRateEvent(options.scope, key.slice(0, MAX_KEY), t, t - options.windowMs);
		},
		async retryAfter(key) {
			const list = await recent(key);
			if (list.length < options.limit) return 0;
			const first = list[list.length - options.limit]!;
			return Math.max(1, Math.ceil((first + options.windowMs - now()) / 1000));
		}
	};
}
