/**
 * The list of "My assignments" in this browser's localStorage. Reading never throws (a blocked or
 * damaged store reads as empty); writing reports whether it worked, so the page can say so.
 */
import { LIST_KEY, parseStoredList, remember, type MyAssignment } from './my-assignments.ts';

export function loadList(): MyAssignment[] {
	try {
		return parseStoredList(localStorage.getItem(LIST_KEY));
	} catch {
		return [];
	}
}

export function saveList(list: MyAssignment[]): boolean {
	try {
		localStorage.setItem(LIST_KEY, JSON.stringify(list));
		return true;
	} catch {
		return false;
	}
}

/** Keep one newly made assignment in the list; the list as it now is, and whether it was saved. */
export function keepOnDevice(entry: MyAssignment): { list: MyAssignment[]; saved: boolean } {
	const list = remember(loadList(), entry);
	return { list, saved: saveList(list) };
}
