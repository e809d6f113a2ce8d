import { error, json } from '@sveltejs/kit';
import { toPublicQuestion, type PublicQuestion } from '$lib/content/public';
import { parseReviewSeed } from '$lib/components/review/logic';
import { getModule } from '$lib/server/content';

/** At most this many questions per request (a review session asks one module's due cards). */
const MAX_QUESTIONS = 200;

/**
 * GET /review/questions?slug=<module>&q=<questionId>:r<round>&q=…
 *
 * The public questions of one module, each labelled with its review seed (so options come in a
 * new order each review; /api/grade relabels with the same seed). No keys. Questions no longer
 * in the module are left out of the answer.
 */
export function GET({ url }) {
	const slug = url.searchParams.get('slug') ?? '';
	if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(slug)) error(400, 'Name the module with ?slug=.');
	const module = getModule(slug);
	if (!module) error(404, 'There is no lesson with that name.');
	const seeds = url.searchParams.getAll('q');
	if (seeds.length === 0) error(400, 'Ask for at least one question with ?q=<questionId>:r<round>.');
	if (seeds.length > MAX_QUESTIONS) error(400, `Ask for at most ${MAX_QUESTIONS} questions at once.`);

	const questions: Record<string, { seed: string; question: PublicQuestion }> = {};
	for (const value of seeds) {
		const parsed = parseReviewSeed(value);
		if (!parsed) error(400, `"${value.slice(0, 60)}" is not a review seed (<questionId>:r<round>).`);
		const q = module.questions.find((x) => x.id === parsed.questionId);
		if (!q) continue;
		questions[q.id] = { seed: parsed.seed, question: toPublicQuestion(q, module.passage.text, parsed.seed) };
	}
	return json({ questions }, { headers: { 'cache-control': 'no-store' } });
}
