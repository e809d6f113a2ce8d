/**
 * Answering any question of the first module by keyboard, from the key the test reads on disk:
 * Space on radios and checkboxes, Enter on buttons, typing in text fields, and the keyboard's
 * choice in selects. Nothing is dragged or clicked with a pointer.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { Module, ResolvedQuestion } from '../../src/lib/content/module.ts';
import { moveLabel } from '../../src/lib/components/questions/logic.ts';

export const panel = (page: Page) => page.locator('article.question');

const startsWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

const TFNS_LABEL = { true: /^True\b/, false: /^False\b/, 'not-stated': /^Not stated\b/ } as const;

async function check(target: Locator) {
	await expect(target).toBeEnabled();
	await target.press('Space');
	await expect(target).toBeChecked();
}

export async function press(page: Page, name: string | RegExp) {
	const button = page.getByRole('button', { name }).first();
	await expect(button).toBeEnabled();
	await button.press('Enter');
}

/** Give the right answer to the question on screen. */
export async function answerRight(page: Page, module: Module, q: ResolvedQuestion) {
	const p = panel(page);
	const text = (start: number, end: number) => module.passage.text.slice(start, end);
	switch (q.type) {
		case 'single-choice':
			await check(p.getByRole('radio', { name: q.options.find((o) => o.correct)!.text, exact: true }));
			break;
		case 'multi-select':
			for (const o of q.options.filter((o) => o.correct))
				await check(p.getByRole('checkbox', { name: o.text, exact: true }));
			break;
		case 'true-false-not-stated':
			await check(p.getByRole('radio', { name: TFNS_LABEL[q.answer] }));
			break;
		case 'short-answer': {
			const box = p.getByRole('textbox', { name: 'Your answer' });
			await box.fill('');
			await box.pressSequentially(q.answer);
			break;
		}
		case 'ordering': {
			for (let i = 0; i < q.items.length; i++) {
				const item = q.items[i]!;
				const up = p.getByRole('button', { name: moveLabel(item.text, 'up'), exact: true });
				const list = p.getByRole('listitem');
				for (;;) {
					const texts = await list.allInnerTexts();
					const at = texts.findIndex((t) => t.includes(item.text));
					expect(at, `ordering item "${item.text}" on screen`).toBeGreaterThanOrEqual(0);
					if (at <= i) break;
					await up.press('Enter');
					await expect
						.poll(async () => (await list.allInnerTexts()).findIndex((t) => t.includes(item.text)))
						.toBe(at - 1);
				}
			}
			break;
		}
		case 'matching':
			for (const pair of q.pairs) {
				await p.getByRole('combobox', { name: pair.left, exact: true }).selectOption({ label: pair.right });
			}
			break;
		case 'cloze': {
			const ids = [...q.text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]!);
			for (const [i, id] of ids.entries()) {
				const blank = q.blanks.find((b) => b.id === id)!;
				const name = `Blank ${i + 1} of ${ids.length}`;
				if (blank.choices) {
					const label = blank.choices.find((c) => c.toLowerCase() === blank.answer.toLowerCase())!;
					await p.getByRole('combobox', { name, exact: true }).selectOption({ label });
				} else {
					await p.getByRole('textbox', { name, exact: true }).pressSequentially(blank.answer);
				}
			}
			break;
		}
		case 'evidence':
			for (const id of q.resolved.expectedSentences!) {
				const sentence = module.passage.paragraphs.flatMap((x) => x.sentences).find((s) => s.id === id)!;
				await check(p.getByRole('checkbox', { name: startsWith(text(sentence.start, sentence.end)) }));
			}
			break;
		case 'evidence-paired': {
			await check(p.getByRole('radio', { name: q.options.find((o) => o.correct)!.text, exact: true }));
			const b = q.partB.options.find((o) => o.correct)!;
			const r = q.resolved.partB![b.id]!;
			await check(p.getByRole('radio', { name: startsWith(text(r.start, r.end)) }));
			break;
		}
	}
}

/** Give a wrong answer to the question on screen (the kinds whose wrong answer is one choice or a word). */
export async function answerWrong(page: Page, q: ResolvedQuestion) {
	const p = panel(page);
	switch (q.type) {
		case 'single-choice':
		case 'evidence-paired':
			await check(p.getByRole('radio', { name: q.options.find((o) => !o.correct)!.text, exact: true }));
			break;
		case 'multi-select':
			await check(p.getByRole('checkbox', { name: q.options.find((o) => !o.correct)!.text, exact: true }));
			break;
		case 'true-false-not-stated':
			await check(p.getByRole('radio', { name: TFNS_LABEL[q.answer === 'true' ? 'false' : 'true'] }));
			break;
		case 'short-answer':
			await p.getByRole('textbox', { name: 'Your answer' }).pressSequentially('zzz');
			break;
		default:
			throw new Error(`answerWrong does not know how to miss a ${q.type} question`);
	}
}

/** The question whose prompt is on screen. */
export async function currentQuestion(page: Page, module: Module): Promise<ResolvedQuestion> {
	const heading = panel(page).getByRole('heading', { level: 2 });
	await expect(heading).toBeVisible();
	const id = await panel(page).getAttribute('data-question-id');
	const q = module.questions.find((x) => x.id === id);
	expect(q, `question "${id}" in the module`).toBeTruthy();
	await expect(heading).toHaveText(q!.prompt);
	return q!;
}
