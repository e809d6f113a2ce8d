/**
 * What a student sends when answering, per question type. Ids are the public labels of
 * toPublicQuestion (o1…, b1…, l1…/r1…), except ordering items and cloze blanks, whose ids are the
 * author's (their order is what is being asked). Parsed with zod on the server; never trusted.
 */
import { z } from 'zod';

const label = z.string().min(1).max(64);
const shortText = z.string().max(500);

export const response = z.discriminatedUnion('type', [
	z.strictObject({ type: z.literal('single-choice'), optionId: label }),
	z.strictObject({ type: z.literal('multi-select'), optionIds: z.array(label).max(20) }),
	z.strictObject({ type: z.literal('true-false-not-stated'), choice: z.enum(['true', 'false', 'not-stated']) }),
	z.strictObject({ type: z.literal('short-answer'), text: shortText }),
	z.strictObject({ type: z.literal('ordering'), order: z.array(label).max(20) }),
	z.strictObject({ type: z.literal('matching'), pairs: z.record(label, label.nullable()) }),
	z.strictObject({ type: z.literal('cloze'), blanks: z.record(label, shortText) }),
	z.strictObject({ type: z.literal('evidence'), sentences: z.array(label).max(40) }),
	z.strictObject({ type: z.literal('evidence-paired'), partA: label, partB: label })
]);

export type Response = z.infer<typeof response>;
export type ResponseOf<T extends Response['type']> = Extract<Response, { type: T }>;
