/**
 * "Show in passage": highlight the quoted words, open the passage if it is folded away, scroll the
 * words into view and focus them; "back" (a button or Escape) clears the highlight and gives focus
 * back to the control that asked. One per passage view; bind the view's element to `container`.
 */
import { tick } from 'svelte';

export interface HighlightRange {
	start: number;
	end: number;
}

/** Smooth scrolling, unless the reader asked for reduced motion. */
export const smooth = (): ScrollBehavior =>
	typeof window !== 'undefined' && window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';

export class PassageHighlighter {
	highlight = $state<HighlightRange | null>(null);
	/** Whether the passage is shown (on a phone, or in a folded section). */
	open = $state(false);
	container = $state<HTMLElement | undefined>();
	#returnFocus: HTMLElement | null = null;

	show = async (range: HighlightRange, from: HTMLElement) => {
		this.#returnFocus = from;
		this.highlight = { start: range.start, end: range.end };
		this.open = true;
		await tick();
		const mark = this.container?.querySelector<HTMLElement>('mark[data-highlight]');
		if (!mark) return;
		mark.setAttribute('tabindex', '-1');
		mark.scrollIntoView({ block: 'center', behavior: smooth() });
		mark.focus({ preventScroll: true });
	};

	back = () => {
		this.highlight = null;
		const target = this.#returnFocus;
		this.#returnFocus = null;
		if (target?.isConnected) {
			target.focus();
			target.scrollIntoView({ block: 'center', behavior: smooth() });
		}
	};

	/** Escape inside the passage goes back. */
	onkeydown = (event: KeyboardEvent) => {
		if (event.key === 'Escape' && this.highlight) this.back();
	};

	clear = () => {
		this.highlight = null;
	};
}
