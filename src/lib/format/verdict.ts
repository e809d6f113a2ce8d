/**
 * The verdict said once per answer: the heading of the feedback names it ("Partly right"), so the
 * feedback lines under it must not open with a verdict of their own ("Right. The passage says…").
 */
import type { GradeResult } from '../scoring/types.ts';

export function verdictText(result: Pick<GradeResult, 'verdict' | 'revealed' | 'tryNumber'>): string {
	if (result.revealed && result.verdict !== 'correct') return 'Here is the answer';
	if (result.verdict === 'correct') return result.tryNumber === 1 ? 'Right!' : 'Right this time!';
	if (result.verdict === 'partial') return 'Partly right';
	return 'Not yet';
}

const LEADING_VERDICT =
	/^\s*(?:right|correct|exactly|yes|no|not quite|not yet|wrong|incorrect|partly right|partly)\s*[.!:;,—–-]+\s*(?=\S)/i;

/** A feedback line without a verdict word at its start; the rest keeps its words, capitalised. */
export function withoutVerdict(line: string): string {
	const rest = line.replace(LEADING_VERDICT, '');
	if (rest === line) return line;
	return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** End a phrase with a full stop unless it already ends in one (or "!" or "?"). */
export const sentence = (text: string) => (/[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
