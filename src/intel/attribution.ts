import type { Group, Knowledge } from './knowledge.ts';

/**
 * Ranking intrusion sets for a set of observed ATT&CK techniques.
 *
 * The question is "which group's behaviour best explains what we saw", so each group is scored by
 * the likelihood of the observed set under a simple generative model: each observed technique is
 * either drawn from the group's repertoire (probability 1 − ε) or is noise (ε) — something the
 * group was never reported doing, a mis-mapped observation, another actor in the same network.
 *
 *   P(t | g) = (1 − ε) · q_g(t) + ε · b(t)
 *
 * q_g spreads the group's mass over its known techniques (uniformly, so a group with 300
 * techniques explains any one of them less sharply than a group with 20: group size matters), with
 * a little mass (2 % each) on near misses (the parent or a sibling sub-technique of a known technique) and on
 * techniques of the software the group uses. b(t) is the technique's base rate across all groups,
 * smoothed, so noise on a common technique is cheap and noise on a rare one is not.
 * The score is the posterior over groups with a uniform prior (optionally raised for groups known
 * to target the incident's country or sector).
 */
export interface AttributionOptions {
  /** Share of observations that may be noise. One in five: incidents are seen partially and noisily. */
  epsilon?: number;
  /** Mass of a group's model given to parent/sibling techniques of its own ones. */
  nearMass?: number;
  /** Mass given to techniques of the group's software. */
  softwareMass?: number;
  /** Victim country or sector stated in the incident; groups known to target it get a prior ×2. */
  victim?: string;
  /** Software seen in the incident (S-id, name or alias: "X-Agent", "Zebrocy"). */
  software?: string[];
  /** How many groups to return (default all). */
  limit?: number;
}

export interface SharedTechnique {
  technique: string;
  name: string;
  /** exact: the group uses this technique; near: parent or sibling; software: via a tool it uses. */
  match: 'exact' | 'near' | 'software';
  /** What ATT&CK reports the group did (procedure text), when known. */
  procedure?: string;
  /** For near and software matches: the group's technique or software that explains it. */
  via?: string;
}

export interface AttributionResult {
  id: string;
  name: string;
  /** Posterior probability among all groups, 0–1. */
  score: number;
  /** Log-likelihood of the observed set under this group's model. */
  logLikelihood: number;
  /** Number of observed techniques the group is known to use. */
  matched: number;
  groupTechniques: number;
  shared: SharedTechnique[];
  /** Observed techniques this group does not explain. */
  unexplained: string[];
  /** Observed software the group is known to use. */
  sharedSoftware?: Array<{ id: string; name: string }>;
  victimMatch?: boolean;
}

interface GroupModel {
  group: Group;
  exact: Set<string>;
  /** technique → the group's technique that makes it a near miss */
  near: Map<string, string>;
  /** technique → the group's software that uses it */
  viaSoftware: Map<string, string>;
}

export interface AttributionModel {
  knowledge: Knowledge;
  groups: GroupModel[];
  baseRate: (t: string) => number;
  /** Share of groups using a software (smoothed): how surprising it is to see it by chance. */
  softwareRate: (s: string) => number;
  /** Lower-cased S-id, name or alias → S-id. */
  softwareByName: Map<string, string>;
}

/** Precomputes the per-group sets once; `attribute` is then cheap (≈ groups × observations). */
export function buildAttributionModel(k: Knowledge): AttributionModel {
  const children = new Map<string, string[]>();
  for (const t of k.techniques.values()) if (t.parent) children.set(t.parent, [...(children.get(t.parent) ?? []), t.id]);
  const parentOf = (t: string) => k.techniques.get(t)?.parent ?? (t.includes('.') ? t.split('.')[0] : null);
  const df = new Map<string, number>();
  const groups: GroupModel[] = [];
  for (const g of k.groups) {
    const exact = new Set(g.techniques.keys());
    if (exact.size === 0) continue;
    for (const t of exact) df.set(t, (df.get(t) ?? 0) + 1);
    const near = new Map<string, string>();
    for (const t of exact) {
      const p = parentOf(t);
      const family = p ? [p, ...(children.get(p) ?? [])] : (children.get(t) ?? []);
      for (const f of family) if (!exact.has(f) && !near.has(f)) near.set(f, t);
    }
    const viaSoftware = new Map<string, string>();
    for (const s of g.software) for (const t of k.software.get(s)?.techniques ?? []) if (!exact.has(t) && !viaSoftware.has(t)) viaSoftware.set(t, s);
    groups.push({ group: g, exact, near, viaSoftware });
  }
  const vocabulary = new Set([...k.techniques.keys(), ...df.keys()]);
  const total = [...df.values()].reduce((a, b) => a + b, 0);
  const denom = total + vocabulary.size;
  const swDf = new Map<string, number>();
  for (const m of groups) for (const sw of new Set(m.group.software)) swDf.set(sw, (swDf.get(sw) ?? 0) + 1);
  const swTotal = [...swDf.values()].reduce((a, b) => a + b, 0);
  const swDenom = swTotal + k.software.size + 1;
  const softwareByName = new Map<string, string>();
  for (const sw of k.software.values()) for (const n of [sw.id, sw.name, ...sw.aliases]) if (!softwareByName.has(n.toLowerCase())) softwareByName.set(n.toLowerCase(), sw.id);
  return { knowledge: k, groups, baseRate: (t) => ((df.get(t) ?? 0) + 1) / denom, softwareRate: (s) => ((swDf.get(s) ?? 0) + 1) / swDenom, softwareByName };
}

const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/;

/** Normalises "t1566.001 " → "T1566.001"; undefined for something that is not a technique id. */
export function techniqueId(s: string): string | undefined {
  const t = s.trim().toUpperCase();
  return TECHNIQUE_ID.test(t) ? t : undefined;
}

/** Ranks every group for the observed techniques, best first. Pure: no I/O, deterministic. */
export function attribute(model: AttributionModel, observed: string[], opts: AttributionOptions = {}): AttributionResult[] {
  const eps = opts.epsilon ?? 0.2;
  // 2 % each: on the development seeds of bench/eval-intel.ts (1001–1003, not the reported ones)
  // 0.01–0.02 ranks as well as no partial credit while still explaining near misses; 0.05 costs ~1 point.
  const nearMass = opts.nearMass ?? 0.02;
  const swMass = opts.softwareMass ?? 0.02;
  const obs = [...new Set(observed.map((t) => techniqueId(t)).filter((t): t is string => !!t))];
  const victim = opts.victim?.trim().toLowerCase();
  // Software is a second, independent observation channel with the same noise model: seeing a
  // tool the group is known for is strong evidence, seeing a commodity tool is weak.
  const software = [...new Set((opts.software ?? []).map((n) => model.softwareByName.get(n.trim().toLowerCase())).filter((s): s is string => !!s))];
  const scored = model.groups.map((m) => {
    const nearShare = m.near.size ? nearMass : 0;
    const swShare = m.viaSoftware.size ? swMass : 0;
    const exactShare = 1 - nearShare - swShare;
    let ll = 0;
    let matched = 0;
    for (const t of obs) {
      let q = 0;
      if (m.exact.has(t)) {
        q = exactShare / m.exact.size;
        matched++;
      } else {
        if (m.near.has(t)) q += nearShare / m.near.size;
        if (m.viaSoftware.has(t)) q += swShare / m.viaSoftware.size;
      }
      ll += Math.log((1 - eps) * q + eps * model.baseRate(t));
    }
    const groupSoftware = new Set(m.group.software);
    for (const sw of software) ll += Math.log((1 - eps) * (groupSoftware.has(sw) ? 1 / groupSoftware.size : 0) + eps * model.softwareRate(sw));
    const victimMatch = victim ? [...m.group.victims, ...m.group.sectors, m.group.country ?? ''].some((v) => v.toLowerCase() === victim) : undefined;
    return { m, ll, matched, prior: victimMatch ? Math.log(2) : 0, victimMatch, sharedSoftware: software.filter((sw) => groupSoftware.has(sw)) };
  });
  const maxPost = Math.max(...scored.map((s) => s.ll + s.prior));
  const z = scored.reduce((a, s) => a + Math.exp(s.ll + s.prior - maxPost), 0);
  scored.sort((a, b) => b.ll + b.prior - (a.ll + a.prior) || a.m.group.id.localeCompare(b.m.group.id));
  const k = model.knowledge;
  return scored.slice(0, opts.limit ?? scored.length).map((s) => {
    const g = s.m.group;
    const shared: SharedTechnique[] = [];
    const unexplained: string[] = [];
    for (const t of obs) {
      const name = k.techniques.get(t)?.name ?? t;
      if (s.m.exact.has(t)) shared.push({ technique: t, name, match: 'exact', procedure: g.techniques.get(t) || undefined });
      else if (s.m.near.has(t)) shared.push({ technique: t, name, match: 'near', via: s.m.near.get(t), procedure: g.techniques.get(s.m.near.get(t) ?? '') || undefined });
      else if (s.m.viaSoftware.has(t)) {
        const sw = s.m.viaSoftware.get(t) ?? '';
        shared.push({ technique: t, name, match: 'software', via: `${sw} ${k.software.get(sw)?.name ?? ''}`.trim() });
      } else unexplained.push(t);
    }
    return {
      id: g.id,
      name: g.name,
      score: Math.exp(s.ll + s.prior - maxPost) / z,
      logLikelihood: s.ll,
      matched: s.matched,
      groupTechniques: s.m.exact.size,
      shared,
      unexplained,
      ...(s.victimMatch !== undefined ? { victimMatch: s.victimMatch } : {}),
      ...(software.length ? { sharedSoftware: s.sharedSoftware.map((id) => ({ id, name: k.software.get(id)?.name ?? id })) } : {}),
    };
  });
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
