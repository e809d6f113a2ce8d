/**
 * Read aloud with the browser's own speech (the Web Speech API: nothing is sent anywhere). One
 * reader per page, made by the root layout and shared through context, so only one thing is read
 * at a time and the passage can highlight the sentence being said. The queue logic is pure
 * (./queue.ts); this class only says the current sentence whenever the queue asks for it.
 */
import { getContext, setContext } from 'svelte';
import { IDLE, currentItem, step, type QueueEvent, type SpeechItem, type SpeechQueue } from './queue';
import type { ReaderSettings } from '$lib/settings/settings.svelte';
import { smooth } from '$lib/components/passage/highlighter.svelte';

export const NO_SPEECH = 'This browser cannot read aloud.';
export const NO_VOICES =
	'This browser has no voices to read aloud with. A screen reader, or your device’s own “read aloud” feature, can read the page instead.';

export class ReadAloud {
	queue = $state.raw<SpeechQueue>(IDLE);
	voices = $state.raw<SpeechSynthesisVoice[]>([]);
	/** Why reading aloud cannot start, shown beside the controls. */
	problem = $state<string | null>(null);
	/** The passage sentence being said, for the highlight. */
	sentenceId = $derived(currentItem(this.queue)?.sentenceId ?? null);
	#settings: ReaderSettings | null;
	#utterance: SpeechSynthesisUtterance | null = null;

	constructor(settings: ReaderSettings | null = null) {
		this.#settings = settings;
	}

	get #synth(): SpeechSynthesis | null {
		return typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null;
	}

	/** Start listening for the browser's voices; returns the clean-up. */
	connect(): () => void {
		const synth = this.#synth;
		if (!synth) return () => {};
		const update = () => (this.voices = synth.getVoices());
		update();
		synth.addEventListener('voiceschanged', update);
		return () => {
			synth.removeEventListener('voiceschanged', update);
			this.stop();
		};
	}

	start(label: string, items: readonly SpeechItem[]) {
		const synth = this.#synth;
		if (!synth) return void (this.problem = NO_SPEECH);
		if (this.voices.length === 0) this.voices = synth.getVoices();
		if (this.voices.length === 0) return void (this.problem = NO_VOICES);
		this.problem = null;
		this.#send({ type: 'start', label, items });
	}

	pause = () => this.#send({ type: 'pause' });
	resume = () => this.#send({ type: 'resume' });
	previous = () => this.#send({ type: 'previous' });
	next = () => this.#send({ type: 'next' });
	stop = () => this.#send({ type: 'stop' });
	/** Say the current sentence again from its start (after a change of speed or voice). */
	again = () => {
		if (this.queue.status !== 'speaking') return;
		this.#send({ type: 'pause' });
		this.#send({ type: 'resume' });
	};

	/** Whether this reader is reading (or paused on) the given thing. */
	isReading = (label: string) => this.queue.status !== 'idle' && this.queue.label === label;

	#send(event: QueueEvent) {
		const before = this.queue;
		this.queue = step(before, event);
		if (this.queue.turn !== before.turn) this.#say();
		else if (this.queue.status !== 'speaking' && before.status === 'speaking') this.#silence();
	}

	#silence() {
		this.#utterance = null;
		this.#synth?.cancel();
	}

	#say() {
		const synth = this.#synth;
		const item = currentItem(this.queue);
		this.#silence();
		if (!synth || !item) return;
		const u = new SpeechSynthesisUtterance(item.text);
		const settings = this.#settings?.current;
		const voice = this.voices.find((v) => v.name === settings?.voice);
		if (voice) u.voice = voice;
		u.lang = voice?.lang ?? 'en';
		u.rate = settings?.speechRate ?? 1;
		// Events from a sentence that was cancelled (pause, previous, next) are ignored.
		u.onend = () => {
			if (this.#utterance === u) this.#send({ type: 'ended' });
		};
		u.onerror = (e) => {
			if (this.#utterance !== u || e.error === 'interrupted' || e.error === 'canceled') return;
			this.problem = e.error === 'voice-unavailable' || e.error === 'synthesis-unavailable' ? NO_VOICES : NO_SPEECH;
			this.stop();
		};
		this.#utterance = u;
		synth.speak(u);
		if (item.sentenceId) {
			document.getElementById(item.sentenceId)?.scrollIntoView({ block: 'nearest', behavior: smooth() });
		}
	}
}

const KEY = Symbol('read-aloud');

export function provideReader(settings: ReaderSettings): ReadAloud {
	return setContext(KEY, new ReadAloud(settings));
}

/** The page's reader; outside the layout (a component test), a fresh one. */
export function useReader(): ReadAloud {
	return getContext<ReadAloud | undefined>(KEY) ?? new ReadAloud();
}
