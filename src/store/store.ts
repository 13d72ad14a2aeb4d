import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import { RempartError, UnavailableError } from '../core/errors.ts';
import type { Database } from './schema.ts';
import { migrateToLatest } from './migrate.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

/**
 * The storage contract every capability relies on; SQLite and PostgreSQL both implement it and
 * the same contract tests (store.contract.test.ts) run against both.
 */
export interface Store {
  readonly db: Db;
  readonly dialect: Dialect;
  /** The database URL with any password removed, for messages. */
  readonly label: string;
  /** The SQLite handle, for bulk paths that use prepared statements in one native transaction (absent on PostgreSQL). */
  readonly sqlite?: SqliteDatabase.Database;
  /** Runs `fn` in one transaction: all of its writes land, or none. */
  transaction<T>(fn: (trx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Apply pending migrations (default true). */
  migrate?: boolean;
}


export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

export async function openStore(url: string, opts: OpenOptions = {}): Promise<Store> {
  const store = url.startsWith('sqlite:') ? openSqlite(url.slice('sqlite:'.length)) : await openPostgres(url);
  if (opts.migrate !== false) {
    try {
      await migrateToLatest(store.db);
    } catch (e) {
      await store.close();
      throw e instanceof RempartError ? e : new RempartError('store.migration_failed', `Migration failed on ${store.label}: ${(e as Error).message}`, 500);
    }
  }
  return store;
}

function openSqlite(path: string): Store {
  const file = path === ':memory:' ? path : resolve(path);
  let sqlite: SqliteDatabase.Database;
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    sqlite = new SqliteDatabase(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    // Reading the schema fails fast on a file that is not a database.
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    throw sqliteError(e, file);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { ...makeStore(db, 'sqlite', `sqlite:${file}`, (e) => sqliteError(e, file)), sqlite };
}

function sqliteError(e: unknown, file: string): RempartError {
  const err = e as { code?: string; message?: string };
  if (err instanceof RempartError) return err;
  // Extended codes (SQLITE_READONLY_DIRECTORY, SQLITE_IOERR_WRITE…) share their primary code's meaning.
  const code = err.code?.replace(/^(SQLITE_(?:READONLY|CANTOPEN|CORRUPT|FULL|NOTADB|PERM))_.*$/, '$1');
  switch (code) {
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return new RempartError('store.corrupt', `The database file ${file} is corrupt or not a SQLite database. Restore it from a backup or point REMPART_DATABASE_URL elsewhere.`, 500);
    case 'SQLITE_READONLY':
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
      return new RempartError('store.readonly', `The database file ${file} cannot be written (${err.code}). Check its permissions and the free disk space.`, 503);
    case 'SQLITE_FULL':
      return new RempartError('store.full', `The disk holding ${file} is full.`, 507);
    default:
      return new RempartError('store.error', `Database error on ${file}: ${err.message ?? String(e)}`, 500);
  }
}

async function openPostgres(url: string): Promise<Store> {
  const label = redactUrl(url);
  // Loaded only for PostgreSQL: the driver costs a tenth of a second at every CLI start otherwise.
  const pg = (await import('pg')).default;
  // PostgreSQL returns int8 and numeric as strings; Rempart only stores counts that fit a double.
  pg.types.setTypeParser(20, (v) => Number(v));
  pg.types.setTypeParser(1700, (v) => Number(v));
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
  pool.on('error', () => {
    /* idle client errors are surfaced on the next query */
  });
  try {
    const c = await pool.connect();
    c.release();
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw UnavailableError('store.unavailable', `Cannot reach PostgreSQL at ${label}: ${(e as Error).message}. Is the server running, and is REMPART_DATABASE_URL right?`);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return makeStore(db, 'postgres', label, (e) => {
    const err = e as { code?: string; message?: string };
    if (err instanceof RempartError) return err;
    if (err.code === 'ECONNREFUSED' || err.code === '57P01' || err.code === '08006')
      return UnavailableError('store.unavailable', `PostgreSQL at ${label} is unreachable: ${err.message}`);
    return new RempartError('store.error', `Database error: ${err.message ?? String(e)}`, 500);
  });
}

function makeStore(db: Db, dialect: Dialect, label: string, mapError: (e: unknown) => RempartError): Store {
  return {
    db,
    dialect,
    label,
    async transaction(fn) {
      try {
        return await db.transaction().execute(fn);
      } catch (e) {
        if (e instanceof RempartError) throw e;
        const code = (e as { code?: string }).code;
        if (code && (code.startsWith('SQLITE_') || /^[0-9A-Z]{5}$/.test(code) || code === 'ECONNREFUSED')) throw mapError(e);
        throw e;
      }
    },
    async close() {
      await db.destroy();
    },
  };
}
