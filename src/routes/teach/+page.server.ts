import { fail } from '@sveltejs/kit';
import { catalogue, getModule } from '$lib/server/content';
import { getRepository } from '$lib/server/db';
import { assignmentRefusal, countAssignment } from '$lib/server/assignments/creation-limits';
import { createAssignmentWithSecret, createFormValues, parseCreateForm, qrSvg } from '$lib/server/assignments/create';

export function load() {
	const modules = [...catalogue().modules.values()].map((m) => ({
		slug: m.slug,
		title: m.meta.title,
		questionCount: m.questions.length,
		maxTries: m.scoring.maxTries
	}));
	return { modules };
}

export const actions = {
	default: async ({ request, url, getClientAddress }) => {
		const form = await request.formData().catch(() => null);
		if (!form) return fail(400, { errors: { form: 'The form could not be read. Try again.' }, values: {} });
		const values = createFormValues(form);
		const now = new Date();
		const parsed = parseCreateForm(form, now, (slug) => getModule(slug) !== undefined);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
		const client = getClientAddress();
		const refusal = await assignmentRefusal(client);
		if (refusal) return fail(429, { errors: { form: refusal.message }, values });
		const repo = await getRepository();
		const { assignment, secret } = await createAssignmentWithSecret(repo, parsed.value, now);
		await countAssignment(client);
		const studentUrl = `${url.origin}/a/${assignment.studentCode}`;
		return {
			created: {
				title: assignment.title,
				code: assignment.studentCode,
				studentUrl,
				resultsUrl: `${url.origin}/r/${secret}`,
				qr: await qrSvg(studentUrl)
			}
		};
	}
};
