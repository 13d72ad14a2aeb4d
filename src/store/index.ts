export { openStore, redactUrl, type Store, type Db, type Tx, type Dialect, type OpenOptions } from './store.ts';
export type { Database, IsoTime, Flag } from './schema.ts';
export { migrateToLatest } from './migrate.ts';
export { nowIso, toJson, fromJson } from './values.ts';
