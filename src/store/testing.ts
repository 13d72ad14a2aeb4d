import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openStore, type Store } from './store.ts';

/**
 * Test support: the back ends a test suite runs against. SQLite always; PostgreSQL when
 * REMPART_TEST_DATABASE_URL points at a server (`.ci/run` sets it and fails if it cannot).
 */
export const testBackends: Array<'sqlite' | 'postgres'> = process.env.REMPART_TEST_DATABASE_URL
  ? ['sqlite', 'postgres']
  : ['sqlite'];

export interface TestStore {
  store: Store;
  url: string;
  /** Closes the store and removes the database. */
  cleanup(): Promise<void>;
}

/** A fresh, migrated, empty database of the given kind: a temp SQLite file or a new PostgreSQL database. */
export async function createTestDatabase(kind: 'sqlite' | 'postgres'): Promise<{ url: string; drop(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'rempart-test-'));
    return { url: `sqlite:${join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = process.env.REMPART_TEST_DATABASE_URL;
  if (!admin) throw new Error('REMPART_TEST_DATABASE_URL is not set');
  const name = `rempart_t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function openTestStore(kind: 'sqlite' | 'postgres'): Promise<TestStore> {
  const { url, drop } = await createTestDatabase(kind);
  const store = await openStore(url);
  return {
    store,
    url,
    async cleanup() {
      await store.close();
      await drop();
    },
  };
}
