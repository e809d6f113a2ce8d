/** npm run content:check [dir]: validate every module; print each problem; exit 1 if any. */
import { formatProblem } from '../src/lib/content/module.ts';
import { loadCatalogue, questionsDir } from '../src/lib/server/content.ts';

const root = process.argv[2] ?? questionsDir();
const { modules, problems } = loadCatalogue(root);
for (const p of problems) console.error(formatProblem(p));
for (const m of modules.values()) {
	console.log(
		`ok  ${m.slug}: ${m.sections.length} sections, ${m.passage.paragraphs.length} paragraphs, ${m.questions.length} questions`
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
