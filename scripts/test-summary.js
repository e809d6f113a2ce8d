// Sums the unit (vitest) and browser (Playwright) JSON reports into one line: "N passed, N failed".
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
const missing = [];

if (existsSync('test-results/unit.json')) {
	const unit = JSON.parse(readFileSync('test-results/unit.json', 'utf8'));
	passed += unit.numPassedTests ?? 0;
	failed += (unit.numFailedTests ?? 0) + (unit.numTodoTests ?? 0) + (unit.numPendingTests ?? 0);
	if (unit.success === false && (unit.numFailedTests ?? 0) === 0) failed += 1; // a suite that failed to load
} else missing.push('unit');

if (existsSync('test-results/e2e.json')) {
	const e2e = JSON.parse(readFileSync('test-results/e2e.json', 'utf8'));
	const s = e2e.stats ?? {};
	passed += s.expected ?? 0;
	failed += (s.unexpected ?? 0) + (s.flaky ?? 0) + (s.skipped ?? 0);
	failed += (e2e.errors ?? []).length;
} else missing.push('e2e');

if (missing.length) {
	console.error(`missing test report: ${missing.join(', ')}`);
	failed += missing.length;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
