// The Chromium the browser tests run in: the system's (Debian's package) when there is one,
// otherwise Playwright's own. `node scripts/find-browser.js --ensure` (run first by `npm test`)
// prints its path, or installs Playwright's browser where the network allows, or stops at once
// with the exact commands to run (exit 2).
//
// Environment: CHROMIUM_PATH names a browser to use; CLOSEREAD_CHROMIUM_CANDIDATES (paths separated
// by ":") replaces the usual system paths; CLOSEREAD_BROWSER_INSTALL=0 skips the install attempt.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SYSTEM_CHROMIUM = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Chromium's switches for every run here (the browser tests and the bench): no sandbox, GPU or background traffic. */
export const CHROME_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];

export const INSTALL_HELP = [
	'No Chromium was found for the browser tests. Install one, then run `npm test` again:',
	'  apt-get install -y chromium          # Debian or Ubuntu (as root, or with sudo)',
	'  npx playwright install chromium      # anywhere that can download Playwright’s browser',
	'or point CHROMIUM_PATH at a Chromium or Chrome executable.'
].join('\n');

const runnable = (path) => {
	try {
		accessSync(path, constants.X_OK);
		return true;
	} catch {
		return false;
	}
};

function systemCandidates(env) {
	if (env.CHROMIUM_PATH) return [env.CHROMIUM_PATH];
	if (env.CLOSEREAD_CHROMIUM_CANDIDATES !== undefined)
		return env.CLOSEREAD_CHROMIUM_CANDIDATES.split(':').filter(Boolean);
	return SYSTEM_CHROMIUM;
}

/** The system browser to use, or undefined to let Playwright use its own. */
export function systemChromium(env = process.env) {
	return systemCandidates(env).find(runnable);
}

/** Where Playwright's own Chromium lives (installed or not). */
async function playwrightChromium() {
	try {
		const { chromium } = await import('playwright-core');
		return chromium.executablePath();
	} catch {
		return undefined;
	}
}

/** A browser that can run the tests now: a path, or undefined. */
export async function findChromium(env = process.env) {
	const system = systemChromium(env);
	if (system) return system;
	if (env.CHROMIUM_PATH) return undefined; // named explicitly and missing: no guessing
	const own = await playwrightChromium();
	return own && runnable(own) ? own : undefined;
}

async function ensure() {
	let found = await findChromium();
	if (!found && process.env.CHROMIUM_PATH === undefined && process.env.CLOSEREAD_BROWSER_INSTALL !== '0') {
		console.error('No Chromium found; trying `npx playwright install chromium` (needs the internet)…');
		const installed = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit', timeout: 600_000 });
		if (installed.status === 0) found = await findChromium();
	}
	if (!found) {
		console.error(INSTALL_HELP);
		process.exit(2);
	}
	console.log(found);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--ensure')) await ensure();
