#!/usr/bin/env bash
# Every test: content check (with the item-quality rules, --strict), unit and server tests (vitest), then a fresh build and the browser tests
# (Playwright). Prints one closing line "N passed, N failed" summed from both runners' JSON reports.
set -u
cd "$(dirname "$0")/.."
# A browser first: without one, stop now with the commands to run, not after minutes of other tests.
if ! node scripts/find-browser.js --ensure > /dev/null; then
	echo "0 passed, 1 failed"
	exit 1
fi
mkdir -p test-results
rm -f test-results/unit.json test-results/e2e.json test-results/e2e.db*

status=0
npx tsx scripts/content-check.ts --strict || status=1
NO_COLOR=1 npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json || status=1
if npm run build > test-results/build.log 2>&1; then
	npx playwright test || status=1
else
	cat test-results/build.log
	echo "build failed"
	status=1
fi
node scripts/test-summary.js || status=1
exit $status
