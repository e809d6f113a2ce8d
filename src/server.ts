/**
 * The production server: a lean node:http front that answers the practice grading endpoint itself
 * and hands every other request to the SvelteKit app (adapter-node's handler). Grading is the one
 * hot path of a class at work; answering it without building Fetch API Request and Response objects
 * for every call is what keeps its latency low under load. Both paths answer through the same
 * function (grade-endpoint.ts), so the route in src/routes/api/grade stays the reference.
 *
 * Built by scripts/build-server.js into build/closeread.js, next to adapter-node's handler.js.
 * Environment: PORT (3000), HOST (0.0.0.0), and everything adapter-node reads (ORIGIN, …).
 * Without ORIGIN the app's own address is taken from each request (its Host header, and http unless
 * a proxy in front says X-Forwarded-Proto: https), so a teacher can reach it by any name or address
 * on the school network and its forms still pass SvelteKit's cross-site check.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { gradeFromText } from './lib/server/grade-endpoint.ts';
import { SECURITY_HEADERS } from './lib/server/headers.ts';
import { checkJsonHeaders, MAX_JSON_BYTES, tooLarge } from './lib/server/json-body.ts';

const ownOrigin = !process.env.ORIGIN;
if (ownOrigin) {
	process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
	process.env.HOST_HEADER ??= 'host';
}
// adapter-node reads its environment when its handler is loaded, so load it after the lines above.
// @ts-expect-error: written by adapter-node at build time, beside this file's output.
const { handler } = (await import('./handler.js')) as {
	handler: (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
};

// The fixed headers of every JSON answer, as a flat name/value list built once; writeHead copies
// them into the response synchronously, so only the length is added per answer.
const JSON_HEADERS: readonly string[] = [
	...Object.entries(SECURITY_HEADERS).flat(),
	'Content-Type',
	'application/json',
	'Cache-Control',
	'no-store'
];

function reply(res: ServerResponse, status: number, body: unknown) {
	const text = JSON.stringify(body);
	res.writeHead(status, [...JSON_HEADERS, 'Content-Length', String(Buffer.byteLength(text))]);
	res.end(text);
}

function grade(req: IncomingMessage, res: ServerResponse) {
	const headers = checkJsonHeaders(req.headers['content-type'] ?? null, req.headers['content-length'] ?? null);
	if (!headers.ok) {
		reply(res, headers.status, { message: headers.message });
		req.resume();
		return;
	}
	const chunks: Buffer[] = [];
	let size = 0;
	let refused = false;
	req.on('data', (chunk: Buffer) => {
		if (refused) return;
		size += chunk.length;
		if (size > MAX_JSON_BYTES) {
			refused = true;
			reply(res, 413, { message: tooLarge(MAX_JSON_BYTES).message });
			return;
		}
		chunks.push(chunk);
	});
	req.on('end', () => {
		if (refused) return;
		gradeFromText(Buffer.concat(chunks).toString('utf8')).then(
			({ status, body }) => reply(res, status, body),
			(error: unknown) => {
				console.error(error);
				reply(res, 500, { message: 'The answer could not be saved. Try again.' });
			}
		);
	});
	req.on('error', () => res.destroy());
}

const server = createServer((req, res) => {
	if (req.method === 'POST' && req.url === '/api/grade') {
		grade(req, res);
		return;
	}
	if (ownOrigin && !req.headers['x-forwarded-proto']) req.headers['x-forwarded-proto'] = 'http';
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));

function shutdown() {
	server.close(() => process.exit(0));
	server.closeIdleConnections();
	setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
