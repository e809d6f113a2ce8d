/**
 * The bench's page and browser rows: what serving the module page costs beside a static file of the
 * same server, the page's bytes, how soon a student can start and reach the first question (beside
 * a bare page measured in the same run), the JavaScript loaded, and Lighthouse. Called by
 * scripts/bench.ts with the address of the built app it started.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { chromium, type Browser } from '@playwright/test';
import type { Row } from './bench.ts';
import { createAssignment } from './bench-class.ts';
import { CHROME_ARGS, systemChromium } from './find-browser.js';
import { SECURITY_HEADERS } from '../src/lib/server/headers.ts';

/** The same system Chromium (and switches) as the browser tests. */
const CHROMIUM = systemChromium();

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (x: number) => `${Math.round(x)} ms`;

/** The built static file (served precompressed) whose gzip size is closest to `bytes`. */
function staticFileNear(bytes: number): { path: string; gzip: number } {
	const root = 'build/client';
	const found: { path: string; gzip: number }[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const full = join(dir, name);
			if (statSync(full).isDirectory()) walk(full);
			else if (name.endsWith('.gz')) found.push({ path: full.slice(root.length, -3), gzip: statSync(full).size });
		}
	};
	walk(root);
	if (found.length === 0) throw new Error('no precompressed static file in build/client');
	return found.sort((a, b) => Math.abs(a.gzip - bytes) - Math.abs(b.gzip - bytes))[0]!;
}

function load(url: string, connections: number, duration: number) {
	return autocannon({ url, connections, duration, timeout: 10, headers: { 'accept-encoding': 'gzip' } });
}

/** The module page under load, beside a static file of about the same compressed size. */
async function measureServing(base: string, slug: string): Promise<Row[]> {
	const pageUrl = `${base}/m/${slug}`;
	const page = await fetch(pageUrl, { headers: { 'accept-encoding': 'gzip' } });
	const zipped = Number(page.headers.get('content-length') ?? 0) || (await page.arrayBuffer()).byteLength;
	const file = staticFileNear(zipped);
	const staticUrl = `${base}${file.path}`;
	// Warm both (JIT, caches), then measure one after the other in the same run.
	await load(pageUrl, 20, 1);
	await load(staticUrl, 20, 1);
	const pageLoad = await load(pageUrl, 20, 5);
	const staticLoad = await load(staticUrl, 20, 5);
	const ratio = pageLoad.requests.average / staticLoad.requests.average;
	const crowd = await load(pageUrl, 100, 10);
	const staticCrowd = await load(staticUrl, 100, 10);
	return [
		{
			measure: `Module page, 20 connections, gzip: req/s (static file ${file.path.split('/').pop()}, ${kb(file.gzip)} gzip)`,
			value: `${Math.round(pageLoad.requests.average)} (static ${Math.round(staticLoad.requests.average)}; ratio ${ratio.toFixed(2)})`,
			budget: 'ratio ≥ 0.3',
			ok: ratio >= 0.3 && pageLoad.non2xx === 0
		},
		{
			measure: 'Module page, 100 connections: p99 latency',
			value: `${crowd.latency.p99} ms (${Math.round(crowd.requests.average)} req/s, ${crowd.timeouts} timeouts, ${crowd.non2xx} non-2xx; static file ${staticCrowd.latency.p99} ms at ${Math.round(staticCrowd.requests.average)} req/s)`,
			budget: '< 100 ms',
			ok: crowd.latency.p99 < 100 && crowd.timeouts === 0 && crowd.non2xx === 0
		}
	];
}

/** The page's HTML: all of it, the markup and the hydration data (the inline scripts). */
async function measureHtml(base: string, slug: string): Promise<Row[]> {
	const res = await fetch(`${base}/m/${slug}`, { headers: { 'accept-encoding': 'gzip' } });
	const bytes = new Uint8Array(await res.arrayBuffer());
	// fetch decodes the body itself; the wire size is the header's when the server compressed it.
	const wire = Number(res.headers.get('content-length') ?? bytes.byteLength);
	const html = new TextDecoder().decode(bytes);
	const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].reduce(
		(sum, m) => sum + Buffer.byteLength(m[1]!),
		0
	);
	const raw = Buffer.byteLength(html);
	const etag = res.headers.get('etag');
	let revalidated = 'no ETag';
	if (etag) {
		const again = await fetch(`${base}/m/${slug}`, { headers: { 'if-none-match': etag, 'accept-encoding': 'gzip' } });
		revalidated = `${again.status} on If-None-Match`;
	}
	return [
		{
			measure: 'Module page HTML: raw / markup / hydration data',
			value: `${kb(raw)} / ${kb(raw - scripts)} / ${kb(scripts)}`,
			budget: '',
			ok: null
		},
		{
			measure: 'Module page HTML on the wire (gzip), ETag',
			value: `${kb(wire)} (${res.headers.get('content-encoding') ?? 'uncompressed'}); ${revalidated}`,
			budget: 'compressed, 304',
			ok: res.headers.get('content-encoding') !== null && revalidated.startsWith('304')
		}
	];
}

/**
 * A page with the module page's three steps and nothing else: a Start button its script enables,
 * a reading screen, a question. What the browser alone costs, measured beside the app. It is sent
 * with the headers every response of the app carries (src/lib/server/headers.ts), so that the
 * browser opens it as it opens the app's pages: Cross-Origin-Opener-Policy has a page opened from
 * about:blank (as here and in Lighthouse) start in a renderer process of its own, which costs the
 * start screen about 150 ms at 4× CPU here, and a page without it would be spared that.
 */
const BARE_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bare</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>
<h1>Bare page</h1><p>A page with a start button, a reading screen and a question.</p>
<button type="button" id="start" disabled>Start the lesson</button>
<script type="module">
const main = document.body;
const start = document.getElementById('start');
start.addEventListener('click', () => {
	main.innerHTML = '<h1>Reading</h1><p>The passage.</p><button type="button" id="next">I have read it: on to the questions</button>';
	document.getElementById('next').addEventListener('click', () => {
		main.innerHTML = '<article class="question"><h2>Question</h2><label><input type="radio" name="a"> An answer</label></article>';
	});
});
start.disabled = false;
</script></body></html>`;

/**
 * The bare page with its script taken out: a page with nothing to run at all. Its Lighthouse score
 * is the most a page can score on this machine with the app's headers.
 */
const NOTHING_TO_RUN_PAGE = BARE_PAGE.replace(/<script[\s\S]*<\/script>/, '');
if (NOTHING_TO_RUN_PAGE.includes('<script')) throw new Error('the page with nothing to run still has a script');
/** The path at which the bare page is sent without Cross-Origin-Opener-Policy (every other header kept). */
const WITHOUT_COOP = 'without-coop';
/** The path at which the bare page is sent without its script. */
const NOTHING_TO_RUN = 'nothing-to-run';
const BARE_HEADERS: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS };
const BARE_HEADERS_WITHOUT_COOP = Object.fromEntries(
	Object.entries(BARE_HEADERS).filter(([name]) => name.toLowerCase() !== 'cross-origin-opener-policy')
);

function bareServer(): Promise<{ server: Server; url: string }> {
	const server = createServer((req, res) => {
		res.writeHead(200, req.url === `/${WITHOUT_COOP}` ? BARE_HEADERS_WITHOUT_COOP : BARE_HEADERS);
		res.end(req.url === `/${NOTHING_TO_RUN}` ? NOTHING_TO_RUN_PAGE : BARE_PAGE);
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			resolve({ server, url: `http://127.0.0.1:${port}/` });
		})
	);
}

/**
 * Notes, in the page's own clock, when each step is first usable: Start enabled, the reading
 * screen's button shown, the first question's inputs enabled, each on the screen: the step counts
 * once the frame that draws it has been painted, and Start no sooner than the page's first
 * contentful paint (a button enabled in the page can wait a hundred milliseconds and more at 4×
 * CPU before any of the page is drawn). And when each click arrives, so that
 * the time between a step being usable and the click (the harness's, or a student's) is left out.
 * The harness waits through this script and clicks with the mouse: Playwright's locators would
 * evaluate its own injected script in the page (about 110 ms on a 4× slowed CPU), in the middle of
 * the page's load, which no student's browser does.
 */
const MARKS_SCRIPT = `(() => {
	const marks = (window.__benchMarks = { clicks: [] });
	const waiting = {};
	// Each step's button is looked up once, and then only its state is read: the harness must cost
	// the page next to nothing while it loads.
	const all = document.getElementsByTagName('button');
	const patterns = { ready: /^\\s*Start(?: the lesson)?\\s*$/, reading: /on to the questions/ };
	const found = {};
	const button = (name) => {
		let b = found[name];
		if (!b || !b.isConnected) {
			b = null;
			for (const candidate of all)
				if (patterns[name].test(candidate.textContent)) {
					b = candidate;
					break;
				}
			found[name] = b;
		}
		return b && !b.disabled ? b : null;
	};
	const checks = {
		ready: () => !!button('ready'),
		reading: () => !!button('reading'),
		question: () => !!document.querySelector('article.question :is(input, select, textarea):not([disabled])')
	};
	// Start works before the page's script has run (early-start.js); when that script has taken the
	// page over (the start screen's own mark is gone) is noted too, as "live".
	const live = () => {
		const b = button('ready');
		return !!b && !b.hasAttribute('data-early-start');
	};
	// The page's first contentful paint, as the browser reports it, and who waits for it.
	let contentful = null;
	const onContentful = [];
	new PerformanceObserver((list) => {
		const entry = list.getEntriesByName('first-contentful-paint')[0];
		if (!entry || contentful !== null) return;
		contentful = entry.startTime;
		for (const f of onContentful.splice(0)) f();
	}).observe({ type: 'paint', buffered: true });
	/** The step is on the screen: the frame after its condition held has been painted (the task after that frame's animation callbacks). */
	const drawn = (name) =>
		requestAnimationFrame(() =>
			setTimeout(() => {
				const painted = performance.now();
				const done = () => {
					marks[name] = name === 'ready' ? Math.max(painted, contentful) : painted;
					waiting[name]?.();
				};
				if (name === 'ready' && contentful === null) onContentful.push(done);
				else done();
			})
		);
	// The steps come in order: only the next one is looked for.
	const order = ['ready', 'reading', 'question'];
	const seen = {};
	const look = () => {
		if (!('live' in marks) && seen.ready && live()) marks.live = performance.now();
		const name = order.find((n) => !seen[n]);
		if (name && checks[name]()) {
			seen[name] = true;
			drawn(name);
			look();
		}
	};
	window.__benchWait = (name) =>
		name in marks
			? Promise.resolve()
			: new Promise((resolve, reject) => {
					waiting[name] = resolve;
					setTimeout(() => reject(new Error('the step "' + name + '" did not come within 60 s')), 60000);
				});
	/** Where to click the step's button: brought into view, its centre in viewport pixels. */
	window.__benchTarget = (name) => {
		const b = button(name);
		b.scrollIntoView({ block: 'nearest' });
		const r = b.getBoundingClientRect();
		return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
	};
	new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
	document.addEventListener('click', () => marks.clicks.push(performance.now()), true);
})();`;

interface Marks {
	ready: number;
	live?: number;
	reading?: number;
	question?: number;
	clicks: number[];
}
type BenchWindow = {
	__benchMarks: Marks;
	__benchWait: (name: string) => Promise<void>;
	__benchTarget: (name: string) => { x: number; y: number };
};

/** One fresh browser context: start ready, and the machine time to the first question. */
async function firstQuestionRun(browser: Browser, url: string, cpu: number, name?: () => string) {
	return (await firstQuestionFlow(browser, url, cpu, false, name)).times;
}

/**
 * The student's way to the first question in a fresh context: press Start as soon as it is usable,
 * then "on to the questions". On an assignment link (`name` given) the student types their name
 * first, as fast as the browser takes it: like the clicks, the typing is not counted. Traced (a
 * separate run from the timed ones, as tracing costs the page time), it also gives the trace and
 * the page's marks, to sum the page's work.
 */
async function firstQuestionFlow(browser: Browser, url: string, cpu: number, traced: boolean, name?: () => string) {
	const context = await browser.newContext();
	let tracing = false;
	try {
		const page = await context.newPage();
		await page.addInitScript(MARKS_SCRIPT);
		const cdp = await context.newCDPSession(page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
		if (traced) {
			await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
			tracing = true;
		}
		await page.goto(url, { waitUntil: 'commit' });
		const step = (name: string) => page.evaluate((n) => (window as unknown as BenchWindow).__benchWait(n), name);
		const click = async (name: string) => {
			const { x, y } = await page.evaluate((n) => (window as unknown as BenchWindow).__benchTarget(n), name);
			await page.mouse.click(x, y);
		};
		await step('ready');
		if (name) await page.getByLabel(/Your name/).fill(name());
		await click('ready');
		await step('reading');
		await click('reading');
		await step('question');
		const m = await page.evaluate(() => (window as unknown as BenchWindow).__benchMarks);
		const trace = tracing ? await browser.stopTracing() : null;
		tracing = false;
		const [startClick, readClick] = m.clicks;
		const times = {
			ready: m.ready,
			// The bare page's Start carries no early mark: it is live as soon as it is enabled.
			live: m.live ?? Number.NaN,
			first: m.ready + (m.reading! - startClick!) + (m.question! - readClick!)
		};
		return { times, marks: m, trace };
	} finally {
		// A run that failed midway still ends its trace, or the next run could not start one.
		if (tracing) await browser.stopTracing().catch(() => undefined);
		await context.close();
	}
}

interface TraceEvent {
	name: string;
	ph: string;
	pid: number;
	tid: number;
	ts: number;
	tdur?: number;
	args?: { data?: { type?: string } };
}

/**
 * The page's own work from the start of the navigation to the first question, clicks and the waits
 * before them included: the CPU time of every task on the page's main thread, as the trace records
 * it. The machine-time rows leave out what happens between a step being usable and the click, so a
 * page that did its work there would look faster than it is; this row counts that work too. The
 * page's main thread is the one that received the clicks; the page's clock is aligned to the
 * trace's by the first click.
 */
function mainThreadWork(trace: Buffer, marks: Marks): number {
	const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
	const clicks = events
		.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'click')
		.sort((a, b) => a.ts - b.ts);
	const first = clicks[0];
	if (!first || marks.question === undefined) throw new Error('the traced run has no click or no first question');
	const start = first.ts - marks.clicks[0]! * 1000;
	const end = start + marks.question * 1000;
	let cpu = 0;
	for (const e of events)
		if (
			e.ph === 'X' &&
			e.pid === first.pid &&
			e.tid === first.tid &&
			(e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') &&
			e.ts >= start &&
			e.ts < end
		)
			cpu += e.tdur ?? 0;
	return cpu / 1000;
}

/** A figure beside the bare page's in the same run: the bare page's figure and the ratio. */
const vsBare = (app: number, bare: number) => `bare page ${ms(bare)}, ratio ${(app / bare).toFixed(1)}`;

/** The lowest and highest of some runs' figures, as "a–b". */
const spread = (xs: number[]) => `${ms(Math.min(...xs))}–${ms(Math.max(...xs))}`;

/** One warm-up and five measured runs of `run`, in turn (each run opens its own fresh context). */
async function fiveRuns<T>(run: () => Promise<T>): Promise<T[]> {
	await run();
	const runs: T[] = [];
	for (let i = 0; i < 5; i++) runs.push(await run());
	return runs;
}

/** The page's work to the first question over five traced runs: the median and its range. */
async function firstQuestionWork(browser: Browser, url: string, cpu: number) {
	const runs = await fiveRuns(() => firstQuestionFlow(browser, url, cpu, true));
	const works = runs.map(({ marks, trace }) => mainThreadWork(trace!, marks));
	return { work: median(works), range: spread(works) };
}

/** The machine times to the first question over five runs: the medians. */
async function firstQuestion(browser: Browser, url: string, cpu: number, name?: () => string) {
	const runs = await fiveRuns(() => firstQuestionRun(browser, url, cpu, name));
	return {
		ready: median(runs.map((r) => r.ready)),
		live: median(runs.map((r) => r.live)),
		first: median(runs.map((r) => r.first)),
		range: (key: 'ready' | 'live' | 'first') => spread(runs.map((r) => r[key]))
	};
}

type FirstQuestion = Awaited<ReturnType<typeof firstQuestion>>;

/** A row for one mark of a page's runs, beside the bare page's same mark; held to `limit` ms when one is given. */
function markRow(
	measure: string,
	page: FirstQuestion,
	baseline: FirstQuestion,
	mark: 'ready' | 'live' | 'first',
	limit?: number,
	note = ''
): Row {
	return {
		measure,
		value: `${ms(page[mark])} (${page.range(mark)}; ${vsBare(page[mark], baseline[mark])})`,
		budget: limit === undefined ? '' : `≤ ${limit} ms${note}`,
		ok: limit === undefined ? null : page[mark] <= limit
	};
}

async function measureFirstQuestion(base: string, slug: string): Promise<Row[]> {
	const browser = await chromium.launch({ ...(CHROMIUM ? { executablePath: CHROMIUM } : {}), args: CHROME_ARGS });
	const bare = await bareServer();
	const rows: Row[] = [];
	// A class's way in: the assignment link, where each student gives a name of their own.
	const studentUrl = `${base}/a/${await createAssignment(base, 'Bench first question')}`;
	let student = 0;
	const nextName = () => `Student ${++student}`;
	try {
		for (const cpu of [1, 4]) {
			const app = await firstQuestion(browser, `${base}/m/${slug}`, cpu);
			const baseline = await firstQuestion(browser, bare.url, cpu);
			const assigned = await firstQuestion(browser, studentUrl, cpu, nextName);
			const asModulePage = ' (as the module page)';
			const budget = cpu === 1 ? 500 : 1000;
			if (cpu === 4) {
				rows.push(markRow('Start screen ready (Start usable), 4× CPU, median of 5', app, baseline, 'ready', 600));
				rows.push(markRow("Start screen's own script running (hydrated), 4× CPU, median of 5", app, baseline, 'live'));
			}
			rows.push(
				markRow(`Machine time to the first question, ${cpu}× CPU, median of 5`, app, baseline, 'first', budget)
			);
			if (cpu === 4)
				rows.push(
					markRow(
						'Assignment link: name step ready (Start usable), 4× CPU, median of 5',
						assigned,
						baseline,
						'ready',
						600,
						asModulePage
					)
				);
			rows.push(
				markRow(
					`Assignment link: machine time to the first question (name step ready + first section + first question; clicks and typing excluded), ${cpu}× CPU, median of 5`,
					assigned,
					baseline,
					'first',
					budget,
					asModulePage
				)
			);
		}
		const appWork = await firstQuestionWork(browser, `${base}/m/${slug}`, 1);
		const bareWork = await firstQuestionWork(browser, bare.url, 1);
		rows.push({
			measure:
				"Page's main-thread CPU time to the first question, clicks and waits included, 1× CPU, traced, median of 5",
			value: `${ms(appWork.work)} (${appWork.range}; ${vsBare(appWork.work, bareWork.work)})`,
			budget: '',
			ok: null
		});
	} finally {
		await browser.close();
		bare.server.close();
	}
	return rows;
}

interface ManifestChunk {
	file: string;
	isEntry?: boolean;
	imports?: string[];
}

/** The files of the start screen's static module graph, from Vite's manifest of the client build. */
function startScreenScripts(html: string): Set<string> {
	const manifest = JSON.parse(readFileSync('.svelte-kit/output/client/.vite/manifest.json', 'utf8')) as Record<
		string,
		ManifestChunk
	>;
	const nodeIds = /node_ids:\s*\[([\d,\s]+)\]/
		.exec(html)?.[1]
		?.split(',')
		.map((n) => n.trim());
	if (!nodeIds || nodeIds.length === 0) throw new Error('no node ids in the module page');
	const roots = [
		...Object.keys(manifest).filter((key) => manifest[key]!.isEntry && manifest[key]!.file.includes('/entry/')),
		...nodeIds.map((id) => `.svelte-kit/generated/client-optimized/nodes/${id}.js`)
	];
	const files = new Set<string>();
	const visit = (key: string) => {
		const chunk = manifest[key];
		if (!chunk) throw new Error(`${key} is not in the client manifest`);
		if (files.has(chunk.file)) return;
		files.add(chunk.file);
		for (const dep of chunk.imports ?? []) visit(dep);
	};
	for (const root of roots) visit(root);
	return files;
}

/**
 * The JavaScript a student loads, gzip, counted once every script body has arrived: what the start
 * screen itself needs (its static module graph), and all that the page has loaded before the
 * student presses Start (with the lesson player, loaded ahead while the student reads).
 */
async function measureJs(base: string, slug: string): Promise<Row[]> {
	// The scripts the start screen needs: SvelteKit's entries, the layout's and the page's nodes (the
	// node ids in the page's HTML), and everything they import statically, from the build's manifest.
	// (The page does not preload them, so the HTML alone does not name them all.)
	const res = await fetch(`${base}/m/${slug}`);
	const html = await res.text();
	const named = new Set([...startScreenScripts(html)].map((file) => `${base}/${file}`));
	const browser = await chromium.launch({ ...(CHROMIUM ? { executablePath: CHROMIUM } : {}), args: CHROME_ARGS });
	try {
		const page = await browser.newPage();
		const bodies: Promise<[string, number] | null>[] = [];
		page.on('response', (res) => {
			const url = res.url();
			if (!url.endsWith('.js')) return;
			bodies.push(
				res.body().then(
					(body): [string, number] => [url, gzipSync(body, { level: 9 }).length],
					() => null
				)
			);
		});
		const total = async (only?: Set<string>) => {
			const seen = new Map<string, number>();
			for (const entry of await Promise.all(bodies)) if (entry && (!only || only.has(entry[0]))) seen.set(...entry);
			return { bytes: [...seen.values()].reduce((a, b) => a + b, 0), files: seen.size };
		};
		await page.goto(`${base}/m/${slug}`, { waitUntil: 'networkidle' });
		const own = await total(named);
		const ahead = await total();
		await page.getByRole('button', { name: 'Start the lesson' }).click();
		await page.getByRole('button', { name: /on to the questions/ }).waitFor();
		await page.waitForLoadState('networkidle');
		const started = await total();
		return [
			{
				measure: `JS the start screen needs (gzip, ${own.files} files: entries, its nodes, their imports)`,
				value: kb(own.bytes),
				budget: '≤ 60 KB',
				ok: own.bytes <= 60 * 1024
			},
			{
				measure: `JS loaded before Start, player included (gzip, ${ahead.files} files)`,
				value: kb(ahead.bytes),
				budget: '',
				ok: null
			},
			{
				measure: `JS once the lesson has started (gzip, ${started.files} files)`,
				value: kb(started.bytes),
				budget: '',
				ok: null
			}
		];
	} finally {
		await browser.close();
	}
}

type LighthouseReport = {
	categories: Record<string, { score: number | null }>;
	audits: Record<string, { numericValue?: number; score?: number | null }>;
};

/** One Lighthouse run (mobile) on `url`, its report written to `out`: the exit status and what it said. */
function lighthouseRun(url: string, out: string): Promise<{ ok: boolean; message: string }> {
	return new Promise((resolve) => {
		const child = spawn(
			'npx',
			[
				'lighthouse',
				url,
				'--form-factor=mobile',
				'--only-categories=performance,accessibility,best-practices,seo',
				`--chrome-flags=--headless=new ${CHROME_ARGS.join(' ')}`,
				'--output=json',
				`--output-path=${out}`,
				'--quiet'
			],
			{ env: { ...process.env, CHROME_PATH: CHROMIUM }, stdio: ['ignore', 'ignore', 'pipe'] }
		);
		let message = '';
		child.stderr.on('data', (chunk: Buffer) => (message += chunk.toString()));
		child.on('close', (status) => resolve({ ok: status === 0 && existsSync(out), message: message.trim() }));
	});
}

/**
 * Lighthouse (mobile), three runs each of the module page, the bare page, the bare page sent
 * without Cross-Origin-Opener-Policy, and the bare page without its script, taken in turn: the
 * median performance score of each, and the module page's other categories. A run in which
 * Lighthouse could not record its trace ("Runtime error encountered", e.g. NO_NAVSTART, which this
 * Chromium gives now and then) has no scores at all; it is run again, at most twice in all for each
 * page, and the row says how many were run again. A run that scored is never repeated.
 */
async function measureLighthouse(base: string, slug: string): Promise<Row[]> {
	if (!CHROMIUM) return [{ measure: 'Lighthouse', value: 'no Chromium found', budget: '', ok: null }];
	// A row that says "without the header" must not be measured with it.
	if (Object.keys(BARE_HEADERS_WITHOUT_COOP).length !== Object.keys(BARE_HEADERS).length - 1)
		throw new Error('the app sends no Cross-Origin-Opener-Policy: the bench cannot compare with and without it');
	const dir = mkdtempSync(join(tmpdir(), 'lh-'));
	const bare = await bareServer();
	const lighthousePage = (name: string, url: string) => ({ name, url, reports: [] as LighthouseReport[], repeated: 0 });
	const app = lighthousePage('the module page', `${base}/m/${slug}`);
	const baseline = lighthousePage('the bare page', bare.url);
	// The bare page once more without Cross-Origin-Opener-Policy: what that header alone costs the
	// score on this machine (a page with it starts in a renderer process of its own).
	const withoutCoop = lighthousePage('the bare page without Cross-Origin-Opener-Policy', `${bare.url}${WITHOUT_COOP}`);
	// And without its script, with the header: what a page that runs nothing at all scores here.
	const nothing = lighthousePage('the bare page without its script', `${bare.url}${NOTHING_TO_RUN}`);
	const pages = [app, baseline, withoutCoop, nothing];
	let attempt = 0;
	try {
		while (pages.some((p) => p.reports.length < 3)) {
			for (const page of pages) {
				if (page.reports.length >= 3) continue;
				const out = join(dir, `report-${attempt++}.json`);
				const run = await lighthouseRun(page.url, out);
				if (!run.ok) {
					if (/Runtime error encountered/.test(run.message) && page.repeated < 2) {
						page.repeated++;
						continue;
					}
					return [
						{
							measure: 'Lighthouse (mobile)',
							value: `failed on ${page.name}: ${run.message.slice(0, 80)}`,
							budget: '',
							ok: false
						}
					];
				}
				page.reports.push(JSON.parse(readFileSync(out, 'utf8')));
			}
		}
	} finally {
		bare.server.close();
		rmSync(dir, { recursive: true, force: true });
	}
	const reports = app.reports;
	const repeated = pages.reduce((sum, p) => sum + p.repeated, 0);
	const score = (report: (typeof reports)[number], id: string) => Math.round((report.categories[id]?.score ?? 0) * 100);
	const performance = reports.map((r) => score(r, 'performance'));
	// Each run's Total Blocking Time, and any other metric that scored below full marks: what a run
	// under 100 lost its point on.
	const metrics: [string, string][] = [
		['first-contentful-paint', 'FCP'],
		['largest-contentful-paint', 'LCP'],
		['speed-index', 'SI'],
		['cumulative-layout-shift', 'CLS']
	];
	const detail = (r: (typeof reports)[number]) => {
		const parts = [`TBT ${Math.round(r.audits['total-blocking-time']?.numericValue ?? Number.NaN)} ms`];
		for (const [id, name] of metrics) {
			const audit = r.audits[id];
			if (!audit || typeof audit.score !== 'number' || audit.score >= 1) continue;
			const value =
				id === 'cumulative-layout-shift'
					? (audit.numericValue ?? 0).toFixed(3)
					: `${Math.round(audit.numericValue ?? 0)} ms`;
			parts.push(`${name} ${value} (${audit.score})`);
		}
		return parts.join(', ');
	};
	// The bare page in the same run: what this machine and this Chromium allow a page with no work.
	const scores = (page: typeof baseline) => page.reports.map((r) => score(r, 'performance'));
	/** Each run's score, with what it lost its points on. */
	const runs = (page: typeof baseline) =>
		page.reports.map((r) => `${score(r, 'performance')} (${detail(r)})`).join('; ');
	const blocking = (page: typeof baseline) =>
		Math.round(median(page.reports.map((r) => r.audits['total-blocking-time']?.numericValue ?? Number.NaN)));
	const bareScores = scores(baseline);
	const plainScores = scores(withoutCoop);
	const nothingScores = scores(nothing);
	const rows: Row[] = [
		{
			measure:
				'Lighthouse mobile: Performance, median of 3 (each run: TBT, and any metric short of full marks), beside the bare page',
			value: `${median(performance)} (runs ${runs(app)}${repeated ? `; ${repeated} run again after Lighthouse could not record its trace` : ''}); bare page ${median(bareScores)} (runs ${bareScores.join(', ')}; TBT median ${blocking(baseline)} ms)`,
			budget: '100 in every run',
			ok: performance.every((p) => p === 100)
		},
		{
			measure:
				'Lighthouse mobile: Performance of the bare page sent without Cross-Origin-Opener-Policy, median of 3 (what that header costs here)',
			value: `${median(plainScores)} (runs ${plainScores.join(', ')}; TBT median ${blocking(withoutCoop)} ms; with the header: runs ${bareScores.join(', ')}, TBT median ${blocking(baseline)} ms)`,
			budget: '',
			ok: null
		},
		{
			measure:
				"Lighthouse mobile: Performance of the bare page without its script (nothing to run), with the app's headers, median of 3 (the most a page scores here)",
			value: `${median(nothingScores)} (runs ${runs(nothing)})`,
			budget: '',
			ok: null
		}
	];
	const others: [string, string][] = [
		['accessibility', 'Accessibility'],
		['best-practices', 'Best practices'],
		['seo', 'SEO']
	];
	for (const [id, name] of others) {
		const scores = reports.map((r) => score(r, id));
		rows.push({
			measure: `Lighthouse mobile: ${name}, median of 3`,
			value: String(median(scores)),
			budget: '100',
			ok: median(scores) === 100
		});
	}
	return rows;
}

/** The page rows the caller wants: page (serving, HTML), browser (start, first question), js, lighthouse. */
export async function benchPage(base: string, slug: string, want: (name: string) => boolean): Promise<Row[]> {
	const rows: Row[] = [];
	if (want('page')) {
		rows.push(...(await measureHtml(base, slug)));
		rows.push(...(await measureServing(base, slug)));
	}
	if (want('browser')) rows.push(...(await measureFirstQuestion(base, slug)));
	if (want('js')) rows.push(...(await measureJs(base, slug)));
	if (want('lighthouse')) rows.push(...(await measureLighthouse(base, slug)));
	return rows;
}
