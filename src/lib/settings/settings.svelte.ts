/**
 * The reader's settings as reactive state for the page: one instance, made by the root layout and
 * shared through context. Changes are saved on this device and applied to <html> at once; a font's
 * CSS (and so its files) is fetched from this site only when that font is chosen.
 */
import { getContext, setContext } from 'svelte';
import { DEFAULT_SETTINGS, STORAGE_KEY, htmlAttributes, parseSettings, type DisplaySettings } from './display';

const fontCss: Record<string, () => Promise<unknown>> = {
	atkinson: () => import('./fonts/atkinson.css'),
	opendyslexic: () => import('./fonts/opendyslexic.css')
};

export class ReaderSettings {
	current = $state<DisplaySettings>({ ...DEFAULT_SETTINGS });

	/** Read what this device saved and apply it (in the browser only). */
	load() {
		try {
			this.current = parseSettings(localStorage.getItem(STORAGE_KEY));
		} catch {
			this.current = { ...DEFAULT_SETTINGS };
		}
		this.#apply();
	}

	set<K extends keyof DisplaySettings>(key: K, value: DisplaySettings[K]) {
		this.#store({ ...this.current, [key]: value });
	}

	/** Back to the default look; the language, speed and voice stay as chosen. */
	reset() {
		const { language, speechRate, voice } = this.current;
		this.#store({ ...DEFAULT_SETTINGS, language, speechRate, voice });
	}

	#store(next: DisplaySettings) {
		this.current = next;
		try {
			localStorage.setItem(STORAGE_KEY, JSON.stringify(this.current));
		} catch {
			// Storage is full or blocked: the setting still applies to this page.
		}
		this.#apply();
	}

	#apply() {
		const root = document.documentElement;
		for (const [name, value] of Object.entries(htmlAttributes(this.current))) root.setAttribute(name, value);
		fontCss[this.current.font]?.();
	}
}

const KEY = Symbol('reader-settings');

export function provideSettings(): ReaderSettings {
	return setContext(KEY, new ReaderSettings());
}

/** The page's settings; outside the layout (a component test), a fresh default instance. */
export function useSettings(): ReaderSettings {
	return getContext<ReaderSettings | undefined>(KEY) ?? new ReaderSettings();
}
