/**
 * Results links are secrets: whoever holds one sees a class's names and scores. Nothing the server
 * logs may carry one, so paths and error texts pass through here first.
 */

/** `/r/<secret>` and `/api/r/<secret>` with the secret replaced, wherever they occur in a text. */
export function redactSecrets(text: string): string {
	return text.replace(/(\/(?:api\/)?r\/)[^/?#\s'"`<>]+/g, '$1[secret]');
}
