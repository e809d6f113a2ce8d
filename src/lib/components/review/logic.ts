/**
 * Pure helpers of the review page: which seed a review labels a question with, how due cards are
 * grouped by module, and the plain words for dates and counts. Browser-safe, no clock inside:
 * callers pass `now`.
 */
import type { DayHistory, ReviewCard, ReviewVerdict } from '../../review/deck.ts';

/** Module facts the page needs to list a card (from the review page's `load`). */
export interface ModuleListing {
	slug: string;
	title: string;
	questions: { id: string; prompt: string }[];
}

/** Review-session answers a card has had (lesson answers do not count). */
export function reviewsDone(card: Pick<ReviewCard, 'reviews'>): number {
	return card.reviews.filter((entry) => entry.source === 'review').length;
}

/**
 * The labelling seed of the n-th review of a question (n from 1): different from the lesson's seed
 * (the question id) and from every earlier review, so options come in a new order each time.
 */
export function reviewSeed(questionId: string, round: number): string {
	return `${questionId}:r${round}`;
}

/** The seed the next review of `card` uses. */
export function seedForCard(card: Pick<ReviewCard, 'questionId' | 'reviews'>): string {
	return reviewSeed(card.questionId, reviewsDone(card) + 1);
}

const SEED_PATTERN = /^([A-Za-z0-9][A-Za-z0-9_-]{0,199}):r(\d{1,6})$/;

/** Reads a review seed back into its question id (null when it is not one). */
export function parseReviewSeed(value: string): { questionId: string; seed: string } | null {
	const match = SEED_PATTERN.exec(value);
	if (!match) return null;
	return { questionId: match[1]!, seed: value };
}

export interface DueItem {
	key: string;
	questionId: string;
	prompt: string;
}

export interface DueGroup {
	slug: string;
	title: string;
	items: DueItem[];
}

/**
 * Due cards grouped by module, modules in the order their first card is due, cards in due order.
 * Cards whose module or question is no longer in the catalogue cannot be asked: they are counted
 * in `unavailable` instead of listed.
 */
export function groupDue(cards: ReviewCard[], modules: ModuleListing[]): { groups: DueGroup[]; unavailable: number } {
	const bySlug = new Map(modules.map((m) => [m.slug, m]));
	const groups = new Map<string, DueGroup>();
	let unavailable = 0;
	for (const card of cards) {
		const module = bySlug.get(card.slug);
		const question = module?.questions.find((q) => q.id === card.questionId);
		if (!module || !question) {
			unavailable++;
			continue;
		}
		let group = groups.get(module.slug);
		if (!group) {
			group = { slug: module.slug, title: module.title, items: [] };
			groups.set(module.slug, group);
		}
		group.items.push({ key: card.key, questionId: card.questionId, prompt: question.prompt });
	}
	return { groups: [...groups.values()], unavailable };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole local calendar days from the day of `from` to the day of `to` (negative when earlier). */
export function calendarDaysBetween(from: Date, to: Date): number {
	const a = Date.UTC(from.getFullYear(), from.getMonth(), from.getDate());
	const b = Date.UTC(to.getFullYear(), to.getMonth(), to.getDate());
	return Math.round((b - a) / DAY_MS);
}

/** When a card comes back, in words: "Next review tomorrow", "Next review in 3 days". */
export function nextReviewText(due: string | Date, now: Date): string {
	const days = calendarDaysBetween(now, typeof due === 'string' ? new Date(due) : due);
	if (days <= 0) return 'Next review later today';
	if (days === 1) return 'Next review tomorrow';
	return `Next review in ${days} days`;
}

/** "1 question", "3 questions". */
export function plural(count: number, one: string, many = `${one}s`): string {
	return `${count} ${count === 1 ? one : many}`;
}

/** A day of the chart as people read it, e.g. "Mon 5 May", from its YYYY-MM-DD key. */
export function dayLabel(dateKey: string, style: 'short' | 'long' = 'short'): string {
	const [y, m, d] = dateKey.split('-').map(Number);
	const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
	return new Intl.DateTimeFormat('en-GB', {
		timeZone: 'UTC',
		weekday: style === 'short' ? 'short' : 'long',
		day: 'numeric',
		month: style === 'short' ? 'short' : 'long'
	}).format(date);
}

/** One sentence that says what the 14-day chart shows. */
export function historySummary(history: DayHistory[]): string {
	const reviewed = history.reduce((sum, day) => sum + day.reviewed, 0);
	const right = history.reduce((sum, day) => sum + day.right, 0);
	if (reviewed === 0) return `No reviews in the last ${history.length} days.`;
	const active = history.filter((day) => day.reviewed > 0).length;
	return `${plural(reviewed, 'answer')} on ${plural(active, 'day')} in the last ${history.length} days, ${right} of them right.`;
}

export interface SessionTally {
	right: number;
	withHelp: number;
	wrong: number;
}

export function tally(verdicts: ReviewVerdict[]): SessionTally {
	return {
		right: verdicts.filter((v) => v === 'right').length,
		withHelp: verdicts.filter((v) => v === 'right-with-help').length,
		wrong: verdicts.filter((v) => v === 'wrong').length
	};
}

/** The end-of-session sentence, e.g. "You reviewed 3 questions: 2 right at the first try, 1 missed." */
export function sessionSummaryText(verdicts: ReviewVerdict[]): string {
	if (verdicts.length === 0) return 'You did not answer any questions this time.';
	const t = tally(verdicts);
	const parts = [
		t.right > 0 ? `${t.right} right at the first try` : null,
		t.withHelp > 0 ? `${t.withHelp} right with help` : null,
		t.wrong > 0 ? `${t.wrong} missed` : null
	].filter((p): p is string => p !== null);
	return `You reviewed ${plural(verdicts.length, 'question')}: ${parts.join(', ')}.`;
}

/** A verdict in words, shown before the new due date. */
export function verdictText(verdict: ReviewVerdict): string {
	switch (verdict) {
		case 'right':
			return 'Right at the first try.';
		case 'right-with-help':
			return 'Right, with some help.';
		case 'wrong':
			return 'Not this time.';
	}
}

/** The key of the section that holds the start of a passage range (for "show in passage"). */
export function sectionOfRange(
	sections: { id: string; start: number; end: number }[],
	range: { start: number; end: number }
): string | null {
	const section = sections.find((s) => range.start >= s.start && range.start < s.end);
	return section?.id ?? null;
}

export interface QuestionRequest {
	slug: string;
	/** GET this for the module's public questions under their review seeds. */
	url: string;
	cards: ReviewCard[];
}

/** One request per module for the cards of a session (cards of unknown modules are left out). */
export function questionRequests(cards: ReviewCard[], knownSlugs: Iterable<string>): QuestionRequest[] {
	const known = new Set(knownSlugs);
	const bySlug = new Map<string, ReviewCard[]>();
	for (const card of cards) {
		if (!known.has(card.slug)) continue;
		bySlug.set(card.slug, [...(bySlug.get(card.slug) ?? []), card]);
	}
	return [...bySlug].map(([slug, group]) => {
		const params = new URLSearchParams({ slug });
		for (const card of group) params.append('q', seedForCard(card));
		return { slug, url: `/review/questions?${params}`, cards: group };
	});
}
