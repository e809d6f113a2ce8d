/**
 * The lesson player's code (state machines, question types, results), for the pages a lesson opens
 * from: the module page and an assignment's page load it while the student reads the start screen or
 * gives a name, so that the lesson opens as soon as its attempt is there. Fetched once; a failed
 * fetch is forgotten, so that the next call (Start, say) tries again.
 */
export type LessonPlayer = typeof import('./LessonPlayer.svelte').default;

let loading: Promise<LessonPlayer> | null = null;

export function loadLessonPlayer(): Promise<LessonPlayer> {
	if (!loading) {
		const next = import('./LessonPlayer.svelte').then((mod) => mod.default);
		next.catch(() => {
			if (loading === next) loading = null;
		});
		loading = next;
	}
	return loading;
}
