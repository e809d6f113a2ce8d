/**
 * A snippet rendered to plain HTML on the server, for Deferred.svelte. Svelte's hydration markers
 * (comments) are taken out: the markup is kept as it is in the browser, never hydrated, and an
 * empty comment would end an {@html} block early.
 */
import type { Snippet } from 'svelte';
import { render } from 'svelte/server';
import RenderSnippet from './RenderSnippet.svelte';

export function snippetHtml(snippet: Snippet, context: Map<unknown, unknown>, idPrefix: string): string {
	const { body } = render(RenderSnippet, { props: { snippet }, context, idPrefix });
	return body.replace(/<!--[\s\S]*?-->/g, '');
}
