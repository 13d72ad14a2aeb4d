import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStore } from './store.ts';
import { migrateToLatest } from './migrate.ts';
import { openTestStore, testBackends, type TestStore } from './testing.ts';
import { newId } from '../core/ids.ts';

for (const kind of testBackends) {
  describe(`storage contract on ${kind}`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await openTestStore(kind);
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    it('applies every migration and re-applying changes nothing', async () => {
      const again = await migrateToLatest(t.store.db);
      expect(again).toEqual([]);
    });

    it('round-trips text, integers, nulls and unicode', async () => {
      const id = newId();
      await t.store.db
        .insertInto('org_staff')
        .values({ id, email: 'zoé@en-marche.fr', full_name: 'Zoé Ünïcødé 🇫🇷', department: null, role: null, lang: 'fr', aliases: '[]', active: 1, created_at: 'x', updated_at: 'x' })
        .execute();
      const row = await t.store.db.selectFrom('org_staff').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.full_name).toBe('Zoé Ünïcødé 🇫🇷');
      expect(row.active).toBe(1);
      expect(row.department).toBeNull();
    });

    it('rolls back every write of a failed transaction', async () => {
      const before = await t.store.db.selectFrom('org_domains').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      await expect(
        t.store.transaction(async (trx) => {
          await trx.insertInto('org_domains').values({ domain: 'a.fr', kind: 'protected', label: null, added_at: 'x' }).execute();
          await trx.insertInto('org_domains').values({ domain: 'a.fr', kind: 'protected', label: null, added_at: 'x' }).execute();
        }),
      ).rejects.toThrow();
      const after = await t.store.db.selectFrom('org_domains').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('counts come back as numbers', async () => {
      const r = await t.store.db.selectFrom('users').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      expect(typeof Number(r.n)).toBe('number');
      expect(Number(r.n)).toBe(0);
    });
  });
}

describe('storage errors', () => {
  it('refuses a file that is not a database with store.corrupt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rempart-corrupt-'));
    const f = join(dir, 'bad.db');
    writeFileSync(f, Buffer.alloc(4096, 0x41));
    await expect(openStore(`sqlite:${f}`)).rejects.toMatchObject({ id: 'store.corrupt' });
  });

  it('reports a PostgreSQL that is down with store.unavailable', async () => {
    await expect(openStore('postgres://postgres@127.0.0.1:1/none')).rejects.toMatchObject({ id: 'store.unavailable' });
  });
});
