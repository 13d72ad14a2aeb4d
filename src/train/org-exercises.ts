import { z } from 'zod';
import { audit, type Actor } from '../access/index.ts';
import { NotFoundError, ValidationError } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { Lang } from '../core/i18n.ts';
import type { OrgContext } from '../org/index.ts';
import { fromJson, toJson, type Db, type Store } from '../store/index.ts';
import { disarmEmailHtml } from './disarm.ts';
import type { Exercise } from './exercises.ts';
import type { TrainOrgExercisesTable } from './repo.ts';
import { SIGNAL_CUES, SIGNAL_IDS, type SignalId } from './signal-ids.ts';

/** Largest email body accepted; disarming bounds the rest. */
const MAX_HTML = 512 * 1024;
/** Org exercises mixed into one assignment, after the built-in ones. */
export const ORG_EXERCISES_PER_ASSIGNMENT = 2;

export const orgExerciseSchema = z.object({
  lang: z.enum(['fr', 'en']).default('fr'),
  source: z.enum(['triage', 'drill']),
  verdict: z.enum(['phish', 'legit']),
  from: z.string().min(3).max(300),
  to: z.string().min(3).max(300),
  subject: z.string().min(1).max(300),
  date: z.string().datetime({ offset: true }),
  html: z.string().min(1).max(MAX_HTML),
  attachments: z.array(z.string().min(1).max(200)).max(20).default([]),
  authResults: z.string().max(300).optional(),
  /** Mail-triage signals the message raised; each becomes a cue with a standard explanation. */
  signals: z.array(z.enum(SIGNAL_IDS)).max(20).default([]),
  /** Extra cues a person noticed. */
  notes: z.array(z.string().min(5).max(400)).max(5).default([]),
  explanation: z.string().min(10).max(800),
  sets: z.array(z.string().regex(/^[a-z0-9-]{2,60}$/)).max(10).optional(),
});
export type OrgExerciseInput = z.input<typeof orgExerciseSchema>;

/** The set an exercise belongs to when nobody says: derived from what caught it. */
function setsFromSignals(signals: SignalId[]): string[] {
  const sets = new Set<string>(['general']);
  for (const s of signals) {
    if (s === 'attachments.double_extension') sets.add('attachments');
    if (s === 'links.text_href_mismatch' || s === 'sender.lookalike_domain') sets.add('links');
    if (s === 'html.password_form' || s === 'auth.dmarc_fail') sets.add('credentials');
    if (s === 'sender.staff_impersonation') sets.add('impersonation');
  }
  return [...sets];
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces every staff member's name and address with a stable pseudonym ("Personne 3",
 * personne.3@ the same domain): an exercise built from a real report must not tell colleagues who was
 * targeted. Domains are kept because they are what the exercise teaches.
 */
export function anonymise(texts: string[], org: Pick<OrgContext, 'staff'>, lang: Lang): string[] {
  const word = lang === 'fr' ? 'Personne' : 'Person';
  const pairs: Array<[RegExp, string]> = [];
  const single: Array<[RegExp, string]> = [];
  const alone = (w: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(w)}(?![\\p{L}\\p{N}])`, 'gu');
  org.staff.forEach((p, i) => {
    const n = i + 1;
    for (const addr of [p.email, ...p.aliases]) {
      const at = addr.lastIndexOf('@');
      // The local part goes at any domain: an attacker's thomas.roux@lookalike.example names Thomas too.
      if (at >= 3) pairs.push([new RegExp(`(?<![\\w.+-])${escapeRe(addr.slice(0, at))}@`, 'gi'), `${word.toLowerCase()}.${n}@`]);
    }
    const name = p.fullName.trim();
    if (name.length >= 3) pairs.push([new RegExp(escapeRe(name).replace(/\s+/g, '\\s+'), 'giu'), `${word} ${n}`]);
    // First or last name on its own ("Bonjour Léa"), capitalised as written, so that a word that
    // happens to be a name in lower case is left alone.
    for (const part of name.split(/\s+/)) if (part.length >= 3) single.push([alone(part), `${word} ${n}`]);
  });
  pairs.push(...single);
  return texts.map((t) => pairs.reduce((acc, [re, to]) => acc.replace(re, to), t));
}

function toExercise(r: TrainOrgExercisesTable): Exercise {
  const lang: Lang = r.lang === 'en' ? 'en' : 'fr';
  return {
    id: r.id,
    lang,
    sets: fromJson<string[]>(r.sets, []),
    verdict: r.verdict,
    from: r.sender,
    to: r.recipient,
    subject: r.subject,
    date: r.sent_at,
    attachments: fromJson<string[]>(r.attachments, []),
    authResults: r.auth_results ?? undefined,
    cues: fromJson<Exercise['cues']>(r.cues, []),
    explanation: r.explanation,
    rawHtml: '',
    safeHtml: r.safe_html,
    disarm: { links: [], blockedImages: [], removedElements: {}, formFields: [], truncated: false },
    file: `org:${r.id}`,
  };
}

/** Turns a triaged report or a drill template into an exercise: anonymised, disarmed, cues from its signals. */
export async function addOrgExercise(store: Store, actor: Actor, input: OrgExerciseInput, org: Pick<OrgContext, 'staff'>): Promise<Exercise> {
  const parsed = orgExerciseSchema.safeParse(input);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw ValidationError('train.bad_exercise', `Invalid exercise field "${i.path.join('.')}": ${i.message}`);
  }
  const p = parsed.data;
  const [from, to, subject, html, ...attachments] = anonymise([p.from, p.to, p.subject, p.html, ...p.attachments], org, p.lang);
  const signals = [...new Set(p.signals)];
  if (p.verdict === 'phish' && signals.length === 0 && p.notes.length === 0) throw ValidationError('train.bad_exercise', 'A phishing exercise needs at least one signal or note as a cue');
  const cues: Exercise['cues'] = [...signals.map((s) => ({ signal: s, text: SIGNAL_CUES[s][p.lang] })), ...p.notes.map((text) => ({ text }))];
  if (cues.length === 0) cues.push({ text: p.lang === 'fr' ? 'Rien d’anormal : expéditeur, liens et demande sont cohérents.' : 'Nothing unusual: sender, links and request are consistent.' });
  const row: TrainOrgExercisesTable = {
    id: `org-${newId()}`,
    lang: p.lang,
    source: p.source,
    sets: toJson(p.sets ?? setsFromSignals(signals)),
    verdict: p.verdict,
    sender: from,
    recipient: to,
    subject,
    sent_at: new Date(p.date).toISOString(),
    attachments: toJson(attachments),
    auth_results: p.authResults ?? null,
    cues: toJson(cues),
    explanation: p.explanation,
    safe_html: disarmEmailHtml(html, p.lang).html,
    created_by: actor.label,
    created_at: new Date().toISOString(),
  };
  await store.transaction(async (trx) => {
    await trx.insertInto('train_org_exercises').values(row).execute();
    await audit(trx, actor, 'train.exercise_add', row.id, { source: row.source, verdict: row.verdict });
  });
  return toExercise(row);
}

/** The organisation's exercises in one language, newest first; only those of `set` when given. */
export async function listOrgExercises(db: Db, lang: Lang, set?: string, limit = 200): Promise<Exercise[]> {
  const rows = await db.selectFrom('train_org_exercises').selectAll().where('lang', '=', lang).orderBy('id', 'desc').limit(Math.min(limit, 1000)).execute();
  const list = rows.map(toExercise);
  return set ? list.filter((x) => x.sets.includes(set)) : list;
}

export async function removeOrgExercise(store: Store, actor: Actor, id: string): Promise<void> {
  await store.transaction(async (trx) => {
    const r = await trx.deleteFrom('train_org_exercises').where('id', '=', id).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw NotFoundError('train.exercise_not_found', `No organisation exercise ${id}`);
    await audit(trx, actor, 'train.exercise_remove', id);
  });
}
