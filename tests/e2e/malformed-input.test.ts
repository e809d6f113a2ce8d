/**
 * Malformed input on every endpoint that takes a body: keys that name the prototype chain
 * (`__proto__`, `constructor`, `prototype`) in JSON and form bodies, form action names found on
 * Object.prototype, and NUL or a lone surrogate in every text field. Each gets a clear 4xx (or, for
 * a harmless extra form field, the normal answer), never a 500.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { SLUG } from './helpers';

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}`;
const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: BASE };
/** A form post as the enhanced page sends it: the action's result comes back as JSON. */
const ACTION = { ...FORM, 'x-sveltekit-action': 'true' };

/** The status an action failed with (`fail(400, …)`), or 200 when it succeeded. */
async function actionStatus(res: { status(): number; json(): Promise<unknown> }): Promise<number> {
	expect(res.status()).toBe(200);
	const result = (await res.json()) as { type: string; status?: number };
	return result.type === 'failure' ? result.status! : 200;
}

const createFields = {
	module: SLUG,
	title: 'Odd input',
	feedback: 'immediate',
	attemptsAllowed: '3',
	triesPerQuestion: '3',
	hints: 'on'
};

/** Create an assignment the way a browser without JavaScript does; its code and results secret. */
async function create(request: APIRequestContext) {
	const res = await request.post('/teach', { headers: FORM, data: new URLSearchParams(createFields).toString() });
	expect(res.status()).toBe(200);
	const html = await res.text();
	return {
		code: /\/a\/([23456789A-Z]{8})/.exec(html)![1]!,
		secret: /\/r\/([A-Za-z0-9_-]{20,})/.exec(html)![1]!
	};
}

/** Start a student's attempt; the ids an answer needs. */
async function start(request: APIRequestContext, code: string) {
	const attemptId = crypto.randomUUID();
	const deviceToken = `odd-input-device-${crypto.randomUUID().slice(0, 8)}`;
	const res = await request.post(`/api/a/${code}/attempt`, {
		data: { action: 'start', attemptId, deviceToken, name: 'Odd' }
	});
	expect(res.status()).toBe(200);
	return { attemptId, deviceToken };
}

/** A practice attempt's token and the public id its page shows for the first short-answer question. */
async function practiceShortAnswer(request: APIRequestContext) {
	const res = await request.post('/api/practice', { data: { slug: SLUG } });
	expect(res.status()).toBe(200);
	const view = (await res.json()) as { token: string; module: { questions: { id: string; type: string }[] } };
	return { token: view.token, questionId: view.module.questions.find((x) => x.type === 'short-answer')!.id };
}

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];
const BAD_TEXT: [string, string][] = [
	['NUL', 'a\u0000b'],
	['a lone high surrogate', 'a\ud800b'],
	['a lone low surrogate', 'a\udc00b']
];

/** A JSON body with one key set to a value, as raw text (so `__proto__` stays an own key). */
function withKey(body: Record<string, unknown>, key: string, value: unknown): string {
	const text = JSON.stringify(body);
	return `${text.slice(0, -1)},${JSON.stringify(key)}:${JSON.stringify(value)}}`;
}

test('prototype keys in JSON bodies get 422 on every JSON endpoint, at the top and nested', async ({ request }) => {
	const { code } = await create(request);
	const ids = await start(request, code);
	// Questions are named by the opaque ids the pages show; the same question in practice and here.
	const practice = await practiceShortAnswer(request);
	const q = { id: practice.questionId };
	const short = { type: 'short-answer', text: 'x' };
	const bodies: [string, Record<string, unknown>][] = [
		[
			'/api/grade',
			{ action: 'answer', token: practice.token, questionId: q.id, answerId: crypto.randomUUID(), response: short }
		],
		[
			`/api/a/${code}/attempt`,
			{ action: 'start', attemptId: crypto.randomUUID(), deviceToken: ids.deviceToken, name: 'P' }
		],
		[
			`/api/a/${code}/answers`,
			{ action: 'answer', answerId: crypto.randomUUID(), ...ids, questionId: q.id, response: short }
		],
		[`/api/a/${code}/submit`, { ...ids }]
	];
	for (const [path, body] of bodies) {
		for (const key of PROTO_KEYS) {
			for (const value of [{ polluted: true }, 'x']) {
				const top = await request.post(path, {
					headers: { 'content-type': 'application/json' },
					data: withKey(body, key, value)
				});
				expect(top.status(), `${path} with ${key} at the top`).toBe(422);
				expect((await top.json()).message).toContain(key);
			}
			const nested = await request.post(path, {
				headers: { 'content-type': 'application/json' },
				data: JSON.stringify(body).replace(/}$/, `,"extra":{${JSON.stringify(key)}:{"polluted":true}}}`)
			});
			expect(nested.status(), `${path} with ${key} nested`).toBe(422);
		}
	}
	// Keys inside a matching or cloze answer, where the schema is a record of any key.
	for (const key of [...PROTO_KEYS, 'toString', 'valueOf']) {
		const res = await request.post(`/api/a/${code}/answers`, {
			headers: { 'content-type': 'application/json' },
			data: `{"action":"answer","answerId":"${crypto.randomUUID()}","attemptId":"${ids.attemptId}","deviceToken":"${ids.deviceToken}","questionId":"${q.id}","response":{"type":"cloze","blanks":{${JSON.stringify(key)}:"x"}}}`
		});
		expect(res.status(), `answer with blank ${key}`).toBeLessThan(500);
		expect(res.status(), `answer with blank ${key}`).toBeGreaterThanOrEqual(400);
	}
	// Nothing leaked onto Object.prototype in the server: a normal answer still works.
	const fine = await request.post(`/api/a/${code}/answers`, {
		data: { action: 'answer', answerId: crypto.randomUUID(), ...ids, questionId: q.id, response: short }
	});
	expect(fine.status()).toBe(200);
	expect(await fine.json()).not.toHaveProperty('polluted');
});

test('NUL and lone surrogates in every text field of the JSON endpoints get 422', async ({ request }) => {
	const { code } = await create(request);
	const ids = await start(request, code);
	const practice = await practiceShortAnswer(request);
	const q = { id: practice.questionId };
	// Each body is valid but for the one field that carries the bad text.
	const answer = { action: 'answer', answerId: crypto.randomUUID(), ...ids, questionId: q.id };
	const graded = (over: Record<string, unknown>) => ({
		action: 'answer',
		token: practice.token,
		questionId: q.id,
		answerId: crypto.randomUUID(),
		response: { type: 'short-answer', text: 'x' },
		...over
	});
	const cases: [string, Record<string, unknown>, (bad: string) => Record<string, unknown>][] = [
		['/api/grade questionId', {}, (bad) => graded({ questionId: bad })],
		['/api/grade token', {}, (bad) => graded({ token: `practice-token-${bad}-xxxxxxxxxxxxxxxx` })],
		['/api/grade short answer', {}, (bad) => graded({ response: { type: 'short-answer', text: bad } })],
		['/api/grade option', {}, (bad) => graded({ response: { type: 'single-choice', optionId: bad } })],
		['/api/practice slug', {}, (bad) => ({ slug: bad })],
		[
			'attempt name',
			{},
			(bad) => ({ action: 'start', attemptId: crypto.randomUUID(), deviceToken: ids.deviceToken, name: bad })
		],
		['attempt device token', {}, (bad) => ({ action: 'resume', deviceToken: `device-token-${bad}-xxxxxxxx` })],
		['answer questionId', {}, (bad) => ({ ...answer, questionId: bad })],
		['answer device token', {}, (bad) => ({ ...answer, deviceToken: `device-token-${bad}-xxxxxxxx` })],
		['answer short text', {}, (bad) => ({ ...answer, response: { type: 'short-answer', text: bad } })],
		['answer cloze blank', {}, (bad) => ({ ...answer, response: { type: 'cloze', blanks: { k1: bad } } })],
		['answer cloze key', {}, (bad) => ({ ...answer, response: { type: 'cloze', blanks: { [bad]: 'x' } } })],
		['answer ordering item', {}, (bad) => ({ ...answer, response: { type: 'ordering', order: [bad] } })],
		['submit device token', {}, (bad) => ({ ...ids, deviceToken: `device-token-${bad}-xxxxxxxx` })]
	];
	const path = (label: string) =>
		label.startsWith('/api/grade')
			? '/api/grade'
			: label.startsWith('/api/practice')
				? '/api/practice'
				: label.startsWith('attempt')
					? `/api/a/${code}/attempt`
					: label.startsWith('answer')
						? `/api/a/${code}/answers`
						: `/api/a/${code}/submit`;
	for (const [label, , make] of cases) {
		for (const [what, bad] of BAD_TEXT) {
			const res = await request.post(path(label), {
				headers: { 'content-type': 'application/json' },
				data: JSON.stringify(make(bad))
			});
			expect(res.status(), `${label} with ${what}`).toBe(422);
		}
	}
});

test('form bodies: prototype field names are ignored, odd text gets 400, odd action names get 404', async ({
	request
}) => {
	const { secret } = await create(request);
	const extra = (fields: Record<string, string>) =>
		`__proto__=x&constructor=y&toString=z&prototype=w&${new URLSearchParams(fields).toString()}`;

	// The teacher's form with extra prototype fields still creates the assignment, or explains the problem.
	const created = await request.post('/teach', { headers: FORM, data: extra(createFields) });
	expect(created.status()).toBe(200);
	expect(await created.text()).toMatch(/\/r\/[A-Za-z0-9_-]{20,}/);
	const refused = await request.post('/teach', { headers: FORM, data: extra({ ...createFields, title: '' }) });
	expect(refused.status()).toBeLessThan(500);
	expect(await refused.text()).toContain('Give the assignment a title.');
	const refusedJs = await request.post('/teach', { headers: ACTION, data: extra({ ...createFields, title: '' }) });
	expect(await actionStatus(refusedJs)).toBe(400);

	// Every text field of the teacher's form, with NUL or a broken character (a lone surrogate
	// reaches a form as U+FFFD once encoded).
	for (const field of Object.keys(createFields)) {
		for (const bad of ['a\u0000b', 'a\ufffdb']) {
			const res = await request.post('/teach', {
				headers: ACTION,
				data: new URLSearchParams({ ...createFields, [field]: bad }).toString()
			});
			expect(await actionStatus(res), `${field} with ${JSON.stringify(bad)}`).toBe(400);
		}
	}
	for (const bad of ['a\u0000b', 'a\ufffdb']) {
		const res = await request.post(`/r/${secret}?/delete`, {
			headers: ACTION,
			data: new URLSearchParams({ confirm: bad }).toString()
		});
		expect(await actionStatus(res)).toBe(400);
	}

	// The results page's actions with prototype fields work as usual; with feedback at once there is
	// nothing to release or hide, which is refused as a 409, not a 500.
	const changes: [string, Record<string, string>, number][] = [
		['close', {}, 200],
		['reopen', {}, 200],
		['release', {}, 409],
		['unrelease', {}, 409],
		['rename', { title: 'Odd input, renamed' }, 200],
		['due', { dueAt: '' }, 409],
		['duplicate', { title: 'Odd input, again' }, 200]
	];
	for (const [action, fields, status] of changes) {
		const res = await request.post(`/r/${secret}?/${action}`, { headers: ACTION, data: extra(fields) });
		expect(await actionStatus(res), action).toBe(status);
	}
	for (const bad of ['a\u0000b', 'a\ufffdb']) {
		const res = await request.post(`/r/${secret}?/rename`, {
			headers: ACTION,
			data: new URLSearchParams({ title: bad }).toString()
		});
		expect(await actionStatus(res), `rename to ${JSON.stringify(bad)}`).toBe(400);
	}

	// Action names that only exist on Object.prototype are not actions.
	for (const name of ['__proto__', 'constructor', 'valueOf', 'toString', 'hasOwnProperty', 'toLocaleString']) {
		for (const path of ['/teach', `/r/${secret}`]) {
			for (const js of [true, false]) {
				const res = await request.post(`${path}?/${name}`, {
					headers: { ...FORM, ...(js ? { 'x-sveltekit-action': 'true' } : {}) },
					data: new URLSearchParams(createFields).toString()
				});
				expect(res.status(), `${path}?/${name}`).toBe(404);
			}
		}
	}
});
