import earlyStart from './early-start.js?raw';

/**
 * The script that makes a lesson's Start work before the page's script has run, as the markup to
 * put just after the button: the module page's Start, or the submit button of an assignment's name
 * form. The server's HTML runs it as the browser reads the button. It enables the button and keeps
 * a press (a form is not sent away) for the page's script, which takes it up once it runs; the
 * status line in the nearest [data-early-scope] says so. On a name form whose button names a
 * device key (data-resume-key) that this device holds, it keeps the form hidden instead and says
 * "Loading…": that device is resumed by the page's script, so its status line stands before the
 * form, to be found as the script runs. The file holds nothing but the code, without comments, as
 * it is sent inside every such page; its hash is allowed by the page's Content-Security-Policy
 * (svelte.config.js). A copy rendered in the browser (a later visit within the app) is inert:
 * inserted markup never runs, and there the page's script is running already.
 */
export const earlyStartTag = `<script>${earlyStart}</` + 'script>';

/**
 * The page's script takes over from early-start.js: the button's marks and the status line's text
 * (put there by the script; Svelte renders the line empty) are cleared. Whether Start was pressed
 * before, for the page to carry the press out.
 */
export function takeOverEarlyStart(button: HTMLButtonElement | undefined, status: HTMLElement | undefined): boolean {
	if (!button?.hasAttribute('data-early-start')) return false;
	const pressed = button.getAttribute('data-early-start') === 'pressed';
	button.removeAttribute('data-early-start');
	button.removeAttribute('aria-busy');
	if (status) status.textContent = '';
	return pressed;
}
