import { redirect } from '@sveltejs/kit';
import { normaliseStudentCode } from '$lib/student-code';

/**
 * The home page's "Have a class code?" form without JavaScript: /a?code=abcd-efgh goes to
 * /a/ABCDEFGH, whose page says when no assignment has that code.
 */
export function GET({ url }) {
	const code = normaliseStudentCode(url.searchParams.get('code') ?? '');
	redirect(303, code ? `/a/${encodeURIComponent(code)}` : '/');
}
