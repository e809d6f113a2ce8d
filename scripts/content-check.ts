/**
 * npm run content:check -- [--strict] [folder]: validate every module under the folder (questions/
 * by default), then run the item-quality rules over the modules that load. Problems and warnings
 * are printed as file:line:column. Exits 1 on any problem; warnings alone exit 0, or 1 with --strict.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { formatProblem } from '../src/lib/content/module.ts';
import { checkQuality, formatWarning } from '../src/lib/content/quality.ts';
import { lessonFileName, loadCatalogue, questionsDir } from '../src/lib/server/content.ts';

const args = process.argv.slice(2);
const strict = args.includes('--strict');
const unknown = args.filter((a) => a.startsWith('-') && a !== '--strict');
if (unknown.length > 0) {
	console.error(`unknown option ${unknown.join(', ')}; usage: npm run content:check -- [--strict] [folder]`);
	process.exit(2);
}
const root = args.find((a) => !a.startsWith('-')) ?? questionsDir();
const { modules, problems } = loadCatalogue(root);
for (const p of problems) console.error(formatProblem(p));
let warningCount = 0;
for (const m of modules.values()) {
	const file = lessonFileName(join(root, m.slug));
	const warnings = checkQuality(m, { file, source: readFileSync(join(root, m.slug, 'lesson.yaml'), 'utf8') });
	for (const w of warnings) console.error(formatWarning(w));
	warningCount += warnings.length;
	const note = warnings.length ? `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : '';
	console.log(
		`ok  ${m.slug}: ${m.sections.length} sections, ${m.passage.paragraphs.length} paragraphs, ${m.questions.length} questions${note}`
	);
}
if (problems.length > 0) {
	console.error(`\n${problems.length} problem${problems.length === 1 ? '' : 's'} found.`);
	process.exit(1);
}
if (modules.size === 0) {
	console.error(`no modules found under ${root}`);
	process.exit(1);
}
if (warningCount > 0) {
	console.error(
		`\n${warningCount} warning${warningCount === 1 ? '' : 's'}${strict ? ' (--strict: failing)' : ''}. Each rule is explained in questions/README.md.`
	);
	if (strict) process.exit(1);
}
