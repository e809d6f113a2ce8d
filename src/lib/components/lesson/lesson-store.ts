/**
 * Where a practice lesson keeps its progress on the device: the lesson actor's persisted snapshot,
 * under a key per module, with a fingerprint of the module's questions so that progress saved
 * against a different version of the module is dropped instead of resumed wrongly.
 */
import type { Snapshot } from 'xstate';

const VERSION = 2;

interface Saved {
	version: number;
	fingerprint: string;
	snapshot: Snapshot<unknown>;
	reviewDone?: boolean;
}

export function lessonStore(name: string, fingerprint: string) {
	const key = `closeread.lesson.${name}`;
	const read = (): Saved | null => {
		try {
			const raw = localStorage.getItem(key);
			if (!raw) return null;
			const data = JSON.parse(raw) as Saved;
			if (data?.version !== VERSION || data.fingerprint !== fingerprint || typeof data.snapshot !== 'object')
				return null;
			return data;
		} catch {
			return null;
		}
	};
	const write = (data: Saved) => {
		try {
			localStorage.setItem(key, JSON.stringify(data));
		} catch {
			// Storage full or disabled: the lesson goes on, it just will not resume after a reload.
		}
	};
	return {
		load: read,
		save(snapshot: Snapshot<unknown>) {
			write({ version: VERSION, fingerprint, snapshot, reviewDone: read()?.reviewDone ?? false });
		},
		clear() {
			try {
				localStorage.removeItem(key);
			} catch {
				// nothing saved
			}
		},
		reviewDone: () => read()?.reviewDone === true,
		markReviewDone() {
			const current = read();
			if (current) write({ ...current, reviewDone: true });
		}
	};
}
