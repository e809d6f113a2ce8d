/**
 * Answers that could not reach the server wait on the device (localStorage) and are sent again
 * later. Every answer carries its client-generated id, so sending one twice stores it once.
 */
export interface QueuedAnswer {
	action: 'answer' | 'reveal';
	answerId: string;
	attemptId: string;
	deviceToken: string;
	questionId: string;
	/** Present on answers, absent on reveals. */
	response?: unknown;
}

export interface AnswerQueue {
	list(): QueuedAnswer[];
	add(answer: QueuedAnswer): void;
	remove(answerId: string): void;
}

export function answerQueue(storage: Storage, key: string): AnswerQueue {
	const read = (): QueuedAnswer[] => {
		try {
			const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]');
			return Array.isArray(parsed) ? (parsed as QueuedAnswer[]) : [];
		} catch {
			return [];
		}
	};
	const write = (items: QueuedAnswer[]) => {
		if (items.length === 0) storage.removeItem(key);
		else storage.setItem(key, JSON.stringify(items));
	};
	return {
		list: read,
		add(answer) {
			write([...read().filter((a) => a.answerId !== answer.answerId), answer]);
		},
		remove(answerId) {
			write(read().filter((a) => a.answerId !== answerId));
		}
	};
}

/** A random token for this device (base64url, 192 bits). */
export function newDeviceToken(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(24));
	return btoa(String.fromCharCode(...bytes))
		.replace(/\+/g, '-')
		.replace(/\//g, '_')
		.replace(/=+$/, '');
}
