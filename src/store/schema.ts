/**
 * The database's tables, as Kysely sees them. Each capability adds its own tables by
 * declaration merging in its `repo.ts`:
 *
 *   declare module '../store/schema.ts' { interface Database { alerts: AlertsTable } }
 *
 * so the type of the whole database is the union of what the capabilities declare,
 * and no capability edits another's file.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {}

/** Timestamps are ISO-8601 UTC strings in both back ends: portable, sortable, readable. */
export type IsoTime = string;
/** Booleans are 0/1 integers in both back ends. */
export type Flag = 0 | 1;
