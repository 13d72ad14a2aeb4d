import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKit, registerKit, registryKey, type KitResult } from '../blur/index.ts';
import type { OrgContext } from '../org/index.ts';
import type { SecretBox } from '../core/secrets.ts';
import type { Store } from '../store/index.ts';

export const testOrg: OrgContext = {
  name: 'En Marche ! (test)',
  protectedDomains: ['en-marche.fr'],
  partnerDomains: [],
  brandDomains: [],
  staff: [
    { fullName: 'Claire Vasseur', email: 'claire.vasseur@en-marche.fr', aliases: [], department: 'direction', role: 'directrice de campagne', lang: 'fr' },
    { fullName: 'Olivier Chevalier', email: 'olivier.chevalier@en-marche.fr', aliases: [], department: 'finances', role: 'trésorier', lang: 'fr' },
  ],
} as OrgContext;

export interface TestKit {
  kit: KitResult;
  dir: string;
  key: Buffer;
  /** Honey credentials as an intruder reads them in the kit's notes file. */
  credentials: Array<{ service: string; login: string; password: string }>;
  cleanup(): void;
}

/** Generates and registers a small real decoy kit with the registry's own key (test support). */
export async function makeTestKit(store: Store, box: SecretBox, opts: { personas?: number; months?: number; publicUrl?: string; seed?: string } = {}): Promise<TestKit> {
  const key = await registryKey(store.db, box);
  const dir = mkdtempSync(join(tmpdir(), 'sensors-kit-'));
  const kit = await generateKit({ org: testOrg, personas: opts.personas ?? 3, months: opts.months ?? 1, seed: opts.seed ?? 'sensors-test', outDir: dir, key, publicUrl: opts.publicUrl ?? 'https://rempart.example.org', deploymentId: `dep-${opts.seed ?? 'sensors-test'}`, perDay: 2 });
  await registerKit(store, kit, { label: 'test kit', months: opts.months ?? 1, lang: 'fr', kitDir: dir });
  const docs = join(dir, 'documents');
  const owner = readdirSync(docs).find((d) => readdirSync(join(docs, d)).includes('notes.txt'));
  const notes = owner ? readFileSync(join(docs, owner, 'notes.txt'), 'utf8') : '';
  const credentials = [...notes.matchAll(/^(\S+) : (\S+) \/ (\S+)$/gm)].map((m) => ({ service: m[1], login: m[2], password: m[3] }));
  return { kit, dir, key, credentials, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
