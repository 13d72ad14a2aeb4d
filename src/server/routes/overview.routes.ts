import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { alertCounts, listAlerts } from '../../alerts/index.ts';
import { loadOrgContext } from '../../org/index.ts';
import { decoysTouchedSince } from '../../sensors/index.ts';
import { trend } from '../../drill/results.ts';
import { trainingTiles } from '../../train/index.ts';
import { intelTiles } from '../../intel/tile.ts';
import type { Db } from '../../store/index.ts';
import type { AppContext } from '../context.ts';
import { route } from '../http.ts';

/** One tile of the morning situation board. */
export interface Tile {
  id: string;
  /** Number shown large; null when the capability has nothing to count yet. */
  value: number | null;
  /** Dashboard path the tile links to. */
  href: string;
  /** Severity colour when the number needs attention. */
  tone?: 'critical' | 'high' | 'medium' | 'ok';
  /** Short series (oldest first) for a sparkline. */
  series?: number[];
}

export type TileProvider = (db: Db) => Promise<Tile[]>;

async function alertsPerDay(db: Db, days: number): Promise<number[]> {
  const since = new Date(Date.now() - days * 86400_000);
  const rows = await db.selectFrom('alerts').select('created_at').where('created_at', '>', since.toISOString()).execute();
  const out = new Array<number>(days).fill(0);
  for (const r of rows) {
    const i = Math.floor((Date.parse(r.created_at) - since.getTime()) / 86400_000);
    if (i >= 0 && i < days) out[i]++;
  }
  return out;
}

const coreTiles: TileProvider = async (db) => {
  const [counts, series, staff] = await Promise.all([
    alertCounts(db),
    alertsPerDay(db, 14),
    db.selectFrom('org_staff').select(sql<number>`count(*)`.as('n')).where('active', '=', 1).executeTakeFirstOrThrow(),
  ]);
  const urgent = counts.open.critical + counts.open.high;
  return [
    { id: 'alerts.open', value: Object.values(counts.open).reduce((a, b) => a + b, 0), href: '/alerts', tone: counts.open.critical ? 'critical' : urgent ? 'high' : 'ok', series },
    { id: 'org.staff', value: Number(staff.n), href: '/organisation' },
  ];
};

const drillTile: TileProvider = async (db) => {
  const points = await trend(db);
  const last = points.at(-1);
  return [{ id: 'drill.phishProne', value: last ? last.phishPronePct : null, href: '/drill', tone: last && last.phishPronePct > 20 ? 'medium' : 'ok', series: points.slice(-8).map((p) => p.phishPronePct) }];
};

const mailTile: TileProvider = async (db) => {
  const since = new Date(Date.now() - 7 * 86400_000).toISOString();
  const r = await db.selectFrom('mail_reports').select(sql<number>`count(*)`.as('n')).where('verdict', '=', 'malicious').where('received_at', '>', since).executeTakeFirstOrThrow();
  return [{ id: 'mail.malicious7d', value: Number(r.n), href: '/mail?verdict=malicious', tone: Number(r.n) > 0 ? 'high' : 'ok' }];
};

const watchTiles: TileProvider = async (db) => {
  const since = new Date(Date.now() - 7 * 86400_000).toISOString();
  const [posts, alerts] = await Promise.all([
    db.selectFrom('watch_posts').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('alerts').select(sql<number>`count(*)`.as('n')).where('source', '=', 'watch').where('created_at', '>', since).executeTakeFirstOrThrow(),
  ]);
  return [
    { id: 'watch.posts', value: Number(posts.n), href: '/watch' },
    { id: 'watch.alerts', value: Number(alerts.n), href: '/watch', tone: Number(alerts.n) > 0 ? 'medium' : 'ok' },
  ];
};

const blurTiles: TileProvider = async (db) => {
  const r = await db.selectFrom('blur_artifacts').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return [{ id: 'blur.decoys', value: Number(r.n), href: '/blur' }];
};

/** Decoys touched in the last 30 days (scanners excluded): each one is a breached mailbox. */
const sensorsTile: TileProvider = async (db) => {
  const n = await decoysTouchedSince(db, new Date(Date.now() - 30 * 86400_000).toISOString());
  return [{ id: 'sensors.decoys_touched', value: n, href: '/sensors', tone: n ? 'critical' : 'ok' }];
};

const domainsTile: TileProvider = async (db) => {
  const since = new Date(Date.now() - 30 * 86400_000).toISOString();
  const r = await db.selectFrom('domain_lookalikes').select(sql<number>`count(*)`.as('n')).where('first_seen', '>', since).executeTakeFirstOrThrow();
  return [{ id: 'domains.lookalikes30d', value: Number(r.n), href: '/domains', tone: Number(r.n) > 0 ? 'high' : 'ok' }];
};

/** Capabilities add their tiles here: one line each. */
export const tileProviders: TileProvider[] = [coreTiles, drillTile, trainingTiles, mailTile, domainsTile, watchTiles, blurTiles, intelTiles, sensorsTile];

export default function overviewRoutes(api: FastifyInstance, ctx: AppContext): void {
  route(api, {
    method: 'GET',
    url: '/overview',
    summary: 'The situation board: alert counts by severity, latest alerts, one tile per capability',
    tag: 'overview',
    access: 'viewer',
    async handler() {
      const [org, counts, recent, tiles] = await Promise.all([
        loadOrgContext(ctx.store.db),
        alertCounts(ctx.store.db),
        listAlerts(ctx.store.db, { limit: 8, status: 'open' }),
        Promise.all(tileProviders.map((p) => p(ctx.store.db).catch(() => [] as Tile[]))).then((t) => t.flat()),
      ]);
      return { org: { name: org.name, protectedDomains: org.protectedDomains, staffCount: org.staff.length }, alerts: counts, recentAlerts: recent, tiles };
    },
  });
}
