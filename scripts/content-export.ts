/** npm run content:export -- <slug>: print the resolved module as JSON (see questions/README.md). */
import { formatProblem } from '../src/lib/content/module.ts';
import { toExport } from '../src/lib/content/export.ts';
import { loadModuleDir, questionsDir } from '../src/lib/server/content.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const slug = process.argv[2];
if (!slug) {
	console.error('usage: npm run content:export -- <slug>');
	process.exit(2);
}
const dir = join(questionsDir(), slug);
if (!existsSync(dir)) {
	console.error(`no module folder ${dir}`);
	process.exit(2);
}
const result = loadModuleDir(dir, slug);
if (!result.ok) {
	for (const p of result.problems) console.error(formatProblem(p));
	process.exit(1);
}
process.stdout.write(JSON.stringify(toExport(result.module), null, 2) + '\n');
