// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
			/** Why a request was refused, when the page acts on it (e.g. 'code-required'). */
			reason?: string;
		}
	}
}

export {};
