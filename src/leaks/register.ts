import { decodeAll, extract } from '../blur/index.ts';
import { newId, sha256Hex } from '../core/ids.ts';
import { nowIso, type Store } from '../store/index.ts';
import { pdfText } from './pdftotext.ts';
import { Walker } from './walk.ts';

export interface RegisterResult {
  files: number;
  withText: number;
  skipped: number;
}

/**
 * Records the organisation's real documents as hashes and content fingerprints, never the files:
 * a leaked copy of one is then called genuine, even reformatted. Idempotent by SHA-256.
 */
export async function registerGenuine(store: Store, key: Buffer, paths: string[], onFile?: (path: string) => void): Promise<RegisterResult> {
  const out: RegisterResult = { files: 0, withText: 0, skipped: 0 };
  const walker = new Walker(async (item) => {
    if (!item.data) {
      out.skipped++;
      return;
    }
    const sha = sha256Hex(item.data);
    if (await store.db.selectFrom('leak_genuine').select('id').where('sha256', '=', sha).executeTakeFirst()) return;
    let x = await extract(item.data, item.name);
    if (item.data.subarray(0, 5).toString('latin1') === '%PDF-' && x.text.trim().length < 200) x = { ...x, text: `${x.text}\n${(await pdfText(item.data)) ?? ''}` };
    const fp = decodeAll(x, key).filter((o) => o.kind === 'fingerprint');
    const id = newId();
    await store.transaction(async (trx) => {
      await trx.insertInto('leak_genuine').values({ id, sha256: sha, name: item.path.slice(0, 500), size: item.size, signature: fp[0]?.detail ?? null, registered_at: nowIso() }).execute();
      if (fp.length) await trx.insertInto('leak_genuine_bands').values(fp.map((o) => ({ band: o.value, genuine_id: id }))).execute();
    });
    out.files++;
    if (fp.length) out.withText++;
    onFile?.(item.path);
  });
  await walker.walkPaths(paths);
  return out;
}
