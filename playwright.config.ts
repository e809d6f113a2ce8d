import { defineConfig, devices } from '@playwright/test';
import { CHROME_ARGS, systemChromium as findSystemChromium } from './scripts/find-browser.js';

// Use the system Chromium where it exists (Debian's package); otherwise Playwright's own browser.
const systemChromium: string | undefined = findSystemChromium();
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results/playwright',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	forbidOnly: !!process.env.CI,
	reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
	timeout: 60_000,
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		trace: 'retain-on-failure',
		launchOptions: {
			...(systemChromium ? { executablePath: systemChromium } : {}),
			args: CHROME_ARGS
		}
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
	webServer: {
		command: 'node build/closeread.js',
		env: {
			HOST: '127.0.0.1',
			PORT: String(PORT),
			ORIGIN: `http://127.0.0.1:${PORT}`,
			DATABASE_PATH: process.env.E2E_DATABASE_PATH ?? 'test-results/e2e.db',
			// The shipped module and a small second one that sorts before it, so no page or test may
			// assume that a catalogue holds one module.
			QUESTIONS_DIR: 'tests/fixtures/e2e-questions'
		},
		url: `http://127.0.0.1:${PORT}`,
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'pipe'
	}
});
