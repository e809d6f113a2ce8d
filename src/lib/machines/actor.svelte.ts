/**
 * A small runes adapter over `createActor` (instead of @xstate/svelte's stores).
 *
 * Call `useActor` during component initialisation (or inside `$effect.root`): the actor starts at
 * once and stops when the component is destroyed, or on `stop()`. During server rendering effects
 * do not run, so the actor is started for the first render but never stopped; pass no snapshot
 * that would start work (grading) on the server. `snapshot` is reactive and changes on every snapshot the
 * actor emits, including the re-emits a parent makes when a synced child changes (the lesson
 * machine syncs its question), so `$derived(questionSnapshot(lesson.snapshot))` stays current.
 * Browser-safe: imports nothing from the server.
 */
import {
	createActor,
	type Actor,
	type AnyActorLogic,
	type EventFromLogic,
	type InputFrom,
	type Snapshot,
	type SnapshotFrom
} from 'xstate';

export interface UseActorOptions<TLogic extends AnyActorLogic> {
	input?: InputFrom<TLogic>;
	/** A persisted snapshot (from `getPersistedSnapshot()`, e.g. parsed from storage) to resume from. */
	snapshot?: Snapshot<unknown>;
	/** Called on every snapshot, e.g. to save `actor.getPersistedSnapshot()`. */
	onSnapshot?: (snapshot: SnapshotFrom<TLogic>, actor: Actor<TLogic>) => void;
}

export interface ActorHandle<TLogic extends AnyActorLogic> {
	readonly snapshot: SnapshotFrom<TLogic>;
	readonly actor: Actor<TLogic>;
	send: (event: EventFromLogic<TLogic>) => void;
	stop: () => void;
}

export function useActor<TLogic extends AnyActorLogic>(
	logic: TLogic,
	options: UseActorOptions<TLogic> = {}
): ActorHandle<TLogic> {
	const actor = createActor(logic, { input: options.input, snapshot: options.snapshot } as never) as Actor<TLogic>;
	let snapshot = $state.raw(actor.getSnapshot() as SnapshotFrom<TLogic>);
	// When only a synced child changed, the parent emits the very same snapshot object, which
	// `$state.raw` would treat as no change; counting emits invalidates readers of `snapshot` anyway.
	let emits = $state(0);
	const update = () => {
		snapshot = actor.getSnapshot();
		emits += 1;
	};
	const subscription = actor.subscribe({
		next: (next) => {
			update();
			options.onSnapshot?.(next, actor);
		},
		error: update
	});
	let stopped = false;
	const stop = () => {
		if (stopped) return;
		stopped = true;
		subscription.unsubscribe();
		actor.stop();
	};
	actor.start();
	$effect(() => stop);
	return {
		get snapshot() {
			void emits;
			return snapshot;
		},
		actor,
		send: (event) => {
			if (!stopped) actor.send(event);
		},
		stop
	};
}
