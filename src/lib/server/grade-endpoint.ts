/**
 * POST /api/grade as a plain function of the request's text: the SvelteKit route and the lean
 * front server (src/server.ts) both answer through it, so they cannot drift apart.
 */
import { gradeRequestSchema } from '../scoring/request.ts';
import { getModule } from './content.ts';
import { gradeRequest } from './grading.ts';
import { parseJsonBody } from './json-body.ts';

export interface JsonReply {
	status: number;
	body: unknown;
}

/** Grade one practice answer from the request body's text (headers already checked). */
export function gradeFromText(text: string): JsonReply {
	const parsed = parseJsonBody(text, gradeRequestSchema);
	if (!parsed.ok) return { status: parsed.status, body: { message: parsed.message } };
	const module = getModule(parsed.data.slug);
	if (!module) return { status: 404, body: { message: 'There is no lesson with that name.' } };
	const graded = gradeRequest(module, parsed.data);
	if (!graded.ok) return { status: graded.status, body: { message: graded.message } };
	return { status: 200, body: graded.result };
}
