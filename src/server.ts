/**
 * The production server: adapter-node's SvelteKit handler behind a plain node:http server. Every
 * request, the grading endpoint included, goes through the app's routes and hooks, so what runs in
 * production is what `npm run dev` and the browser tests run. It adds two things adapter-node's own
 * entry (build/index.js) does not have:
 *
 * - Without ORIGIN the app's own address is taken from each request (its Host header, and http unless
 *   a proxy in front says X-Forwarded-Proto: https), so a teacher can reach it by any name or address
 *   on the school network and its forms still pass SvelteKit's cross-site check.
 * - A clean stop on SIGTERM/SIGINT: open requests finish, idle connections close.
 *
 * Built by scripts/build-server.js into build/closeread.js, next to adapter-node's handler.js.
 * Environment: PORT (3000), HOST (0.0.0.0), and everything adapter-node reads (ORIGIN,
 * ADDRESS_HEADER, XFF_DEPTH, PROTOCOL_HEADER, HOST_HEADER, BODY_SIZE_LIMIT, …).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

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

const server = createServer((req, res) => {
	if (ownOrigin && !req.headers['x-forwarded-proto']) req.headers['x-forwarded-proto'] = 'http';
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
// PORT=0 takes a free port; the line names the one taken (tests start servers that way).
server.listen(port, host, () => {
	const address = server.address();
	console.log(`Listening on http://${host}:${typeof address === 'object' && address ? address.port : port}`);
});

function shutdown() {
	server.close(() => process.exit(0));
	server.closeIdleConnections();
	setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
