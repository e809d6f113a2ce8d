import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const SLUG = 'seoul-warns-north-korean-soldiers-russia';

/**
 * Any page's script has run: the header's Display button is enabled once the whole page has been
 * taken over by its script (before then it is disabled, as its press would do nothing).
 */
export async function scriptsRunning(page: Page) {
	await expect(page.getByRole('button', { name: 'Display' })).toBeEnabled();
}

/**
 * The module page's own script has run. Start is enabled before that (early-start.js), so it is no
 * sign of it: the page marks Start as taken over once its script runs.
 */
export async function pageIsLive(page: Page) {
	const start = page.getByRole('button', { name: 'Start the lesson' });
	await expect(start).toBeEnabled();
	await expect(start).not.toHaveAttribute('data-early-start');
}

/**
 * The module page's start screen is whole: its script runs, and "Before you read" (made by the page
 * once it is idle) is in place. A check of the whole page (axe) waits for this.
 */
export async function startScreenMade(page: Page) {
	await pageIsLive(page);
	await expect(page.getByText('Read the whole article first')).toBeAttached();
}

/** The Content-Security-Policy violations the page reports from now on (a list that fills as they come). */
export function cspViolations(page: Page): string[] {
	const violations: string[] = [];
	page.on('console', (m) => {
		if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
	});
	return violations;
}

/**
 * Hold back the page's script files (SvelteKit's modules) from now until the returned function is
 * called, and gather the Content-Security-Policy violations the page reports meanwhile: what the
 * page does before its scripts run is then only what its own inline scripts do.
 */
export async function holdPageScripts(page: Page) {
	const violations = cspViolations(page);
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	return { release, violations };
}

/** Run axe (WCAG 2 A/AA and 2.2 AA) on the page and expect no violations, listing any it finds. */
export async function expectNoAxeViolations(page: Page, label: string) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
	);
	expect(summary, `axe violations on ${label}`).toEqual([]);
}

/**
 * After the name step of an assignment: the lesson is open at its first section (no second Start
 * button), its heading has focus, and the banner names the assignment and the student.
 */
export async function expectAssignmentOpened(page: Page, title: string, name: string, firstSection: string) {
	const heading = page.getByRole('heading', { level: 1, name: firstSection });
	await expect(heading).toBeVisible();
	await expect(heading).toBeFocused();
	await expect(page.getByText(title, { exact: true })).toBeVisible();
	await expect(page.getByText(name, { exact: true })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Start the lesson' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: /on to the questions/ })).toBeVisible();
}

/**
 * A page a lesson starts from (the module page, an assignment's name step) is drawn before anything
 * else is fetched: its styles come inside it, and it names no script where the browser would fetch
 * it ahead of the text. Once painted, it asks for all of its scripts at once, and they run within
 * the page's Content-Security-Policy. The scripts it asks for, as absolute URLs.
 */
export async function expectFirstPaintAlone(page: Page, path: string): Promise<string[]> {
	const refused = cspViolations(page);
	const reply = (await page.goto(path))!;
	const html = await reply.text();
	const head = html.slice(0, html.indexOf('</head>'));
	// No stylesheet link anywhere but a disabled one. (SvelteKit keeps a disabled link to each inlined
	// file, for the app's later pages: never fetched to paint.)
	expect(html).not.toMatch(/<link[^>]+rel="stylesheet"(?![^>]*\sdisabled)/);
	expect(head).not.toMatch(/<script[^>]+src=/);
	expect(head).toMatch(/<style[^>]*>/);
	// No script is named where the browser would fetch it ahead of the text.
	expect(reply.headers()['link'] ?? '').not.toContain('modulepreload');
	expect(html).not.toContain('<link rel="modulepreload"');
	expect(html).toMatch(/import\("[^"]+\/entry\/start\.[^"]+\.js"\)/);
	// After its text, the page asks for all of its scripts at once, rather than one import after another.
	const named = /<script data-modulepreload="([^"]+)"[^>]*>/.exec(html)?.[1]?.split(' ') ?? [];
	const hrefs = named.map((href) => new URL(href, reply.url()).href);
	expect(hrefs.some((href) => /\/entry\/start\.[^/]+\.js$/.test(href))).toBe(true);
	expect(hrefs.some((href) => /\/nodes\/\d+\.[^/]+\.js$/.test(href))).toBe(true);
	const preloaded = page.locator('head link[rel="modulepreload"]');
	await expect
		.poll(() => preloaded.evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href)))
		.toEqual(expect.arrayContaining(hrefs));
	await expect(page.locator('[data-early-start]')).toHaveCount(0);
	expect(refused).toEqual([]);
	return hrefs;
}
