/**
 * The body of a grading request, parsed with zod on the server (never trusted). Its inferred type
 * is the GradeRequest contract of types.ts.
 */
import { z } from 'zod';
import { response } from './response.ts';
import type { GradeRequest } from './types.ts';

const slug = z
	.string()
	.min(1)
	.max(100)
	.regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens');

export const gradeRequestSchema = z
	.strictObject({
		slug: slug.describe('The module slug.'),
		questionId: slug.describe('The question id.'),
		seed: z.string().min(1).max(200).optional().describe('Seed of the labelling the student saw.'),
		tryNumber: z.number().int().min(1).max(10),
		hintsUsed: z.number().int().min(0).max(3),
		reveal: z.boolean().optional(),
		response: response.nullable()
	})
	.refine((body) => body.response !== null || body.reveal === true, {
		message: 'an answer is required unless you ask to see the answer',
		path: ['response']
	});

export type GradeRequestBody = z.infer<typeof gradeRequestSchema>;

// The parsed body is exactly the contract type (checked at compile time).
const _sameShape: (body: GradeRequestBody) => GradeRequest = (body) => body;
void _sameShape;
