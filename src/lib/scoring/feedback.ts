/**
 * Whether an assignment's feedback is held back (until the student submits, or until the teacher
 * releases it) rather than shown at once. At once or held back decides the tries a question takes
 * and whether practice on the lesson is locked: the server grades by it, and the teacher's form
 * says by it which changes would cross between the two. One rule, for both.
 */
import type { FeedbackMode } from '../server/db/schema.ts';

export const holdsBack = (feedback: FeedbackMode): boolean => feedback !== 'immediate';
