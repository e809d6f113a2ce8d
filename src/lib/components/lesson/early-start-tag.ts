import earlyStart from './early-start.js?raw';

/**
 * The script that makes a lesson's Start work before the page's script has run (early-start.js), as
 * the markup to put just after the button. The server's HTML runs it as the browser reads the
 * button; its hash is allowed by the page's Content-Security-Policy (svelte.config.js), so the file
 * holds nothing but the code. A copy rendered in the browser (a later visit within the app) is
 * inert: inserted markup never runs, and there the page's script is running already.
 */
export const earlyStartTag = `<script>${earlyStart}</` + 'script>';
