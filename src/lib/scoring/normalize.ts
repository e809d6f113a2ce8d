/**
 * Normalising typed answers (short answers and typed cloze blanks) so that what a reader would
 * call "the same answer" compares equal: case, accents, punctuation, quotes and extra spaces are
 * ignored, a leading article (the, a, an) is dropped, and numbers are written one way whether typed
 * as digits ("3,000", "3 000", "3000") or words ("three thousand", "a hundred", "twenty-one").
 * Decimals stay digits ("1.5", "1.50" → "1.5"). Pure; no locale data beyond English number words.
 */

const UNITS: Record<string, number> = {
	zero: 0,
	one: 1,
	two: 2,
	three: 3,
	four: 4,
	five: 5,
	six: 6,
	seven: 7,
	eight: 8,
	nine: 9
};
const TEENS: Record<string, number> = {
	ten: 10,
	eleven: 11,
	twelve: 12,
	thirteen: 13,
	fourteen: 14,
	fifteen: 15,
	sixteen: 16,
	seventeen: 17,
	eighteen: 18,
	nineteen: 19
};
const TENS: Record<string, number> = {
	twenty: 20,
	thirty: 30,
	forty: 40,
	fourty: 40,
	fifty: 50,
	sixty: 60,
	seventy: 70,
	eighty: 80,
	ninety: 90
};
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };

const ARTICLES = new Set(['the', 'a', 'an']);

const isDigits = (t: string) => /^\d+(\.\d+)?$/.test(t);
const isNumberWord = (t: string) => t in UNITS || t in TEENS || t in TENS || t === 'hundred' || t in SCALES;

/** Tidy a floating result (1.5 × 1e6) and write it without exponent or trailing zeros. */
function formatNumber(n: number): string {
	const tidy = Number(n.toPrecision(12));
	if (Number.isInteger(tidy) && Math.abs(tidy) < 1e21) return BigInt(tidy).toString();
	return String(tidy);
}

/**
 * An English number phrase being read word by word. `add` refuses a word that cannot continue the
 * phrase ("two three", "five twelve"), so the caller can end the number there and start another.
 */
class NumberPhrase {
	private total = 0;
	private current = 0;
	private lastScale = Infinity;
	private words = 0;
	/** The last word was "hundred" or a scale, so "and" may follow ("one hundred and five"). */
	afterMultiplier = false;

	get empty(): boolean {
		return this.words === 0;
	}

	value(): number {
		return this.total + this.current;
	}

	add(token: string): boolean {
		const ok = this.accept(token);
		if (ok) this.words++;
		return ok;
	}

	private accept(token: string): boolean {
		const below100 = this.current % 100;
		this.afterMultiplier = false;
		if (isDigits(token)) {
			if (!this.empty) return false;
			this.current = Number(token);
			return true;
		}
		if (token === 'zero') return this.empty;
		if (token in UNITS) {
			if (this.current % 10 !== 0 || (below100 > 0 && below100 < 20)) return false;
			this.current += UNITS[token]!;
			return true;
		}
		if (token in TEENS || token in TENS) {
			if (below100 !== 0) return false;
			this.current += (TEENS[token] ?? TENS[token])!;
			return true;
		}
		if (token === 'hundred') {
			if (this.current >= 100 || (this.empty === false && this.current === 0)) return false;
			this.current = (this.current || 1) * 100;
			this.afterMultiplier = true;
			return true;
		}
		const scale = SCALES[token];
		if (scale !== undefined) {
			if (scale >= this.lastScale || (!this.empty && this.current === 0)) return false;
			this.total += (this.current || 1) * scale;
			this.current = 0;
			this.lastScale = scale;
			this.afterMultiplier = true;
			return true;
		}
		return false;
	}
}

/** Replace runs of number words and digits by one canonical digit string. */
function numbersToDigits(tokens: string[]): string[] {
	const out: string[] = [];
	let phrase: NumberPhrase | null = null;
	const flush = () => {
		if (phrase && !phrase.empty) out.push(formatNumber(phrase.value()));
		phrase = null;
	};
	for (let i = 0; i < tokens.length; i++) {
		const token = tokens[i]!;
		const next = tokens[i + 1];
		// "a hundred", "a thousand": the article stands for one.
		if (token === 'a' && next !== undefined && (next === 'hundred' || next in SCALES)) {
			flush();
			phrase = new NumberPhrase();
			phrase.add('1');
			continue;
		}
		// "one hundred and five": "and" inside a number.
		if (
			token === 'and' &&
			phrase?.afterMultiplier &&
			next !== undefined &&
			(next in UNITS || next in TEENS || next in TENS) &&
			next !== 'zero'
		) {
			continue;
		}
		if (isDigits(token) || isNumberWord(token)) {
			phrase ??= new NumberPhrase();
			if (!phrase.add(token)) {
				flush();
				phrase = new NumberPhrase();
				if (!phrase.add(token)) {
					// Defensive: a word no fresh phrase accepts stays a word.
					phrase = null;
					out.push(token);
				}
			}
			continue;
		}
		flush();
		out.push(token);
	}
	flush();
	return out;
}

/** The canonical form of a typed answer. Two answers match when their canonical forms are equal. */
export function normalizeAnswer(text: string): string {
	let s = text
		.normalize('NFKD')
		.replace(/\uE000/g, '')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		// Quotes and apostrophes of every kind disappear ("Kim's" = "Kim’s" = "Kims").
		.replace(/['‘’‚‛`´"“”„‟«»‹›]/g, '')
		.replace(/%/g, ' percent ')
		.replace(/&/g, ' and ');
	// Thousands separators: "3,000" and "3 000" (also thin or no-break spaces) become "3000".
	s = s.replace(/(?<![\d.])\d{1,3}(?:[,\s\u202f\u00a0]\d{3})+(?!\d|,\d)/g, (m) => m.replace(/[,\s\u202f\u00a0]/g, ''));
	// Keep a decimal point between digits (marked with a private-use character while punctuation goes); every other non-letter, non-digit becomes a space.
	s = s.replace(/(\d)\.(\d)/g, '$1\uE000$2');
	s = s.replace(/[^\p{L}\p{N}\uE000]+/gu, ' ').replace(/\uE000/g, '.');
	const tokens = numbersToDigits(s.trim().split(' ').filter(Boolean));
	if (tokens.length > 1 && ARTICLES.has(tokens[0]!)) tokens.shift();
	return tokens.join(' ');
}

/** Whether a typed answer matches any of the accepted answers. An empty answer matches nothing. */
export function answersMatch(given: string, accepted: readonly string[]): boolean {
	const g = normalizeAnswer(given);
	if (g === '') return false;
	return accepted.some((a) => normalizeAnswer(a) === g);
}
