import type { Db } from '../store/index.ts';

/** Situation-board tiles: lessons overdue, and the completion rate of assignments. Same shape as the overview's Tile. */
export async function trainingTiles(db: Db): Promise<Array<{ id: string; value: number | null; href: string; tone?: 'critical' | 'high' | 'medium' | 'ok' }>> {
  const now = new Date().toISOString();
  const rows = await db.selectFrom('train_assignments').select(['status', 'due_at']).where('status', '!=', 'cancelled').execute();
  const overdue = rows.filter((r) => r.status === 'assigned' && r.due_at < now).length;
  const completed = rows.filter((r) => r.status === 'completed').length;
  return [
    { id: 'train.overdue', value: overdue, href: '/training', tone: overdue > 0 ? 'medium' : 'ok' },
    { id: 'train.completion', value: rows.length ? Math.round((100 * completed) / rows.length) : null, href: '/training' },
  ];
}
