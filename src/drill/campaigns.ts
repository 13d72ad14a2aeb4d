import { simpleParser } from '../core/mime.ts';
import { audit, type Actor } from '../access/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors.ts';
import { newId, sha256Hex } from '../core/ids.ts';
import type { SecretBox } from '../core/secrets.ts';
import { loadOrgContext } from '../org/index.ts';
import { fromJson, nowIso, toJson, type Db, type Store } from '../store/index.ts';
import type { CampaignRow } from './repo.ts';
import { spreadSends } from './schedule.ts';
import { loadBuiltinTemplates, templateSchema, withDifficulty, type Template } from './templates.ts';

let builtinCache: Template[] | undefined;
export function builtinTemplates(): Template[] {
  return (builtinCache ??= loadBuiltinTemplates());
}

export async function listTemplates(db: Db): Promise<Template[]> {
  const imported = await db.selectFrom('drill_templates').selectAll().orderBy('created_at').execute();
  return [...builtinTemplates(), ...imported.map((r) => fromJson<Template>(r.data, undefined as unknown as Template)).filter(Boolean)];
}

export async function getTemplate(db: Db, id: string, lang: string): Promise<Template> {
  const builtin = builtinTemplates();
  const t =
    builtin.find((x) => x.id === id && x.lang === lang) ??
    (await db.selectFrom('drill_templates').selectAll().where('id', '=', id).execute())
      .map((r) => fromJson<Template | undefined>(r.data, undefined))
      .filter((x): x is Template => !!x)
      .sort((a) => (a.lang === lang ? -1 : 1))[0] ??
    builtin.find((x) => x.id === id);
  if (!t) throw NotFoundError('drill.template_not_found', `No drill template ${id}`);
  return t;
}

/**
 * Turns a real e-mail (raw RFC 5322) into a template: its links become the tracked link, scripts
 * and forms are removed, the analyst supplies the cues and the premise alignment.
 */
export async function importTemplate(
  store: Store,
  actor: Actor,
  input: { id: string; lang: 'fr' | 'en'; kind: Template['kind']; raw: string; landing: Template['landing']; premiseAlignment: Template['premiseAlignment']; cues: Template['cues'] },
): Promise<Template> {
  if (input.raw.length > 2_000_000) throw ValidationError('drill.template_too_large', 'The e-mail to import is larger than 2 MB');
  const mail = await simpleParser(input.raw, { skipImageLinks: true, maxHtmlLengthToParse: 1_000_000 });
  const htmlSource = typeof mail.html === 'string' && mail.html ? mail.html : `<p>${(mail.text ?? '').replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!).replace(/\n/g, '<br>')}</p>`;
  const html = htmlSource
    .replace(/<script[\s\S]*?<\/script>/gi, '')
    .replace(/<form[\s\S]*?<\/form>/gi, '')
    .replace(/\son\w+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '')
    .replace(/href\s*=\s*("[^"]*"|'[^']*')/gi, 'href="{{link}}"');
  const from = mail.from?.value[0];
  const parsed = templateSchema.safeParse({
    id: input.id,
    lang: input.lang,
    kind: input.kind,
    name: mail.subject?.slice(0, 200) || input.id,
    subject: mail.subject || '(sans objet)',
    fromName: from?.name || 'Information',
    fromLocal: from?.address?.split('@')[0] || 'info',
    impersonates: false,
    landing: input.landing,
    premiseAlignment: input.premiseAlignment,
    cues: input.cues,
    html,
  });
  if (!parsed.success) throw ValidationError('drill.bad_template', `${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
  const t = withDifficulty(parsed.data, 'imported');
  await store.transaction(async (trx) => {
    if (builtinTemplates().some((b) => b.id === t.id)) throw ConflictError('drill.template_exists', `Template id ${t.id} is a built-in template`);
    await trx.deleteFrom('drill_templates').where('id', '=', t.id).where('lang', '=', t.lang).execute();
    await trx.insertInto('drill_templates').values({ id: t.id, lang: t.lang, kind: t.kind, data: toJson(t), created_by: actor.label, created_at: nowIso() }).execute();
    await audit(trx, actor, 'drill.template_import', t.id, { lang: t.lang, kind: t.kind });
  });
  return t;
}

export async function setExemption(store: Store, actor: Actor, email: string, exempt: boolean, reason?: string): Promise<void> {
  const e = email.trim().toLowerCase();
  await store.transaction(async (trx) => {
    await trx.deleteFrom('drill_exemptions').where('email', '=', e).execute();
    if (exempt) await trx.insertInto('drill_exemptions').values({ email: e, reason: reason ?? null, created_at: nowIso() }).execute();
    await audit(trx, actor, exempt ? 'drill.exempt' : 'drill.unexempt', e);
  });
}

/** Records that a colleague agreed to have their name used in impersonation drills. */
export async function setConsent(store: Store, actor: Actor, email: string, consent: boolean): Promise<void> {
  const e = email.trim().toLowerCase();
  await store.transaction(async (trx) => {
    await trx.deleteFrom('drill_consents').where('email', '=', e).execute();
    if (consent) await trx.insertInto('drill_consents').values({ email: e, created_at: nowIso() }).execute();
    await audit(trx, actor, consent ? 'drill.consent' : 'drill.consent_withdrawn', e);
  });
}

export interface LaunchInput {
  name: string;
  templateId: string;
  lang?: 'fr' | 'en';
  /** Department from the staff directory; all active staff when absent. */
  group?: string;
  windowStart: string;
  windowEnd: string;
  hours?: string;
  tz?: string;
  ratePerMinute?: number;
  /** Domain the lures are sent from (one the organisation controls for drills). */
  senderDomain: string;
  /** Colleague whose name impersonation templates use; must have consented. */
  impersonate?: string;
  anonymous?: boolean;
}

export interface LaunchResult {
  campaign: CampaignRow;
  recipients: number;
  skipped: Array<{ email: string; reason: 'exempt' | 'outside-allow-list' | 'impersonated' }>;
}

export function trackingToken(box: SecretBox, recipientId: string): string {
  return box.mac(`drill:${recipientId}`);
}

/** Creates a campaign and schedules one send per target; nothing is sent outside the allow-list. */
export async function launchCampaign(store: Store, box: SecretBox, actor: Actor, input: LaunchInput, random: () => number = Math.random): Promise<LaunchResult> {
  const org = await loadOrgContext(store.db);
  if (org.protectedDomains.length === 0) throw ValidationError('drill.no_allow_list', 'Add the organisation’s domains first (rempart org domains add): drills only go to them');
  const template = await getTemplate(store.db, input.templateId, input.lang ?? 'fr');
  const start = new Date(input.windowStart);
  const end = new Date(input.windowEnd);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) throw ValidationError('drill.bad_window', 'windowStart and windowEnd must be ISO dates');
  let impersonated: string | null = null;
  if (template.impersonates) {
    if (!input.impersonate) throw ValidationError('drill.impersonation_needs_colleague', `Template ${template.id} impersonates a colleague: choose one with --impersonate`);
    impersonated = input.impersonate.trim().toLowerCase();
    if (!org.staff.some((s) => s.email === impersonated)) throw ValidationError('drill.unknown_colleague', `${impersonated} is not in the staff directory`);
    const consent = await store.db.selectFrom('drill_consents').select('email').where('email', '=', impersonated).executeTakeFirst();
    if (!consent) throw ValidationError('drill.no_consent', `${impersonated} has not consented to being impersonated (rempart drill consent ${impersonated})`);
  }
  const exempt = new Set((await store.db.selectFrom('drill_exemptions').select('email').execute()).map((r) => r.email));
  const allow = new Set(org.protectedDomains);
  const skipped: LaunchResult['skipped'] = [];
  const targets = org.staff.filter((s) => {
    if (input.group && (s.department ?? '').toLowerCase() !== input.group.toLowerCase()) return false;
    const domain = s.email.split('@')[1];
    if (!allow.has(domain)) return skipped.push({ email: s.email, reason: 'outside-allow-list' }), false;
    if (exempt.has(s.email)) return skipped.push({ email: s.email, reason: 'exempt' }), false;
    if (s.email === impersonated) return skipped.push({ email: s.email, reason: 'impersonated' }), false;
    return true;
  });
  if (targets.length === 0) throw ValidationError('drill.no_targets', 'No staff member matches this group after exemptions and the allow-list');
  let times: Date[];
  try {
    times = spreadSends(targets.length, { start, end, hours: input.hours ?? '09:00-18:00', tz: input.tz ?? 'Europe/Paris' }, random);
  } catch (e) {
    throw ValidationError('drill.bad_window', (e as Error).message);
  }
  // Shuffle so that the directory order does not decide who gets the lure first.
  const order = targets.map((t, i) => ({ t, k: random() + i * 0 })).sort((a, b) => a.k - b.k).map((x) => x.t);
  const campaign: CampaignRow = {
    id: newId(),
    name: input.name.slice(0, 200),
    template_id: template.id,
    lang: template.lang,
    group_name: input.group ?? null,
    status: 'running',
    anonymous: input.anonymous ? 1 : 0,
    sender_domain: input.senderDomain.toLowerCase(),
    impersonated_email: impersonated,
    window_start: start.toISOString(),
    window_end: end.toISOString(),
    hours: input.hours ?? '09:00-18:00',
    tz: input.tz ?? 'Europe/Paris',
    rate_per_minute: Math.max(1, Math.min(input.ratePerMinute ?? 60, 10_000)),
    created_by: actor.label,
    created_at: nowIso(),
  };
  await store.transaction(async (trx) => {
    await trx.insertInto('drill_campaigns').values(campaign).execute();
    const rows = order.map((s, i) => {
      const id = newId();
      return {
        id,
        campaign_id: campaign.id,
        token_hash: sha256Hex(trackingToken(box, id)),
        email: s.email,
        full_name: s.fullName,
        department: s.department ?? null,
        lang: s.lang ?? template.lang,
        stage: 0,
        scheduled_at: times[i].toISOString(),
        locked_until: null,
        attempts: 0,
        last_error: null,
        message_id: null,
        sent_at: null,
        opened_at: null,
        clicked_at: null,
        submitted_at: null,
        reported_at: null,
        attachment_opened_at: null,
        scanner_clicks: 0,
      };
    });
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto('drill_recipients').values(rows.slice(i, i + 500)).execute();
    await audit(trx, actor, 'drill.launch', campaign.id, { name: campaign.name, template: template.id, recipients: rows.length, group: campaign.group_name, impersonated });
  });
  return { campaign, recipients: order.length, skipped };
}

export async function getCampaign(db: Db, id: string): Promise<CampaignRow> {
  const c = await db.selectFrom('drill_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) throw NotFoundError('drill.campaign_not_found', `No drill campaign ${id}`);
  return c;
}

export async function listCampaigns(db: Db): Promise<CampaignRow[]> {
  return db.selectFrom('drill_campaigns').selectAll().orderBy('created_at', 'desc').execute();
}

export async function cancelCampaign(store: Store, actor: Actor, id: string): Promise<void> {
  await store.transaction(async (trx) => {
    await getCampaign(trx, id);
    await trx.updateTable('drill_campaigns').set({ status: 'cancelled' }).where('id', '=', id).execute();
    await audit(trx, actor, 'drill.cancel', id);
  });
}
