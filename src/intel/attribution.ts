import type { Group, Knowledge } from './knowledge.ts';

/**
 * Ranking intrusion sets for an incident, from every evidence channel an analyst uses, combined in
 * one posterior whose parts can be read back.
 *
 * Techniques. Each observed technique is either drawn from the group's repertoire (1 − ε) or is
 * noise (ε) drawn from technique base rates:  P(t | g) = (1 − ε) · q_g(t) + ε · b(t).
 * q_g mixes uniform distributions over the techniques ATT&CK records for the group ("uses"), those
 * of its campaigns, those of its software and the parent/sibling sub-techniques of all these, with
 * masses set on the evaluation's development campaigns (bench/eval-intel.ts). Uniform: a group with
 * 300 techniques explains any one less sharply than a group with 20.
 *
 * Software: the same noise model over the software the group and its campaigns use; a tool only
 * the group is known for is strong evidence, a commodity tool weak.
 *
 * Infrastructure and indicators: an incident observable that matches an indicator tagged with an
 * actor (a MISP galaxy tag, a STIX `indicates`/`attributed-to` link) is evidence with the
 * indicator's confidence c:  P(match | g) = c / |A| if g is among the tagged actors A, else
 * (1 − c) / N. Matches from one source count once (its strongest), since a report's indicators are
 * not independent observations.
 *
 * Victimology and time are priors: groups known to target the victim's country or sector, to act
 * around elections, or active around the incident date get a factor each.
 *
 * log posterior(g) = log prior(g) + Σ_channel λ_channel · log-likelihood_channel(g), then
 * divided by a temperature T fitted so that stated probabilities match observed accuracy.
 */
export interface AttributionParams {
  /** Share of observed techniques that may be noise. */
  epsilon: number;
  /** Share of observed software that may be noise (commodity tools, mis-attribution). */
  softwareEpsilon: number;
  /** Mixture masses of a group's technique model, relative to its own techniques (1). */
  nearMass: number;
  softwareMass: number;
  campaignMass: number;
  /** Channel weights λ. */
  weights: { techniques: number; software: number; infrastructure: number };
  /** Prior factors. */
  victimFactor: number;
  sectorFactor: number;
  electionFactor: number;
  periodFactor: number;
  /** Temperature applied to the log posterior (calibration). */
  temperature: number;
  /** Below this probability for the best group the answer is "no confident attribution". */
  abstainBelow: number;
}

/**
 * Set on data: masses, ε and λ chosen on the development half of the ATT&CK campaigns (odd
 * C-numbers) by bench/eval-intel.ts, which prints the sweep; T fitted there by maximum likelihood of
 * the true group on the same half; infrastructure weight 1 (the indicator's own confidence carries
 * its reliability; no labelled infrastructure set exists to fit it on); prior factors fixed a
 * priori (×2 victim country, ×1.5 sector, ×2 election, ×1.5 period).
 */
export const DEFAULT_PARAMS: AttributionParams = {
  epsilon: 0.2,
  softwareEpsilon: 0.2,
  nearMass: 0.02,
  softwareMass: 0.3,
  campaignMass: 0,
  weights: { techniques: 1, software: 1, infrastructure: 1 },
  victimFactor: 2,
  sectorFactor: 1.5,
  electionFactor: 2,
  periodFactor: 1.5,
  temperature: 2,
  abstainBelow: 0.5,
};

/** One observable of the incident that matched actor-tagged intelligence. */
export interface InfrastructureEvidence {
  /** The observable as seen in the incident (domain, IP, hash, URL…). */
  observed: string;
  /** The indicator it matched. */
  indicator: string;
  /** Where the tagged indicator comes from (MISP event, STIX bundle). */
  source: string;
  /** 0–100. */
  confidence: number;
  /** Group ids the source attributes the indicator to. */
  groups: string[];
  /** The actor name as tagged (galaxy value, intrusion-set name). */
  actor: string;
}

export interface AttributionOptions {
  params?: Partial<AttributionParams>;
  /** Kept for callers of the first version; the same as params.epsilon / nearMass / softwareMass. */
  epsilon?: number;
  nearMass?: number;
  softwareMass?: number;
  /** Victim country (or sector, for callers of the first version). */
  victim?: string;
  sector?: string;
  /** The incident happened around an election. */
  election?: boolean;
  /** ISO date of the incident. */
  date?: string;
  /** Software seen in the incident (S-id, name or alias: "X-Agent", "Zebrocy"). */
  software?: string[];
  infrastructure?: InfrastructureEvidence[];
  /** How many groups to return (default all). */
  limit?: number;
}

export interface SharedTechnique {
  technique: string;
  name: string;
  /** exact: the group uses it; campaign: one of its campaigns did; near: parent or sibling; software: via a tool it uses. */
  match: 'exact' | 'campaign' | 'near' | 'software';
  /** What ATT&CK reports the group did (procedure text), when known. */
  procedure?: string;
  /** For campaign, near and software matches: what explains it. */
  via?: string;
}

export type Channel = 'techniques' | 'software' | 'infrastructure' | 'victimology' | 'period';
export const CHANNELS: Channel[] = ['techniques', 'software', 'infrastructure', 'victimology', 'period'];

export interface AttributionResult {
  id: string;
  name: string;
  /** Posterior probability among all groups, 0–1 (calibrated). */
  score: number;
  /** Log-likelihood of the observed techniques under this group's model. */
  logLikelihood: number;
  /** Each channel's part of the log posterior, in nats, against the average group (after weights and temperature). */
  contributions: Record<Channel, number>;
  /** Number of observed techniques the group (or its campaigns) is known to use. */
  matched: number;
  groupTechniques: number;
  shared: SharedTechnique[];
  /** Observed techniques this group does not explain. */
  unexplained: string[];
  /** Observed software the group is known to use. */
  sharedSoftware?: Array<{ id: string; name: string }>;
  /** Tagged intelligence naming this group that the incident's observables matched. */
  sharedInfrastructure?: InfrastructureEvidence[];
  victimMatch?: boolean;
}

interface GroupModel {
  group: Group;
  exact: Set<string>;
  /** technique → campaign id (techniques its campaigns used that the group's own list lacks) */
  campaign: Map<string, string>;
  /** technique → the group's technique that makes it a near miss */
  near: Map<string, string>;
  /** technique → the group's software that uses it */
  viaSoftware: Map<string, string>;
  software: Set<string>;
  /** Known activity, from its campaigns: [first, last] ISO dates. */
  period: [string, string] | null;
  election: boolean;
}

export interface AttributionModel {
  knowledge: Knowledge;
  groups: GroupModel[];
  baseRate: (t: string) => number;
  /** Share of groups using a software (smoothed): how surprising it is to see it by chance. */
  softwareRate: (s: string) => number;
  /** Lower-cased S-id, name or alias → S-id. */
  softwareByName: Map<string, string>;
  params: AttributionParams;
}

const ELECTION = /\belection|électi|electoral|referendum/i;

/** Precomputes the per-group sets once; `attribute` is then cheap (≈ groups × observations). */
export function buildAttributionModel(k: Knowledge, params: Partial<AttributionParams> = {}): AttributionModel {
  const children = new Map<string, string[]>();
  for (const t of k.techniques.values()) if (t.parent) children.set(t.parent, [...(children.get(t.parent) ?? []), t.id]);
  const parentOf = (t: string) => k.techniques.get(t)?.parent ?? (t.includes('.') ? t.split('.')[0] : null);
  const df = new Map<string, number>();
  const groups: GroupModel[] = [];
  for (const g of k.groups) {
    const exact = new Set(g.techniques.keys());
    const campaign = new Map<string, string>();
    const software = new Set(g.software);
    let first: string | null = null;
    let last: string | null = null;
    let election = ELECTION.test(g.description ?? '');
    for (const cid of g.campaigns) {
      const c = k.campaigns.get(cid);
      if (!c) continue;
      for (const t of c.techniques ?? []) if (!exact.has(t) && !campaign.has(t)) campaign.set(t, cid);
      for (const s of c.software ?? []) software.add(s);
      if (c.firstSeen && (!first || c.firstSeen < first)) first = c.firstSeen;
      const end = c.lastSeen ?? c.firstSeen;
      if (end && (!last || end > last)) last = end;
      if (ELECTION.test(c.description ?? '')) election = true;
    }
    if (exact.size + campaign.size + software.size === 0) continue;
    for (const t of new Set([...exact, ...campaign.keys()])) df.set(t, (df.get(t) ?? 0) + 1);
    const near = new Map<string, string>();
    for (const t of [...exact, ...campaign.keys()]) {
      const p = parentOf(t);
      const family = p ? [p, ...(children.get(p) ?? [])] : (children.get(t) ?? []);
      for (const f of family) if (!exact.has(f) && !campaign.has(f) && !near.has(f)) near.set(f, t);
    }
    const viaSoftware = new Map<string, string>();
    for (const s of software) for (const t of k.software.get(s)?.techniques ?? []) if (!exact.has(t) && !campaign.has(t) && !viaSoftware.has(t)) viaSoftware.set(t, s);
    groups.push({ group: g, exact, campaign, near, viaSoftware, software, period: first && last ? [first, last] : null, election });
  }
  const vocabulary = new Set([...k.techniques.keys(), ...df.keys()]);
  const total = [...df.values()].reduce((a, b) => a + b, 0);
  const denom = total + vocabulary.size;
  const swDf = new Map<string, number>();
  for (const m of groups) for (const sw of m.software) swDf.set(sw, (swDf.get(sw) ?? 0) + 1);
  const swTotal = [...swDf.values()].reduce((a, b) => a + b, 0);
  const swDenom = swTotal + k.software.size + 1;
  const softwareByName = new Map<string, string>();
  for (const sw of k.software.values()) for (const n of [sw.id, sw.name, ...sw.aliases]) if (!softwareByName.has(n.toLowerCase())) softwareByName.set(n.toLowerCase(), sw.id);
  return {
    knowledge: k,
    groups,
    baseRate: (t) => ((df.get(t) ?? 0) + 1) / denom,
    softwareRate: (s) => ((swDf.get(s) ?? 0) + 1) / swDenom,
    softwareByName,
    params: { ...DEFAULT_PARAMS, ...params, weights: { ...DEFAULT_PARAMS.weights, ...params.weights } },
  };
}

const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/;

/** Normalises "t1566.001 " → "T1566.001"; undefined for something that is not a technique id. */
export function techniqueId(s: string): string | undefined {
  const t = s.trim().toUpperCase();
  return TECHNIQUE_ID.test(t) ? t : undefined;
}

/** Resolves software names, ids or aliases to S-ids; unknown ones are returned apart. */
export function resolveSoftware(model: AttributionModel, names: string[]): { ids: string[]; unknown: string[] } {
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const n of names) {
    const id = model.softwareByName.get(n.trim().toLowerCase());
    if (id) ids.push(id);
    else if (n.trim()) unknown.push(n.trim());
  }
  return { ids: [...new Set(ids)], unknown };
}

function within(date: string, [first, last]: [string, string]): boolean {
  const d = Date.parse(date);
  const a = Date.parse(first);
  const b = Date.parse(last);
  const year = 365 * 86400_000;
  return Number.isFinite(d) && Number.isFinite(a) && Number.isFinite(b) && d >= a - year && d <= b + year;
}

/** Ranks every group for the incident's evidence, best first. Pure: no I/O, deterministic. */
export function attribute(model: AttributionModel, observed: string[], opts: AttributionOptions = {}): AttributionResult[] {
  const p: AttributionParams = {
    ...model.params,
    ...opts.params,
    weights: { ...model.params.weights, ...opts.params?.weights },
    ...(opts.epsilon !== undefined ? { epsilon: opts.epsilon } : {}),
    ...(opts.nearMass !== undefined ? { nearMass: opts.nearMass } : {}),
    ...(opts.softwareMass !== undefined ? { softwareMass: opts.softwareMass } : {}),
  };
  const eps = p.epsilon;
  const obs = [...new Set(observed.map((t) => techniqueId(t)).filter((t): t is string => !!t))];
  const victim = opts.victim?.trim().toLowerCase();
  const sector = opts.sector?.trim().toLowerCase();
  const software = resolveSoftware(model, opts.software ?? []).ids;
  // One piece of evidence per (source, tagged actors): a report's indicators are not independent.
  const infra = new Map<string, InfrastructureEvidence>();
  for (const e of opts.infrastructure ?? []) {
    if (!e.groups.length) continue;
    const key = `${e.source}\u0000${[...e.groups].sort().join(',')}`;
    const prev = infra.get(key);
    if (!prev || e.confidence > prev.confidence) infra.set(key, e);
  }
  const n = model.groups.length;
  const scored = model.groups.map((m) => {
    const masses = { exact: m.exact.size ? 1 : 0, campaign: m.campaign.size ? p.campaignMass : 0, software: m.viaSoftware.size ? p.softwareMass : 0, near: m.near.size ? p.nearMass : 0 };
    const z = masses.exact + masses.campaign + masses.software + masses.near || 1;
    let ll = 0;
    let matched = 0;
    for (const t of obs) {
      let q = 0;
      if (m.exact.has(t)) q += masses.exact / z / m.exact.size;
      if (m.campaign.has(t)) q += masses.campaign / z / m.campaign.size;
      if (m.exact.has(t) || m.campaign.has(t)) matched++;
      if (m.near.has(t)) q += masses.near / z / m.near.size;
      if (m.viaSoftware.has(t)) q += masses.software / z / m.viaSoftware.size;
      ll += Math.log((1 - eps) * q + eps * model.baseRate(t));
    }
    let sll = 0;
    for (const sw of software) sll += Math.log((1 - p.softwareEpsilon) * (m.software.has(sw) ? 1 / m.software.size : 0) + p.softwareEpsilon * model.softwareRate(sw));
    let ill = 0;
    const sharedInfra: InfrastructureEvidence[] = [];
    for (const e of infra.values()) {
      const c = Math.min(0.99, Math.max(0.01, e.confidence / 100));
      const hit = e.groups.includes(m.group.id);
      if (hit) sharedInfra.push(e);
      ill += Math.log(hit ? c / e.groups.length : (1 - c) / n);
    }
    const g = m.group;
    const victimMatch = victim ? [...g.victims, ...g.sectors].some((v) => v.toLowerCase() === victim) : undefined;
    const sectorMatch = sector ? g.sectors.some((v) => v.toLowerCase().includes(sector) || sector.includes(v.toLowerCase())) : false;
    let victimology = 0;
    if (victimMatch) victimology += Math.log(p.victimFactor);
    if (sectorMatch) victimology += Math.log(p.sectorFactor);
    if (opts.election && m.election) victimology += Math.log(p.electionFactor);
    const period = opts.date && m.period && within(opts.date, m.period) ? Math.log(p.periodFactor) : 0;
    const parts: Record<Channel, number> = {
      techniques: p.weights.techniques * ll,
      software: p.weights.software * sll,
      infrastructure: p.weights.infrastructure * ill,
      victimology,
      period,
    };
    const total = (parts.techniques + parts.software + parts.infrastructure + parts.victimology + parts.period) / p.temperature;
    return { m, ll, parts, total, matched, victimMatch, sharedSoftware: software.filter((sw) => m.software.has(sw)), sharedInfra };
  });
  const maxPost = Math.max(...scored.map((s) => s.total));
  const z = scored.reduce((a, s) => a + Math.exp(s.total - maxPost), 0);
  const mean = {} as Record<Channel, number>;
  for (const c of CHANNELS) mean[c] = scored.reduce((a, s) => a + s.parts[c], 0) / Math.max(1, scored.length);
  scored.sort((a, b) => b.total - a.total || a.m.group.id.localeCompare(b.m.group.id));
  const k = model.knowledge;
  return scored.slice(0, opts.limit ?? scored.length).map((s) => {
    const g = s.m.group;
    const shared: SharedTechnique[] = [];
    const unexplained: string[] = [];
    for (const t of obs) {
      const name = k.techniques.get(t)?.name ?? t;
      if (s.m.exact.has(t)) shared.push({ technique: t, name, match: 'exact', procedure: g.techniques.get(t) || undefined });
      else if (s.m.campaign.has(t)) {
        const c = s.m.campaign.get(t) ?? '';
        shared.push({ technique: t, name, match: 'campaign', via: `${c} ${k.campaigns.get(c)?.name ?? ''}`.trim() });
      } else if (s.m.near.has(t)) shared.push({ technique: t, name, match: 'near', via: s.m.near.get(t), procedure: g.techniques.get(s.m.near.get(t) ?? '') || undefined });
      else if (s.m.viaSoftware.has(t)) {
        const sw = s.m.viaSoftware.get(t) ?? '';
        shared.push({ technique: t, name, match: 'software', via: `${sw} ${k.software.get(sw)?.name ?? ''}`.trim() });
      } else unexplained.push(t);
    }
    const contributions = {} as Record<Channel, number>;
    for (const c of CHANNELS) contributions[c] = Math.round(((s.parts[c] - mean[c]) / p.temperature) * 1000) / 1000;
    return {
      id: g.id,
      name: g.name,
      score: Math.exp(s.total - maxPost) / z,
      logLikelihood: s.ll,
      contributions,
      matched: s.matched,
      groupTechniques: s.m.exact.size,
      shared,
      unexplained,
      ...(s.victimMatch !== undefined ? { victimMatch: s.victimMatch } : {}),
      ...(software.length ? { sharedSoftware: s.sharedSoftware.map((id) => ({ id, name: k.software.get(id)?.name ?? id })) } : {}),
      ...(infra.size ? { sharedInfrastructure: s.sharedInfra } : {}),
    };
  });
}

/** Something the analyst could look for that would separate the leading candidates. */
export interface SettlingEvidence {
  kind: 'software' | 'technique' | 'infrastructure';
  /** S-id or T-id; for infrastructure, a description. */
  value: string;
  name: string;
  /** The candidate it would point to. */
  group: string;
}

export interface AttributionVerdict {
  status: 'attributed' | 'abstain';
  /** The best group, also when abstaining (as a lead, not a conclusion). */
  best: { id: string; name: string; score: number } | null;
  /** Why the answer abstains: thin evidence, close candidates. */
  reasons: Array<'no_evidence' | 'thin_evidence' | 'low_probability'>;
  /** Candidates within reach and the evidence that would tell them apart. */
  candidates: Array<{ id: string; name: string; score: number }>;
  settle: SettlingEvidence[];
}

/**
 * Attributes or abstains: below `abstainBelow` (calibrated) the answer is "no confident
 * attribution", with the leading candidates and what would settle it — software or techniques
 * specific to one of them (rarest across groups first), and actor-tagged infrastructure.
 */
export function decide(model: AttributionModel, results: AttributionResult[], evidence: { techniques: number; software: number; infrastructure: number }): AttributionVerdict {
  const p = model.params;
  const best = results[0];
  const reasons: AttributionVerdict['reasons'] = [];
  const any = evidence.techniques + evidence.software + evidence.infrastructure;
  if (!best || any === 0) reasons.push('no_evidence');
  else if (evidence.infrastructure === 0 && evidence.software === 0 && evidence.techniques < 3) reasons.push('thin_evidence');
  if (best && best.score < p.abstainBelow) reasons.push('low_probability');
  const status = reasons.length ? 'abstain' : 'attributed';
  const candidates = results.slice(0, 3).filter((r, i) => i === 0 || r.score >= 0.05).map((r) => ({ id: r.id, name: r.name, score: r.score }));
  const settle: SettlingEvidence[] = [];
  if (status === 'abstain' && candidates.length) {
    const models = candidates.map((c) => model.groups.find((m) => m.group.id === c.id)).filter((m): m is GroupModel => !!m);
    const k = model.knowledge;
    for (const m of models) {
      const others = models.filter((o) => o !== m);
      const sw = [...m.software].filter((s) => !others.some((o) => o.software.has(s))).sort((a, b) => model.softwareRate(a) - model.softwareRate(b) || a.localeCompare(b));
      for (const s of sw.slice(0, 2)) settle.push({ kind: 'software', value: s, name: k.software.get(s)?.name ?? s, group: m.group.id });
      const tech = [...m.exact].filter((t) => !others.some((o) => o.exact.has(t) || o.campaign.has(t))).sort((a, b) => model.baseRate(a) - model.baseRate(b) || a.localeCompare(b));
      for (const t of tech.slice(0, 2)) settle.push({ kind: 'technique', value: t, name: k.techniques.get(t)?.name ?? t, group: m.group.id });
    }
    if (evidence.infrastructure === 0) settle.push({ kind: 'infrastructure', value: 'actor-tagged', name: 'Domains, IPs or hashes of the incident matched against actor-tagged MISP events or STIX bundles', group: candidates[0].id });
  }
  return { status, best: best ? { id: best.id, name: best.name, score: best.score } : null, reasons, candidates, settle };
}

/**
 * The baseline the issue compares against: cosine between TF-IDF vectors of the observed set and of
 * each group's technique set. Kept for the evaluation, not used by the product.
 */
export function attributeTfIdf(model: AttributionModel, observed: string[]): Array<{ id: string; score: number }> {
  const n = model.groups.length;
  const df = new Map<string, number>();
  for (const m of model.groups) for (const t of m.exact) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => Math.log(n / (df.get(t) ?? 1));
  const obs = [...new Set(observed)];
  const qNorm = Math.sqrt(obs.reduce((a, t) => a + idf(t) ** 2, 0)) || 1;
  return model.groups
    .map((m) => {
      let dot = 0;
      for (const t of obs) if (m.exact.has(t)) dot += idf(t) ** 2;
      let gn = 0;
      for (const t of m.exact) gn += idf(t) ** 2;
      return { id: m.group.id, score: dot / (qNorm * (Math.sqrt(gn) || 1)) };
    })
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
