import { error, json } from '@sveltejs/kit';
import { parseReviewSeed } from '$lib/components/review/logic';
import { startOrResumePractice } from '$lib/server/attempts/practice';
import { getModule } from '$lib/server/content';
import { getRepository } from '$lib/server/db';

/** At most this many questions per request (a review session asks one module's due cards). */
const MAX_QUESTIONS = 200;

/**
 * POST /review/questions?slug=<module>&q=<questionId>:r<round>&q=…
 *
 * Opens a practice attempt on the module for a review session and answers with its token and the
 * asked questions, labelled for that attempt (options in a new order each session). Answers go to
 * /api/grade under the token, through the same attempt engine as every lesson. No keys. Questions
 * no longer in the module are left out of the answer.
 */
export async function POST({ url }) {
	const slug = url.searchParams.get('slug') ?? '';
	if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(slug)) error(400, 'Name the module with ?slug=.');
	const module = getModule(slug);
	if (!module) error(404, 'There is no lesson with that name.');
	const seeds = url.searchParams.getAll('q');
	if (seeds.length === 0) error(400, 'Ask for at least one question with ?q=<questionId>:r<round>.');
	if (seeds.length > MAX_QUESTIONS) error(400, `Ask for at most ${MAX_QUESTIONS} questions at once.`);
	const wanted = new Set<string>();
	for (const value of seeds) {
		const parsed = parseReviewSeed(value);
		if (!parsed) error(400, `"${value.slice(0, 60)}" is not a review seed (<questionId>:r<round>).`);
		wanted.add(parsed.questionId);
	}
	const view = await startOrResumePractice(await getRepository(), module, { slug }, new Date());
	const questions = Object.fromEntries(
		view.module.questions.filter((q) => wanted.has(q.id)).map((q) => [q.id, { question: q }])
	);
	return json({ token: view.token, questions }, { headers: { 'cache-control': 'no-store' } });
}
