import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../access/index.ts';
import { SecretBox } from '../core/secrets.ts';
import { addDomain } from '../org/index.ts';
import { migrateToLatest } from '../store/index.ts';
import { openTestStore } from '../store/testing.ts';
import { createDeployment } from './service.ts';
import { generatePersonas, inferAddressFormat, slug } from './personas.ts';
import { planMailbox } from './mailbox.ts';
import { generateContacts } from './personas.ts';
import { parisOffset } from './timezone.ts';

const staff = ['Claire Vasseur', 'Julien Marchand', 'Sophie Lemaire', 'Antoine Girard', 'Nadia Benali', 'Thomas Roux'].map((n, i) => {
  const [f, l] = n.split(' ');
  return { fullName: n, email: `${slug(f)[0]}${slug(l)}@campagne.fr`, aliases: [], department: i < 3 ? 'direction' : 'presse', role: i < 3 ? 'chargé de mission' : 'attaché de presse' };
});
const org = { name: 'Campagne', protectedDomains: ['campagne.fr'], partnerDomains: [], brandDomains: [], staff };

describe('personas', () => {
  it('uses the organisation’s own address format and never a real staff name', () => {
    expect(inferAddressFormat(staff, 'campagne.fr')).toBe('pnom');
    const ps = generatePersonas(org, 60, 'seed-a');
    const real = new Set(staff.map((s) => slug(s.fullName.split(' ')[1])));
    for (const p of ps) {
      expect(real.has(slug(p.lastName))).toBe(false);
      const lp = `${slug(p.firstName).replace(/-/g, '')[0]}${slug(p.lastName).replace(/-/g, '')}`;
      expect(p.email).toMatch(new RegExp(`^${lp}\\d?@campagne\\.fr$`));
    }
    expect(new Set(ps.map((p) => p.email)).size).toBe(ps.length);
  });

  it('is reproducible from the seed and different across seeds', () => {
    const a = generatePersonas(org, 5, 's1');
    const b = generatePersonas(org, 5, 's1');
    const c = generatePersonas(org, 5, 's2');
    expect(a).toEqual(b);
    expect(a.map((p) => p.fullName)).not.toEqual(c.map((p) => p.fullName));
    const contacts = generateContacts(a, 20, 's1');
    const opts = { seed: 's1', start: new Date('2017-02-01T00:00:00Z'), end: new Date('2017-04-01T00:00:00Z'), perDay: 2, lang: 'fr' as const, domain: 'campagne.fr' };
    expect(planMailbox(a[0], a.slice(1), contacts, opts).map((m) => m.body)).toEqual(planMailbox(b[0], b.slice(1), contacts, opts).map((m) => m.body));
  });

  it('takes roles from a chart with missing fields, and rejects impossible requests clearly', () => {
    const messy = { ...org, staff: [...staff, { fullName: 'X', email: 'x@campagne.fr', aliases: [], department: null, role: null }, staff[0]] };
    const ps = generatePersonas(messy, 10, 'm');
    for (const p of ps) expect(['direction', 'presse']).toContain(p.department);
    expect(() => generatePersonas({ ...org, protectedDomains: [] }, 2, 's')).toThrow(/domaine/);
    expect(() => generatePersonas(org, 0, 's')).toThrow(/personas/);
  });

  it('dates mail in Paris local time with the right summer offset', () => {
    expect(parisOffset(new Date('2017-03-26T00:59:00Z'))).toBe(60);
    expect(parisOffset(new Date('2017-03-26T01:00:00Z'))).toBe(120);
    expect(parisOffset(new Date('2017-10-29T01:00:00Z'))).toBe(60);
  });
});

describe('registration after writing', () => {
  it('registers nothing when the kit cannot be written', async () => {
    const t = await openTestStore('sqlite');
    const dir = mkdtempSync(join(tmpdir(), 'blur-fail-'));
    try {
      await migrateToLatest(t.store.db);
      await addDomain(t.store.db, 'campagne.fr', 'protected', 'x');
      mkdirSync(join(dir, 'kit'));
      writeFileSync(join(dir, 'kit', 'documents'), 'not a folder'); // every document write fails midway
      await expect(createDeployment(t.store, SecretBox.fromKey('b'.repeat(64)), { dataDir: dir }, systemActor, { personas: 2, months: 2, seed: 'f', lang: 'fr', outDir: join(dir, 'kit') })).rejects.toThrow();
      expect(await t.store.db.selectFrom('blur_deployments').selectAll().execute()).toEqual([]);
      expect(await t.store.db.selectFrom('blur_artifacts').selectAll().execute()).toEqual([]);
    } finally {
      await t.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
