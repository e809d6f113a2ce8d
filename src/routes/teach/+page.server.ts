import { fail } from '@sveltejs/kit';
import { catalogue, getModule } from '$lib/server/content';
import { getRepository } from '$lib/server/db';
import { assignmentRefusal, countAssignment } from '$lib/server/assignments/creation-limits';
import {
	createAssignmentWithSecret,
	createdLinks,
	createFormValues,
	parseCreateForm,
	type CreatedLinks
} from '$lib/server/assignments/create';
import { checkResultsSecret } from '$lib/server/assignments/lookup';

export function load() {
	const modules = [...catalogue().modules.values()].map((m) => ({
		slug: m.slug,
		title: m.meta.title,
		questionCount: m.questions.length,
		maxTries: m.scoring.maxTries
	}));
	return { modules };
}

/**
 * The assignment made just before, from the results secret the form carries back: so an error on
 * "Create another" does not take away links shown only once. Checked like any results link.
 */
async function previous(form: FormData, origin: string, client: string): Promise<CreatedLinks | undefined> {
	const secret = form.get('previous');
	if (typeof secret !== 'string' || secret === '') return undefined;
	const found = await checkResultsSecret(secret, client);
	if (typeof found === 'string') return undefined;
	return createdLinks(found.assignment, secret, origin, found.module.meta.title);
}

export const actions = {
	default: async ({ request, url, getClientAddress }) => {
		const form = await request.formData().catch(() => null);
		if (!form) return fail(400, { errors: { form: 'The form could not be read. Try again.' }, values: {} });
		const values = createFormValues(form);
		const now = new Date();
		const client = getClientAddress();
		const parsed = parseCreateForm(form, now, (slug) => getModule(slug) !== undefined);
		if (!parsed.ok)
			return fail(400, { errors: parsed.errors, values, created: await previous(form, url.origin, client) });
		const refusal = assignmentRefusal(client);
		if (refusal)
			return fail(429, {
				errors: { form: refusal.message },
				values,
				created: await previous(form, url.origin, client)
			});
		const repo = await getRepository();
		const { assignment, secret } = await createAssignmentWithSecret(repo, parsed.value, now);
		countAssignment(client);
		const lesson = getModule(assignment.moduleSlug)?.meta.title ?? assignment.moduleSlug;
		return { created: await createdLinks(assignment, secret, url.origin, lesson) };
	}
};
