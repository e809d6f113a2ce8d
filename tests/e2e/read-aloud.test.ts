import { expect, test, type Page } from '@playwright/test';
import { SLUG } from './helpers';
import { loadKey } from './module-key';
import { answerRight, currentQuestion, press } from './lesson-answers';
import { passageItems } from '../../src/lib/speech/queue.ts';
import { NO_VOICES } from '../../src/lib/speech/reader.svelte.ts';

const module = loadKey(SLUG);

interface Spoken {
	text: string;
	rate: number;
	voice: string | null;
}

/**
 * A stand-in for the browser's speech, installed before the page's own scripts: it records every
 * utterance (text, rate, voice) and says nothing; `finishSentence()` ends the one being said, as the
 * browser does when it has finished speaking it.
 */
async function stubSpeech(page: Page, voices: string[] = ['Test voice', 'Second voice']) {
	await page.addInitScript((names: string[]) => {
		const spoken: { text: string; rate: number; voice: string | null }[] = [];
		let current: { onend?: (() => void) | null } | null = null;
		class Utterance {
			text: string;
			rate = 1;
			lang = '';
			voice: { name: string } | null = null;
			onend: (() => void) | null = null;
			onerror: ((e: { error: string }) => void) | null = null;
			constructor(text: string) {
				this.text = text;
			}
		}
		const voiceList = names.map((name, i) => ({ name, lang: 'en-GB', default: i === 0, localService: true }));
		const synth = {
			getVoices: () => voiceList,
			speak(u: Utterance) {
				spoken.push({ text: u.text, rate: u.rate, voice: u.voice?.name ?? null });
				current = u;
			},
			cancel() {
				current = null;
			},
			pause() {},
			resume() {},
			addEventListener() {},
			removeEventListener() {}
		};
		Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
		Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
		Object.assign(window, {
			__speech: {
				spoken,
				finishSentence() {
					const u = current;
					current = null;
					u?.onend?.();
				}
			}
		});
	}, voices);
}

const spoken = (page: Page) =>
	page.evaluate(() => (window as unknown as { __speech: { spoken: Spoken[] } }).__speech.spoken);
const lastSpoken = async (page: Page) => (await spoken(page)).at(-1);
const finishSentence = (page: Page) =>
	page.evaluate(() => (window as unknown as { __speech: { finishSentence(): void } }).__speech.finishSentence());
const highlighted = (page: Page) => page.locator('.passage .sentence.spoken');

test('reading a section aloud: sentence by sentence, the highlight follows, all by keyboard', async ({ page }) => {
	await stubSpeech(page);
	await page.setViewportSize({ width: 360, height: 640 });
	await page.goto(`/m/${SLUG}`);
	await press(page, 'Start the lesson');
	const section = module.sections[0]!;
	const expected = passageItems(module.passage, module.sections, [section.id]);
	expect(expected.length).toBeGreaterThan(3);
	const sentences = expected.filter((i) => i.sentenceId);

	await press(page, 'Read this section aloud');
	await expect.poll(() => spoken(page)).toHaveLength(1);
	expect((await lastSpoken(page))!.text).toBe(expected[0]!.text);
	await expect(highlighted(page)).toHaveCount(1);
	await expect(highlighted(page)).toHaveAttribute('id', sentences[0]!.sentenceId!);
	await expect(page.getByText(`Reading this section: sentence 1 of ${expected.length}`)).toBeVisible();

	// Each sentence that ends starts the next, and the highlight moves with it, scrolled into view.
	for (let i = 1; i < 4; i++) {
		await finishSentence(page);
		await expect.poll(() => spoken(page)).toHaveLength(i + 1);
		expect((await lastSpoken(page))!.text).toBe(expected[i]!.text);
		await expect(highlighted(page)).toHaveAttribute('id', expected[i]!.sentenceId!);
		await expect(highlighted(page)).toBeInViewport();
	}

	// Pause: the sentence's end (from cancelling it) moves nothing; resume says it again from its start.
	await press(page, 'Pause');
	await expect(page.getByRole('button', { name: 'Resume' })).toBeFocused();
	await finishSentence(page);
	await expect(page.getByText(`Paused this section: sentence 4 of ${expected.length}`)).toBeVisible();
	await expect(highlighted(page)).toHaveAttribute('id', expected[3]!.sentenceId!);
	const count = (await spoken(page)).length;
	await press(page, 'Resume');
	await expect.poll(() => spoken(page)).toHaveLength(count + 1);
	expect((await lastSpoken(page))!.text).toBe(expected[3]!.text);

	await press(page, 'Previous sentence');
	await expect(highlighted(page)).toHaveAttribute('id', expected[2]!.sentenceId!);
	expect((await lastSpoken(page))!.text).toBe(expected[2]!.text);
	await press(page, 'Next sentence');
	await expect(highlighted(page)).toHaveAttribute('id', expected[3]!.sentenceId!);
	expect((await lastSpoken(page))!.text).toBe(expected[3]!.text);

	// Speed and voice: chosen by keyboard, the sentence starts again with them, and they are remembered.
	const speed = page.getByRole('combobox', { name: 'Speed' });
	await speed.focus();
	await speed.selectOption('1.5');
	await expect.poll(async () => (await lastSpoken(page))!.rate).toBe(1.5);
	expect((await lastSpoken(page))!.text).toBe(expected[3]!.text);
	const voice = page.getByRole('combobox', { name: 'Voice' });
	await voice.selectOption('Second voice');
	await expect.poll(async () => (await lastSpoken(page))!.voice).toBe('Second voice');

	// Escape inside the controls stops reading; the highlight goes.
	await page.getByRole('button', { name: 'Next sentence' }).press('Escape');
	await expect(highlighted(page)).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Read this section aloud' })).toBeVisible();

	await page.reload();
	await press(page, 'Read this section aloud');
	await expect.poll(async () => (await lastSpoken(page))?.rate).toBe(1.5);
	expect((await lastSpoken(page))!.voice).toBe('Second voice');
	// Moving on to the questions stops reading.
	await press(page, /on to the questions/);
	await expect(highlighted(page)).toHaveCount(0);
});

test('reading a question with its options, then the feedback', async ({ page }) => {
	await stubSpeech(page);
	await page.goto(`/m/${SLUG}`);
	await press(page, 'Start the lesson');
	await press(page, /on to the questions/);
	const q = await currentQuestion(page, module);
	await press(page, 'Read the question aloud');
	await expect.poll(() => spoken(page)).toHaveLength(1);
	// Let the browser finish sentence after sentence until the question has been read to its end.
	for (let i = 0; i < 20 && !(await page.getByText(/^Finished reading the question/).isVisible()); i++)
		await finishSentence(page);
	await expect(page.getByText(/^Finished reading the question/)).toBeVisible();
	const said = (await spoken(page)).map((s) => s.text).join(' ');
	expect(said).toContain(q.prompt.split(/(?<=[.?!])\s/)[0]!);
	if (q.type === 'single-choice' || q.type === 'multi-select')
		for (const o of q.options) expect(said).toContain(o.text);

	await answerRight(page, module, q);
	await press(page, 'Check answer');
	const before = (await spoken(page)).length;
	await press(page, 'Read the feedback aloud');
	await expect.poll(() => spoken(page)).toHaveLength(before + 1);
	expect((await lastSpoken(page))!.text).toBe('Right!');
	await finishSentence(page);
	await expect.poll(() => spoken(page)).toHaveLength(before + 2);
	// Nothing on the question screen is passage text, so nothing there is highlighted.
	await expect(highlighted(page)).toHaveCount(0);
});

test('where the browser has no voices, reading aloud says so instead of failing silently', async ({ page }) => {
	await stubSpeech(page, []);
	await page.goto(`/m/${SLUG}`);
	await press(page, 'Start the lesson');
	await press(page, 'Read this section aloud');
	await expect(page.getByRole('status').filter({ hasText: NO_VOICES })).toBeVisible();
	expect(await spoken(page)).toEqual([]);
});
