/** npm run content:schema: write questions/lesson.schema.json from the zod schema (the source of truth). */
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { lesson } from '../src/lib/content/schema.ts';

export function lessonJsonSchema(): string {
	const schema = z.toJSONSchema(lesson, { io: 'input', target: 'draft-7' });
	return JSON.stringify({ ...schema, title: 'Closeread lesson' }, null, '\t') + '\n';
}

if (process.argv[1]?.endsWith('content-schema.ts')) {
	writeFileSync('questions/lesson.schema.json', lessonJsonSchema());
	console.log('wrote questions/lesson.schema.json');
}
