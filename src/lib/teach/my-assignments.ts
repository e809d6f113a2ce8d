/**
 * "My assignments": the assignments made in this browser, kept on this device only (no account).
 * Each entry holds the results secret, which never leaves the device except to ask the server for
 * that one assignment's counts, or in an export file the teacher moves to another device.
 * Shared by the browser and the server (the summary endpoint parses the same shapes). Pure.
 */
import { z } from 'zod';

export const LIST_KEY = 'closeread.teach.assignments';
export const EXPORT_FORMAT = 'closeread-assignments';
export const EXPORT_VERSION = 1;
/** More than a teacher makes in years; the summary endpoint takes at most this many secrets at once. */
export const MAX_ASSIGNMENTS = 500;
export const MAX_IMPORT_BYTES = 1024 * 1024;

/** A results secret as the server makes it (base64url of 24 random bytes). */
export const resultsSecret = z.string().regex(/^[A-Za-z0-9_-]{32}$/, 'a results link is damaged');
/** A student code (8 characters from the readable alphabet). */
export const studentCode = z.string().regex(/^[2-9A-HJKMNP-TV-Z]{8}$/, 'a student code is damaged');
const isoDate = z.iso.datetime({ offset: true });
const shortText = z.string().max(300);

export const myAssignmentSchema = z.strictObject({
	secret: resultsSecret,
	code: studentCode,
	title: shortText,
	lesson: shortText,
	createdAt: isoDate,
	dueAt: isoDate.nullable()
});
export type MyAssignment = z.infer<typeof myAssignmentSchema>;

export const myListSchema = z.array(myAssignmentSchema).max(MAX_ASSIGNMENTS);

const exportSchema = z.strictObject({
	format: z.literal(EXPORT_FORMAT),
	version: z.literal(EXPORT_VERSION),
	exportedAt: isoDate,
	assignments: myListSchema
});

/** What the server says of one assignment of the list (in the order asked), or that it has none. */
export const summarySchema = z.discriminatedUnion('found', [
	z.strictObject({
		found: z.literal(true),
		title: z.string(),
		lesson: z.string(),
		code: z.string(),
		createdAt: z.string(),
		dueAt: z.string().nullable(),
		state: z.enum(['open', 'closed', 'past-due']),
		started: z.int().min(0),
		submitted: z.int().min(0)
	}),
	z.strictObject({ found: z.literal(false) })
]);
export type Summary = z.infer<typeof summarySchema>;

export const summaryRequest = z.strictObject({ secrets: z.array(resultsSecret).max(MAX_ASSIGNMENTS) });
export const summaryReply = z.strictObject({ assignments: z.array(summarySchema) });

/** What the teacher is shown once after creating or duplicating: both links, the code, and what the list keeps. */
export interface CreatedLinks {
	title: string;
	lesson: string;
	code: string;
	studentUrl: string;
	resultsUrl: string;
	/** The results secret alone, for the list kept on the teacher's device. */
	secret: string;
	createdAt: string;
	dueAt: string | null;
	/** The student link as an SVG QR code, drawn on the server. */
	qr: string;
}

/** The list as stored; an unreadable store reads as empty (never throws). */
export function parseStoredList(text: string | null): MyAssignment[] {
	if (!text) return [];
	try {
		const parsed = myListSchema.safeParse(JSON.parse(text));
		return parsed.success ? parsed.data : [];
	} catch {
		return [];
	}
}

/** Add or refresh one entry, newest first; the secret says which entry it is. */
export function remember(list: MyAssignment[], entry: MyAssignment): MyAssignment[] {
	return [entry, ...list.filter((e) => e.secret !== entry.secret)].slice(0, MAX_ASSIGNMENTS);
}

export function forget(list: MyAssignment[], secret: string): MyAssignment[] {
	return list.filter((e) => e.secret !== secret);
}

/** The list as the text of an export file. */
export function exportList(list: MyAssignment[], now: Date): string {
	return JSON.stringify(
		{ format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: now.toISOString(), assignments: list },
		null,
		2
	);
}

export function exportFileName(now: Date): string {
	const day = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, '0'));
	return `closeread-assignments-${day.join('-')}.json`;
}

export type ParsedImport = { ok: true; assignments: MyAssignment[] } | { ok: false; message: string };

/** An export file's text, checked strictly: a damaged or foreign file is refused whole. */
export function parseImport(text: string): ParsedImport {
	if (text.length > MAX_IMPORT_BYTES)
		return { ok: false, message: 'This file is too large to be a list of assignments.' };
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return { ok: false, message: 'This file is not a Closeread list of assignments (it is not JSON).' };
	}
	const format = (data as { format?: unknown } | null)?.format;
	if (format !== EXPORT_FORMAT) return { ok: false, message: 'This file is not a Closeread list of assignments.' };
	const version = (data as { version?: unknown }).version;
	if (typeof version === 'number' && version > EXPORT_VERSION)
		return { ok: false, message: 'This file is from a newer version of Closeread. Update it here, then import again.' };
	const parsed = exportSchema.safeParse(data);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const detail = issue && !issue.message.startsWith('Invalid') ? issue.message : 'an entry is damaged';
		return { ok: false, message: `The file is damaged (${detail}). Nothing was imported.` };
	}
	return { ok: true, assignments: parsed.data.assignments };
}

/** Merge imported entries into the list: new ones are added, ones already here are kept as they are. */
export function mergeImport(
	list: MyAssignment[],
	imported: MyAssignment[]
): { list: MyAssignment[]; added: number; already: number } {
	const have = new Set(list.map((e) => e.secret));
	const fresh: MyAssignment[] = [];
	for (const entry of imported) {
		if (have.has(entry.secret)) continue;
		have.add(entry.secret);
		fresh.push(entry);
	}
	const merged = [...list, ...fresh].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, MAX_ASSIGNMENTS);
	return { list: merged, added: fresh.length, already: imported.length - fresh.length };
}
