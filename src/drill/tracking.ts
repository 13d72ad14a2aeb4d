import { newId, sha256Hex } from '../core/ids.ts';
import { nowIso, toJson, type Store } from '../store/index.ts';
import type { RecipientRow } from './repo.ts';

export type TrackKind = 'open' | 'fetch' | 'human' | 'submit' | 'report' | 'attachment';

/**
 * Mail security gateways and link previews fetch links before people do. Their user agents are
 * recorded as scanner clicks straight away; anything else that fetches without running the page's
 * script or interacting with it also stays a scanner click.
 */
const SCANNER_UA = /(bot|crawler|spider|preview|slurp|facebookexternalhit|proofpoint|mimecast|barracuda|safelinks|symantec|trendmicro|fortiguard|urlscan|python-requests|curl|wget|go-http-client|java\/|okhttp|libwww|httpclient|headlesschrome|phantomjs)/i;

export function looksLikeScanner(userAgent: string | undefined): boolean {
  return !userAgent || SCANNER_UA.test(userAgent);
}

export async function findRecipientByToken(store: Store, token: string): Promise<RecipientRow | undefined> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return undefined;
  return store.db.selectFrom('drill_recipients').selectAll().where('token_hash', '=', sha256Hex(token)).executeTakeFirst();
}

export interface TrackMeta {
  ip: string | null;
  userAgent: string | null;
  /** For submissions: names of the fields present. Never their values. */
  fields?: string[];
}

export interface TrackOutcome {
  recipient: RecipientRow;
  /** True the first time this step is reached for the recipient (for follow-up actions). */
  firstTime: boolean;
}

/**
 * Records a tracking event. Stages only move forward (queued → sent → opened → clicked →
 * submitted) and each timestamp is set once, so replayed requests never double count.
 */
export async function track(store: Store, recipient: RecipientRow, kind: TrackKind, meta: TrackMeta): Promise<TrackOutcome> {
  const at = nowIso();
  return store.transaction(async (trx) => {
    const r = await trx.selectFrom('drill_recipients').selectAll().where('id', '=', recipient.id).executeTakeFirstOrThrow();
    const set: Partial<RecipientRow> = {};
    let firstTime = false;
    const scanner = looksLikeScanner(meta.userAgent ?? undefined);
    switch (kind) {
      case 'open':
        if (!r.opened_at) {
          set.opened_at = at;
          firstTime = true;
        }
        set.stage = Math.max(r.stage, 2);
        break;
      case 'fetch':
        // Counted as a scanner click until the page's script or an interaction proves a person.
        set.scanner_clicks = r.scanner_clicks + 1;
        break;
      case 'human':
        if (!r.clicked_at) {
          set.clicked_at = at;
          set.scanner_clicks = Math.max(0, r.scanner_clicks - 1);
          firstTime = true;
        }
        set.stage = Math.max(r.stage, 3);
        set.opened_at = r.opened_at ?? at;
        break;
      case 'submit':
        if (!r.submitted_at) {
          set.submitted_at = at;
          firstTime = true;
        }
        if (!r.clicked_at) {
          set.clicked_at = at;
          set.scanner_clicks = Math.max(0, r.scanner_clicks - 1);
        }
        set.opened_at = r.opened_at ?? at;
        set.stage = Math.max(r.stage, 4);
        break;
      case 'report':
        if (!r.reported_at) {
          set.reported_at = at;
          firstTime = true;
        }
        break;
      case 'attachment':
        if (!r.attachment_opened_at) {
          set.attachment_opened_at = at;
          firstTime = true;
        }
        set.opened_at = r.opened_at ?? at;
        set.stage = Math.max(r.stage, 2);
        break;
      default: {
        const never: never = kind;
        throw new Error(`unknown tracking kind ${String(never)}`);
      }
    }
    // A stage can only be reached once the mail was sent; a token seen before sending is ignored.
    if (r.stage === 0 && kind !== 'report') return { recipient: r, firstTime: false };
    if (Object.keys(set).length) await trx.updateTable('drill_recipients').set(set).where('id', '=', r.id).execute();
    await trx
      .insertInto('drill_events')
      .values({
        id: newId(),
        campaign_id: r.campaign_id,
        recipient_id: r.id,
        kind: kind === 'fetch' ? (scanner ? 'scanner_click' : 'link_fetch') : kind,
        at,
        ip: meta.ip?.slice(0, 64) ?? null,
        user_agent: meta.userAgent?.slice(0, 300) ?? null,
        details: meta.fields ? toJson({ fields: meta.fields.slice(0, 20).map((f) => f.slice(0, 40)) }) : null,
      })
      .execute();
    return { recipient: { ...r, ...set }, firstTime };
  });
}

/** Finds the drill recipient behind a reported message (its Message-ID or the X-Rempart-Drill header), for the report mailbox. */
export async function findRecipientByMessageId(store: Store, messageId: string): Promise<RecipientRow | undefined> {
  const m = /drill\.([0-9a-f]{32})@/i.exec(messageId);
  if (!m) return undefined;
  return store.db.selectFrom('drill_recipients').selectAll().where('id', '=', m[1]).executeTakeFirst();
}
