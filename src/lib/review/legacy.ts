/**
 * Review decks saved before question ids became opaque keep their cards under the author's ids,
 * which no page lists any more. The review page finds such cards (a known module, an id it does
 * not list), asks the server for their public ids once (POST /review/ids: the reply names only
 * public ids, by position, never an author id), and rewrites the deck. Pure: the page does the
 * asking and the saving.
 */
import { cardKey, type Deck } from './deck.ts';

/** Per module, the ids of cards that the module does not list (old author ids), in deck order. */
export function legacyIds(deck: Deck, modules: { slug: string; questions: { id: string }[] }[]): Map<string, string[]> {
	const listed = new Map(modules.map((m) => [m.slug, new Set(m.questions.map((q) => q.id))]));
	const out = new Map<string, string[]>();
	for (const card of Object.values(deck.cards)) {
		const ids = listed.get(card.slug);
		if (!ids || ids.has(card.questionId)) continue;
		const list = out.get(card.slug) ?? [];
		if (!list.includes(card.questionId)) list.push(card.questionId);
		out.set(card.slug, list);
	}
	return out;
}

/**
 * The deck with the cards of one module renamed (old id → public id). Where the deck already has a
 * card under the public id (the question was missed again since), that card is kept and the old
 * one dropped. Ids without a new name stay as they are.
 */
export function renameCards(deck: Deck, slug: string, renames: ReadonlyMap<string, string>): Deck {
	const cards: Deck['cards'] = {};
	for (const [key, card] of Object.entries(deck.cards)) {
		const to = card.slug === slug ? renames.get(card.questionId) : undefined;
		if (to === undefined) {
			cards[key] ??= card;
			continue;
		}
		const next = cardKey(slug, to);
		if (deck.cards[next]) continue;
		cards[next] = { ...card, key: next, questionId: to };
	}
	return { ...deck, cards };
}
