/**
 * Words as the content rules compare them: lower-cased, apostrophes straightened, a crude stem, and
 * the function words set aside. Shared by the item-quality rules and the bank's cue strategies.
 */
/** Function words: what a phrase says lies in the other words. */
export const STOP = new Set(
	'a an the of to in on at by for from with and or but as is are was were be been being it its it’s this that these those there their they them he she his her him we our you your i do does did has have had not no so than then into out up about over after before also only just very which who whom whose what when where why how would will can shall should must may might could one all any some each other such own same more most even here very'.split(
		' '
	)
);

/** Lower-case words, apostrophes straightened, possessive 's dropped, "3,000" kept whole. */
const wordCache = new Map<string, string[]>();
export function words(text: string): string[] {
	const hit = wordCache.get(text);
	if (hit) return hit;
	const out = text
		.toLowerCase()
		.replace(/[’‘`]/g, "'")
		.replace(/(\d),(\d)/g, '$1$2')
		.replace(/'s\b/g, '')
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean);
	if (wordCache.size > 20_000) wordCache.clear();
	wordCache.set(text, out);
	return out;
}

/** A crude stem so that "strongly" and "stronger", "blocked" and "blocks" meet. */
export const stem = (w: string) => (w.length > 4 ? w.replace(/(ingly|edly|ing|ed|ly|er|es|s)$/, '') : w);

const contentCache = new Map<string, string[]>();
/** The distinct stemmed words of a text other than function words. */
export function contentWords(text: string): string[] {
	let hit = contentCache.get(text);
	if (!hit) {
		hit = [
			...new Set(
				words(text)
					.filter((w) => !STOP.has(w))
					.map(stem)
			)
		];
		if (contentCache.size > 20_000) contentCache.clear();
		contentCache.set(text, hit);
	}
	return hit;
}
