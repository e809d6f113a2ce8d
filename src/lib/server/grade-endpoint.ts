/**
 * POST /api/grade as a plain function of the request's text (headers already checked by the route,
 * src/routes/api/grade): the body is one student action on a practice attempt (an answer, a hint
 * request, a reveal); the attempt engine records it and answers.
 */
import { practiceActionBody } from '../scoring/request.ts';
import { practiceAct } from './attempts/practice.ts';
import { getModule } from './content.ts';
import { getRepository } from './db/index.ts';
import { parseJsonBody } from './json-body.ts';

export interface JsonReply {
	status: number;
	body: unknown;
}

/** Carry out one practice action from the request body's text (headers already checked). */
export async function gradeFromText(text: string, now = new Date()): Promise<JsonReply> {
	const parsed = parseJsonBody(text, practiceActionBody);
	if (!parsed.ok) return { status: parsed.status, body: { message: parsed.message } };
	const outcome = await practiceAct(await getRepository(), getModule, parsed.data, now);
	if (!outcome.ok) return { status: outcome.status, body: { message: outcome.message } };
	return { status: 200, body: outcome.reply.action === 'hint' ? outcome.reply.reply : outcome.reply.result };
}
