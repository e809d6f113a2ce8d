/**
 * `npm test` on a machine without Chromium: it stops before running anything else, with the exact
 * commands to install a browser; with a browser it names the one the browser tests will use.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const empty = mkdtempSync(join(tmpdir(), 'closeread-no-browser-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

/** No system browser, no Playwright browser, and no download attempt (as on a closed network). */
const noBrowser = {
	...process.env,
	CLOSEREAD_CHROMIUM_CANDIDATES: '',
	PLAYWRIGHT_BROWSERS_PATH: empty,
	CLOSEREAD_BROWSER_INSTALL: '0'
};

// Budget: starting Node (and bash) takes a second or two on a busy machine.
describe('finding a browser for the browser tests', { timeout: 60_000 }, () => {
	it('without one, npm test stops at once with the commands to run and a failing summary line', () => {
		const r = spawnSync('bash', ['scripts/test-all.sh'], { encoding: 'utf8', env: noBrowser, timeout: 50_000 });
		expect(r.status).toBe(1);
		expect(r.stderr).toContain('No Chromium was found for the browser tests.');
		expect(r.stderr).toContain('apt-get install -y chromium');
		expect(r.stderr).toContain('npx playwright install chromium');
		expect(r.stdout.trim().split('\n').at(-1)).toBe('0 passed, 1 failed');
		// Nothing else ran: no content check, no unit tests.
		expect(r.stdout).not.toContain('ok  ');
		expect(r.stdout + r.stderr).not.toMatch(/vitest|Test Files/);
	});

	it('names the browser it will use: CHROMIUM_PATH first, then the system one', () => {
		const named = spawnSync('node', ['scripts/find-browser.js', '--ensure'], {
			encoding: 'utf8',
			env: { ...noBrowser, CHROMIUM_PATH: process.execPath }
		});
		expect(named.status).toBe(0);
		expect(named.stdout.trim()).toBe(process.execPath);
		const listed = spawnSync('node', ['scripts/find-browser.js', '--ensure'], {
			encoding: 'utf8',
			env: { ...noBrowser, CLOSEREAD_CHROMIUM_CANDIDATES: `/no/such/chromium:${process.execPath}` }
		});
		expect(listed.stdout.trim()).toBe(process.execPath);
	});

	it('a CHROMIUM_PATH that does not exist is reported, not replaced by a guess', () => {
		const r = spawnSync('node', ['scripts/find-browser.js', '--ensure'], {
			encoding: 'utf8',
			env: { ...process.env, CHROMIUM_PATH: '/no/such/chromium' }
		});
		expect(r.status).toBe(2);
		expect(r.stderr).toContain('CHROMIUM_PATH');
	});
});
