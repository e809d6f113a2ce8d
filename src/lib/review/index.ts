/** Self-review: the deck of missed questions, its storage on the device, export and import. */
export * from './deck.ts';
export { MAX_IMPORT_CARDS, deckSchema, describeIssue, reviewCardSchema, reviewLogEntrySchema } from './schema.ts';
export * from './storage.ts';
export * from './transfer.ts';
