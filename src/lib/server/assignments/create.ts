/**
 * Creating an assignment from the teacher's form: parse the form with zod (never trust formData),
 * make the results secret, store only its hash, and hand back both links once.
 */
import QRCode from 'qrcode';
import { z } from 'zod';
import { feedbackModes, type AssignmentSettings } from '../db/schema.ts';
import type { Assignment, Repository } from '../db/repository.ts';
import { newResultsSecret, sha256Hex } from './secrets.ts';
import { visibleText } from './visible-text.ts';
import type { CreatedLinks } from '../../teach/my-assignments.ts';

const checkbox = z
	.union([z.literal('on'), z.literal('true'), z.literal('')])
	.optional()
	.transform((v) => v === 'on' || v === 'true');

const wholeNumber = (min: number, max: number, what: string) =>
	z
		.string()
		.trim()
		.regex(/^\d{1,3}$/, `${what}: type a whole number.`)
		.transform(Number)
		.pipe(z.int().min(min, `${what}: at least ${min}.`).max(max, `${what}: at most ${max}.`));

/** The title students see: one line of visible text, white space collapsed. */
export const titleField = z
	.string()
	.transform((s) => s.normalize('NFC').replace(/\s+/g, ' ').trim())
	.pipe(
		z
			.string()
			.min(1, 'Give the assignment a title.')
			.max(120, 'Keep the title under 120 characters.')
			.check(visibleText('title'))
	);

/** From <input type="datetime-local">: local wall time without a zone, or empty for none. */
export const dueField = z
	.string()
	.trim()
	.regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?)?$/, 'Due time: use the date and time picker.')
	.optional();

/** Minutes to add to local time to get UTC (Date#getTimezoneOffset), set by the page's script; UTC without it. */
export const tzOffsetField = z
	.string()
	.trim()
	.regex(/^(-?\d{1,4})?$/)
	// Empty when the page's script did not run: then the time is read as UTC.
	.transform((s) => (s === '' ? undefined : Number(s)))
	.pipe(z.int().min(-900).max(900).optional())
	.optional();

/** How far ahead a due time may be: further is a typing slip (a year 2206), not a plan. */
export const MAX_DUE_YEARS = 5;

/**
 * A due time from the form's local wall time and the browser's offset: the UTC time, or a message.
 * Whether a past time is allowed is the caller's to decide (a new assignment refuses it; an edit closes).
 */
export function parseDueTime(
	local: string,
	tzOffset: number | undefined,
	now: Date
): { ok: true; at: Date } | { ok: false; message: string } {
	const wall = Date.parse(`${local.length === 16 ? `${local}:00` : local}Z`);
	if (Number.isNaN(wall)) return { ok: false, message: 'Due time: use the date and time picker.' };
	const at = new Date(wall + (tzOffset ?? 0) * 60_000);
	const latest = new Date(now);
	latest.setUTCFullYear(latest.getUTCFullYear() + MAX_DUE_YEARS);
	if (at.getTime() > latest.getTime())
		return { ok: false, message: `Due time: choose a time within the next ${MAX_DUE_YEARS} years.` };
	return { ok: true, at };
}

/** The create form as the browser posts it: every value a string, checkboxes present only when ticked. */
export const createForm = z.object({
	module: z.string().min(1, 'Choose a lesson.').max(100),
	title: titleField,
	feedback: z.enum(feedbackModes, 'Choose when students see feedback.'),
	attemptsAllowed: wholeNumber(1, 100, 'Attempts allowed'),
	triesPerQuestion: wholeNumber(1, 10, 'Tries per question'),
	hints: checkbox,
	shuffle: checkbox,
	/** Practice on the lesson shows no answers while this assignment is open and holds feedback back. */
	lockPractice: checkbox,
	dueAt: dueField,
	tzOffset: tzOffsetField
});

export type CreateForm = z.infer<typeof createForm>;

const CREATE_FIELDS = Object.keys(createForm.shape) as (keyof CreateForm)[];

/**
 * The create form's own fields as posted (strings only, first value of each): anything else the
 * browser sends, `__proto__` and `constructor` included, is left behind here.
 */
export function createFormValues(form: FormData): Partial<Record<keyof CreateForm, string>> {
	const values: Partial<Record<keyof CreateForm, string>> = {};
	for (const field of CREATE_FIELDS) {
		const value = form.get(field);
		if (typeof value === 'string') values[field] = value;
	}
	return values;
}

/** Field name → first problem, for showing beside the form. */
export type FormErrors = Partial<Record<keyof CreateForm | 'form', string>>;

export function parseCreateForm(
	form: FormData,
	now: Date,
	knownModule: (slug: string) => boolean
):
	| { ok: true; value: { moduleSlug: string; title: string; settings: AssignmentSettings } }
	| { ok: false; errors: FormErrors } {
	const parsed = createForm.safeParse(createFormValues(form));
	const errors: FormErrors = {};
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			const key = (issue.path[0] ?? 'form') as keyof FormErrors;
			errors[key] ??= issue.message.startsWith('Invalid') ? 'Check this value.' : issue.message;
		}
		return { ok: false, errors };
	}
	const v = parsed.data;
	if (!knownModule(v.module)) return { ok: false, errors: { module: 'Choose a lesson from the list.' } };
	let dueAt: string | null = null;
	if (v.dueAt) {
		const due = parseDueTime(v.dueAt, v.tzOffset, now);
		if (!due.ok) return { ok: false, errors: { dueAt: due.message } };
		if (due.at.getTime() <= now.getTime())
			return { ok: false, errors: { dueAt: 'Due time: choose a time in the future.' } };
		dueAt = due.at.toISOString();
	}
	return {
		ok: true,
		value: {
			moduleSlug: v.module,
			title: v.title,
			settings: {
				feedback: v.feedback,
				attemptsAllowed: v.attemptsAllowed,
				triesPerQuestion: v.triesPerQuestion,
				hintsEnabled: v.hints,
				dueAt,
				shuffle: v.shuffle,
				lockPractice: v.lockPractice
			}
		}
	};
}

export interface CreatedAssignment {
	assignment: Assignment;
	/** The results secret; shown to the teacher once, never stored. */
	secret: string;
}

export async function createAssignmentWithSecret(
	repo: Repository,
	input: { moduleSlug: string; title: string; settings: AssignmentSettings },
	now: Date
): Promise<CreatedAssignment> {
	const secret = newResultsSecret();
	const assignment = await repo.createAssignment({
		resultsHash: sha256Hex(secret),
		moduleSlug: input.moduleSlug,
		title: input.title,
		settings: input.settings,
		createdAt: now.toISOString()
	});
	return { assignment, secret };
}

/** The student link as an SVG QR code, drawn here (no network). */
export async function qrSvg(url: string): Promise<string> {
	const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
	// The library's markup is ours to trust (it encodes only the URL); label it for screen readers.
	return svg.replace('<svg ', '<svg role="img" aria-label="QR code of the student link" ');
}

export type { CreatedLinks };

export async function createdLinks(
	assignment: Assignment,
	secret: string,
	origin: string,
	lesson: string
): Promise<CreatedLinks> {
	const studentUrl = `${origin}/a/${assignment.studentCode}`;
	return {
		title: assignment.title,
		lesson,
		code: assignment.studentCode,
		studentUrl,
		resultsUrl: `${origin}/r/${secret}`,
		secret,
		createdAt: assignment.createdAt,
		dueAt: assignment.settings.dueAt,
		qr: await qrSvg(studentUrl)
	};
}
