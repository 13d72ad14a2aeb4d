import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { systemActor } from '../access/index.ts';
import type { SecretBox } from '../core/secrets.ts';
import type { Store } from '../store/index.ts';
import { createDeployment } from './service.ts';

export const DEMO_LABEL = 'Démo 2017 : tranche de leurres d’avril';

/**
 * The 2017 story's decoys: two fake staff with a month of mail and documents, ending 12 April 2017,
 * registered like a real deployment. Idempotent: skipped when the demo deployment already exists.
 */
export async function blurDemoStep(store: Store, box: SecretBox, env: { dataDir: string; publicUrl?: string }): Promise<string> {
  const existing = await store.db.selectFrom('blur_deployments').select(['id', 'messages', 'documents']).where('label', '=', DEMO_LABEL).executeTakeFirst();
  if (existing) return `leurres : déjà en place (${existing.messages} messages, ${existing.documents} documents)`;
  // The kit goes under the instance's data folder and its registry key is sealed with the
  // instance's box: read from the shell's environment instead, a dashboard started elsewhere (the
  // screenshot harness) found the shell's old kit, skipped registering and showed 0 decoys.
  const out = resolve(join(env.dataDir, 'blur', 'demo-2017'));
  if (existsSync(join(out, 'manifest.json'))) return `leurres : un kit existe déjà dans ${out}, non réenregistré`;
  const r = await createDeployment(store, box, env, systemActor, { personas: 2, months: 1, seed: 'demo-2017', lang: 'fr', label: DEMO_LABEL, outDir: out, end: new Date(Date.UTC(2017, 3, 12, 20)), perDay: 1.5 });
  return `leurres : ${r.counts.messages} messages et ${r.counts.documents} documents plantés (boîtes ${r.personas.map((p) => p.email).join(', ')}), avril 2017`;
}
