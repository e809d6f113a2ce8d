import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lessonJsonSchema } from '../../../scripts/content-schema.ts';
import { QUESTION_TYPES } from '../../../src/lib/content/schema.ts';

describe('questions/lesson.schema.json', () => {
	it('is up to date with the zod schema (run npm run content:schema)', () => {
		expect(readFileSync('questions/lesson.schema.json', 'utf8')).toBe(lessonJsonSchema());
	});

	it('describes every question type for editors', () => {
		const text = lessonJsonSchema();
		for (const type of QUESTION_TYPES) {
			expect(text).toContain(`"const": "${type}"`);
		}
	});
});
