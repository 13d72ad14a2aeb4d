import { systemActor } from '../access/index.ts';
import type { Store } from '../store/index.ts';
import type { SecretBox } from '../core/secrets.ts';
import { launchCampaign, setConsent } from './campaigns.ts';
import { track } from './tracking.ts';

/**
 * The April 2017 drill of the demo: the "protect yourself" lure in the digital director's name,
 * sent to everyone, with a plausible funnel (a third clicked, some typed a password, a few reported).
 */
export async function loadDrillDemo(store: Store, box: SecretBox): Promise<string> {
  const existing = await store.db.selectFrom('drill_campaigns').select('id').where('name', '=', 'Exercice avril 2017 – « protégez-vous »').executeTakeFirst();
  if (existing) return 'drill: April 2017 campaign already there';
  await setConsent(store, systemActor, 'mounir.mahjoubi@en-marche.fr', true);
  const c = await launchCampaign(
    store,
    box,
    systemActor,
    {
      name: 'Exercice avril 2017 – « protégez-vous »',
      templateId: 'alerte-securite',
      impersonate: 'mounir.mahjoubi@en-marche.fr',
      senderDomain: 'en-marche-securite.fr',
      windowStart: '2017-04-10T07:00:00Z',
      windowEnd: '2017-04-12T16:00:00Z',
    },
    seeded(2017),
  );
  const rows = await store.db.selectFrom('drill_recipients').selectAll().where('campaign_id', '=', c.campaign.id).orderBy('id').execute();
  const rnd = seeded(44);
  const delays = seeded(45);
  for (const r of rows) {
    await store.db.updateTable('drill_recipients').set({ stage: 1, sent_at: r.scheduled_at, message_id: `<drill.${r.id}@en-marche-securite.fr>` }).where('id', '=', r.id).execute();
    const sent = { ...r, stage: 1 };
    const ua = { ip: '192.0.2.10', userAgent: 'Mozilla/5.0 (Windows NT 10.0) Outlook' };
    const x = rnd();
    if (x < 0.75) await track(store, sent, 'open', ua);
    if (x < 0.35) await track(store, sent, 'human', ua);
    if (x < 0.15) await track(store, sent, 'submit', { ...ua, fields: ['username', 'password'] });
    if (x > 0.8) await track(store, sent, 'report', ua);
    await backdate(store, r.id, Date.parse(r.scheduled_at), delays);
  }
  // The window closed in April 2017: the demo campaign is over.
  await store.db.updateTable('drill_campaigns').set({ status: 'completed' }).where('id', '=', c.campaign.id).execute();
  return `drill: April 2017 campaign, ${rows.length} recipients`;
}

/**
 * Tracking stamps the time of the call; in the demo every step would then happen today, years
 * after the 2017 sends. Moves each recorded step to a plausible delay after its send instead
 * (opens within the hour, clicks minutes later, reports within the morning), keeping the order.
 */
async function backdate(store: Store, id: string, sentMs: number, rnd: () => number): Promise<void> {
  const r = await store.db.selectFrom('drill_recipients').select(['opened_at', 'clicked_at', 'submitted_at', 'reported_at', 'attachment_opened_at']).where('id', '=', id).executeTakeFirstOrThrow();
  const opened = sentMs + (2 + rnd() * 55) * 60_000;
  const clicked = opened + (0.5 + rnd() * 9) * 60_000;
  const submitted = clicked + (0.5 + rnd() * 3) * 60_000;
  const reported = opened + (5 + rnd() * 180) * 60_000;
  const iso = (set: string | null, ms: number) => (set ? new Date(ms).toISOString() : null);
  await store.db
    .updateTable('drill_recipients')
    .set({
      opened_at: iso(r.opened_at, opened),
      clicked_at: iso(r.clicked_at, clicked),
      submitted_at: iso(r.submitted_at, submitted),
      reported_at: iso(r.reported_at, reported),
      attachment_opened_at: iso(r.attachment_opened_at, clicked),
    })
    .where('id', '=', id)
    .execute();
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
