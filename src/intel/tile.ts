import { sql } from 'kysely';
import type { Db } from '../store/index.ts';

/** Counts for the situation board: live indicators, and intrusion sets known. */
export async function intelCounts(db: Db): Promise<{ indicators: number; groups: number; addedThisWeek: number }> {
  const now = new Date();
  const weekAgo = new Date(now.getTime() - 7 * 86400_000).toISOString();
  const live = await db
    .selectFrom('intel_indicators')
    .select([sql<number>`count(*)`.as('n'), sql<number>`sum(case when created_at > ${weekAgo} then 1 else 0 end)`.as('week')])
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', now.toISOString())]))
    .executeTakeFirstOrThrow();
  const groups = await db.selectFrom('intel_objects').select(sql<number>`count(*)`.as('n')).where('type', '=', 'intrusion-set').executeTakeFirstOrThrow();
  return { indicators: Number(live.n), groups: Number(groups.n), addedThisWeek: Number(live.week ?? 0) };
}

/** The intel tiles of the situation board (shape of the server's Tile). */
export async function intelTiles(db: Db): Promise<Array<{ id: string; value: number | null; href: string }>> {
  const c = await intelCounts(db);
  return [
    { id: 'intel.indicators', value: c.indicators, href: '/intel' },
    { id: 'intel.groups', value: c.groups || null, href: '/intel/actors' },
  ];
}
