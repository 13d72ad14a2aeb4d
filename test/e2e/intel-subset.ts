import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDataDir } from '../../src/core/shared-data.ts';

type Obj = Record<string, unknown> & { id: string; type: string };

/** Path of ATT&CK Enterprise in the shared data, or undefined when it is not beside the checkout. */
export function attackPath(): string | undefined {
  const dir = sharedDataDir();
  const p = dir ? join(dir, 'intel/enterprise-attack.json') : undefined;
  return p && existsSync(p) ? p : undefined;
}

const extId = (o: Obj) => (o.external_references as Array<{ source_name?: string; external_id?: string }> | undefined)?.find((r) => r.source_name === 'mitre-attack')?.external_id;

/**
 * A small, real ATT&CK bundle: the named groups, everything they use and the relationships among
 * the kept objects. Imports in well under a second instead of the whole 34 MB file.
 */
export function attackSubset(path: string, groupIds: string[]): string {
  const bundle = JSON.parse(readFileSync(path, 'utf8')) as { objects: Obj[] } & Record<string, unknown>;
  const byId = new Map(bundle.objects.map((o) => [o.id, o]));
  const keep = new Set(bundle.objects.filter((o) => o.type === 'intrusion-set' && groupIds.includes(extId(o) ?? '')).map((o) => o.id));
  const rels = bundle.objects.filter((o) => o.type === 'relationship');
  for (const r of rels) if (r.relationship_type === 'uses' && keep.has(r.source_ref as string) && byId.has(r.target_ref as string)) keep.add(r.target_ref as string);
  // Parents of kept sub-techniques, so near-miss credit works as on the full data.
  for (const r of rels) if (r.relationship_type === 'subtechnique-of' && keep.has(r.source_ref as string)) keep.add(r.target_ref as string);
  for (const o of bundle.objects) if (o.type === 'identity' || o.type === 'marking-definition') keep.add(o.id);
  const objects = bundle.objects.filter((o) => keep.has(o.id) || (o.type === 'relationship' && keep.has(o.source_ref as string) && keep.has(o.target_ref as string)));
  return JSON.stringify({ ...bundle, objects });
}
