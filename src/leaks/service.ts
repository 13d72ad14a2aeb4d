import { registryKey } from '../blur/index.ts';
import { audit, type Actor } from '../access/index.ts';
import { newId } from '../core/ids.ts';
import type { SecretBox } from '../core/secrets.ts';
import { loadOrgContext } from '../org/index.ts';
import { nowIso, toJson, type Store } from '../store/index.ts';
import { LeakScanner, type ItemResult, type ScanOptions, type ScanSummary } from './scanner.ts';

/** Items kept for the stored report and the HTML page; the JSON stream has them all. */
export const MAX_REPORT_ITEMS = 100_000;

/** Scans paths and stores the report (bounded); `onItem` streams every result. */
export async function scanLeaks(store: Store, box: SecretBox, actor: Actor, paths: string[], opts: ScanOptions = {}): Promise<{ id: string; summary: ScanSummary; items: ItemResult[] }> {
  const key = await registryKey(store.db, box);
  const org = await loadOrgContext(store.db);
  const items: ItemResult[] = [];
  const scanner = new LeakScanner(store, key, org, {
    ...opts,
    onItem: async (r) => {
      if (items.length < MAX_REPORT_ITEMS && r.verdict !== 'unrelated') items.push(r);
      await opts.onItem?.(r);
    },
  });
  const summary = await scanner.scan(paths);
  const id = newId();
  await store.db.insertInto('leak_reports').values({ id, created_at: nowIso(), paths: toJson(paths), summary: toJson(summary), items: toJson(items.slice(0, 5000)) }).execute();
  await audit(store.db, actor, 'leaks.scan', id, { paths: paths.slice(0, 20), ...summary.counts });
  return { id, summary, items };
}
