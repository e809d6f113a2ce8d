/** The zod check behind every name and title field: text people can see (../../text/visible.ts). */
import type { z } from 'zod';
import { textProblem, textProblemMessage } from '../../text/visible.ts';

export function visibleText(what: string): z.core.CheckFn<string> {
	return (ctx) => {
		const problem = textProblem(ctx.value);
		if (problem) ctx.issues.push({ code: 'custom', message: textProblemMessage(problem, what), input: ctx.value });
	};
}
