/**
 * Form action names come from the URL (`?/name`), and SvelteKit looks them up on the route's
 * `actions` object, where `__proto__`, `constructor`, `toString` and the rest of Object.prototype
 * would be found too. Such a name is never an action of ours: it is refused before it reaches a route.
 */

/** The action a POST asks for, as SvelteKit reads it: the first query key starting with "/". */
export function actionName(url: URL): string | null {
	for (const [key] of url.searchParams) if (key.startsWith('/')) return key.slice(1);
	return null;
}

/** Whether an action name would find something on a plain object's prototype chain. */
export function isInheritedName(name: string): boolean {
	return name === '__proto__' || name in Object.prototype;
}
