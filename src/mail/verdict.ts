import type { Lang } from '../core/i18n.ts';
import { analyse } from './analysis.ts';
import { parseMessage, type ParsedMessage } from './parse/parse.ts';
import { attachmentSignals, sniff } from './signals/attachments.ts';
import { authSignals } from './signals/auth.ts';
import { domainSignals } from './signals/domains.ts';
import { htmlSignals } from './signals/html.ts';
import { languageSignals } from './signals/language.ts';
import { linkSignals } from './signals/links.ts';
import { senderSignals } from './signals/sender.ts';
import type { Analysis, SignalFamily, TriageContext } from './signals/types.ts';
import { SIGNALS, THRESHOLDS, type SignalId } from './weights.ts';
import { loadContentModel, scoreContent } from './content-model.ts';
import { detectLanguage } from './language-id.ts';
import { liveAuthHits } from './live-auth.ts';
import { isOutlookMsg } from './parse/msg.ts';
import { tokensOf } from './tokens.ts';

/**
 * Words the content model reads: the message's words plus which rules fired (not the
 * authentication ones: their absence in an archive is no evidence, so the model must not learn it).
 */
export function modelTokens(a: Analysis, ruleHits: Array<{ id: string }>): Set<string> {
  const t = tokensOf(a);
  for (const h of ruleHits) if (!h.id.startsWith('auth.') && !h.id.startsWith('content.')) t.add(`rule:${h.id}`);
  return t;
}

export function ruleHits(a: Analysis, ctx: TriageContext) {
  return RULE_FAMILIES.flatMap((f) => f(a, ctx));
}

/** Content-model probabilities where its signals start (their weights are in weights.ts). */
const CONTENT_TIERS = { strong: 0.95, likely: 0.6, legit: 0.1 } as const;

/** Languages the organisation writes in when it does not say: Rempart is French first. */
export const DEFAULT_ORG_LANGUAGES = ['fr', 'en'];

/**
 * What the content model may read of a message. Its words are left out when the message is in one
 * of the organisation's own languages and the model has never seen legitimate mail in it: a model
 * that learnt French only from French phishing would call every French message phishing. Only the
 * language-neutral features (`rule:`, `tld:`, `maildomain:`; words never hold a colon) remain then.
 */
export function contentTokens(a: Analysis, rules: Array<{ id: string }>, orgLanguages: string[], hamLanguages: string[]): { tokens: Set<string>; lang: string; wordsJudged: boolean } {
  const tokens = modelTokens(a, rules);
  const lang = detectLanguage(a.visibleText);
  if (lang === 'und' || hamLanguages.includes(lang) || !orgLanguages.includes(lang)) return { tokens, lang, wordsJudged: true };
  return { tokens: new Set([...tokens].filter((t) => t.includes(':'))), lang, wordsJudged: false };
}

/** The learned content model: strong either way, silent in between. */
function contentHits(a: Analysis, rules: Array<{ id: string }>, ctx: TriageContext): Array<{ id: SignalId; evidence: string }> {
  const model = ctx.contentModel === undefined ? loadContentModel() : ctx.contentModel;
  if (!model) return [];
  const { tokens, lang, wordsJudged } = contentTokens(a, rules, ctx.org.languages ?? DEFAULT_ORG_LANGUAGES, model.hamLanguages);
  const { probability, telling } = scoreContent(model, tokens);
  const evidence = `p=${probability.toFixed(3)}: ${telling.map(([w]) => w).join(', ')}${wordsJudged ? '' : ` (wording in « ${lang} » not judged: no legitimate mail in that language was learnt)`}`;
  // Without the words, what the model saw is the message's technical make-up, and it says so.
  if (probability >= CONTENT_TIERS.strong) return [{ id: wordsJudged ? 'content.model_strong' : 'content.shape_strong', evidence }];
  if (probability >= CONTENT_TIERS.likely) return [{ id: wordsJudged ? 'content.model_likely' : 'content.shape_likely', evidence }];
  if (probability <= CONTENT_TIERS.legit) return [{ id: 'content.model_legit', evidence }];
  return [];
}

/** Every family of rule signals, in one list. Adding a family is a file and a line here. */
export const RULE_FAMILIES: SignalFamily[] = [authSignals, senderSignals, domainSignals, linkSignals, htmlSignals, attachmentSignals, languageSignals];

const ORDER = Object.keys(SIGNALS);

export type VerdictLabel = 'malicious' | 'suspicious' | 'clean';

export interface Signal {
  id: SignalId;
  weight: number;
  evidence: string;
  fr: string;
  en: string;
}

export interface Indicators {
  domains: string[];
  urls: string[];
  ips: string[];
  addresses: string[];
  hashes: string[];
}

/** An attachment as the dashboard lists it: the name it claims, what its bytes say it is, its hash. */
export interface AttachmentSummary {
  name: string;
  /** The declared MIME type. */
  mimeType: string;
  /** What the first bytes say (exe, ole, pdf, zip…), whatever the name claims. */
  kind: string;
  size: number;
  sha256: string;
}

export interface Verdict {
  messageId: string | null;
  subject: string;
  from: string;
  verdict: VerdictLabel;
  score: number;
  /** Strongest first. */
  signals: Signal[];
  indicators: Indicators;
  /** Every attachment, in message order (at most MAX_LISTED_ATTACHMENTS). */
  attachments: AttachmentSummary[];
  action: { fr: string; en: string };
}

/** Attachments listed on a verdict; the hashes of all of them still go to the indicators. */
const MAX_LISTED_ATTACHMENTS = 100;

/**
 * One lure is weak alone and ordinary mail uses its words too: a single lure category counts in
 * full only with a technical sign (a sender, link, HTML or attachment signal). Several lure
 * categories together (urgency + payment + "dear friend") are the shape of a scam and count fully.
 */
const CONTENT_ONLY_FACTOR = 0.5;

export function scoreSignals(hits: Array<{ id: SignalId }>): number {
  const lures = hits.filter((h) => h.id.startsWith('language.')).length;
  const technical = lures >= 2 || hits.some((h) => !h.id.startsWith('language.') && !h.id.startsWith('content.'));
  let total = 0;
  for (const h of hits) total += SIGNALS[h.id].weight * (h.id.startsWith('language.') && !technical ? CONTENT_ONLY_FACTOR : 1);
  return Math.max(0, Math.min(100, Math.round(total)));
}

function indicatorsOf(a: Analysis): Indicators {
  const urls = [...new Set(a.links.map((l) => l.href).filter((h) => /^https?:/i.test(h)))].slice(0, 200);
  const hosts = new Set<string>();
  if (a.fromDomain) hosts.add(a.fromDomain);
  for (const l of a.links) if (l.host) hosts.add(l.host);
  const ips = [...hosts].filter((h) => /^\d{1,3}(\.\d{1,3}){3}$/.test(h) || h.includes(':'));
  const addresses = [...new Set([a.fromAddress, ...a.msg.replyTo.map((r) => r.address), a.msg.returnPath ?? ''].filter(Boolean))];
  return { domains: [...hosts].filter((h) => !ips.includes(h)).slice(0, 200), urls, ips, addresses, hashes: a.msg.attachments.map((x) => x.sha256) };
}

/** What to do, in words a non-specialist acts on, for each verdict. */
export const ACTIONS: Record<VerdictLabel, { fr: string; en: string }> = {
  malicious: {
    fr: 'Ne cliquez sur rien, n’ouvrez aucune pièce jointe. Supprimez le message ; si vous avez saisi un mot de passe, changez-le tout de suite et prévenez l’équipe sécurité.',
    en: 'Do not click anything or open any attachment. Delete the message; if you typed a password, change it now and tell the security team.',
  },
  suspicious: {
    fr: 'Ne cliquez pas avant d’avoir vérifié auprès de l’expéditeur par un autre moyen (téléphone, message direct).',
    en: 'Do not click before checking with the sender another way (phone, direct message).',
  },
  clean: { fr: 'Aucun signe d’hameçonnage détecté. Restez attentif aux demandes inhabituelles.', en: 'No sign of phishing found. Stay alert to unusual requests.' },
};

/** Judges a parsed message; `extra` carries hits found outside the message (live authentication checks). */
export function judge(msg: ParsedMessage, ctx: TriageContext, extra: Array<{ id: SignalId; evidence: string }> = []): Verdict {
  const a = analyse(msg);
  const rules = ruleHits(a, ctx);
  const hits = [...rules, ...extra, ...contentHits(a, rules, ctx)];
  // One hit per signal id: the evidence of the first.
  const unique = hits.filter((h, i) => hits.findIndex((x) => x.id === h.id) === i);
  const score = scoreSignals(unique);
  const verdict: VerdictLabel = score >= THRESHOLDS.malicious ? 'malicious' : score >= THRESHOLDS.suspicious ? 'suspicious' : 'clean';
  const signals = unique
    .map((h) => ({ id: h.id, weight: SIGNALS[h.id].weight, evidence: h.evidence, fr: SIGNALS[h.id].fr, en: SIGNALS[h.id].en }))
    // Equal weights keep the table's order: who sent it, then where links go, then what is attached.
    .sort((x, y) => y.weight - x.weight || ORDER.indexOf(x.id) - ORDER.indexOf(y.id))
    .filter((x) => x.weight > 0 || score < THRESHOLDS.suspicious);
  return {
    messageId: msg.messageId,
    subject: msg.subject,
    from: msg.from ? (msg.from.name ? `${msg.from.name} <${msg.from.address}>` : msg.from.address) : '',
    verdict,
    score,
    signals,
    indicators: indicatorsOf(a),
    attachments: msg.attachments
      .slice(0, MAX_LISTED_ATTACHMENTS)
      .map((x) => ({ name: x.filename.slice(0, 300), mimeType: x.mimeType.slice(0, 100), kind: sniff(x.content, x.filename), size: x.size, sha256: x.sha256 })),
    action: ACTIONS[verdict],
  };
}

/** Parses and judges one raw message. Throws RempartError on unparseable or oversize input. */
export async function triage(raw: Uint8Array | string, ctx: TriageContext): Promise<Verdict> {
  const msg = await parseMessage(raw);
  if (!ctx.liveAuth) return judge(msg, ctx);
  const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
  // A .msg was rebuilt from Outlook's properties: its signatures cannot be checked again.
  const live = isOutlookMsg(bytes)
    ? [{ id: 'auth.live_unavailable' as const, evidence: 'Outlook .msg: the original bytes are not kept, signatures cannot be re-verified' }]
    : await liveAuthHits(bytes, ctx.liveAuth).catch((e: Error) => [{ id: 'auth.live_unavailable' as const, evidence: e.message.slice(0, 200) }]);
  return judge(msg, ctx, live);
}

export function explain(v: Verdict, lang: Lang): string[] {
  return v.signals.map((s) => `${lang === 'fr' ? s.fr : s.en} — ${s.evidence}`);
}
