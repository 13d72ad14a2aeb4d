import { fromJson, type Db } from '../store/index.ts';
import { listObjects, listRelationships } from './repo.ts';
import type { Reference } from './import/references.ts';

/** An ATT&CK technique or sub-technique. */
export interface Technique {
  /** T1566.001 */
  id: string;
  name: string;
  tactics: string[];
  subtechnique: boolean;
  /** T1566 for T1566.001. */
  parent: string | null;
}

export interface Software {
  /** S0002 */
  id: string;
  name: string;
  type: 'malware' | 'tool';
  aliases: string[];
  techniques: string[];
}

/** An intrusion set with what ATT&CK and MISP know of it. */
export interface Group {
  /** G0007 (or the STIX id for groups without an ATT&CK id). */
  id: string;
  stixId: string;
  name: string;
  /** ATT&CK aliases and MISP synonyms, merged, without the name itself. */
  aliases: string[];
  description: string | null;
  /** Technique id → procedure text of the "uses" relationship (how the group used it). */
  techniques: Map<string, string>;
  /** Software ids (S…) the group uses. */
  software: string[];
  /** Campaign ids (C…) attributed to the group. */
  campaigns: string[];
  country: string | null;
  victims: string[];
  sectors: string[];
  /** Sources cited by ATT&CK and MISP (http(s) only, checked at import). */
  references: Reference[];
}

/** Everything attribution and the actor pages need, as plain data (no database). */
export interface Knowledge {
  groups: Group[];
  techniques: Map<string, Technique>;
  software: Map<string, Software>;
  campaigns: Map<string, Campaign>;
}

/** An ATT&CK campaign: one documented intrusion, with what was seen and whom it is attributed to. */
export interface Campaign {
  /** C0024 */
  id: string;
  name: string;
  description: string | null;
  /** Techniques and software the campaign used (its own "uses" relationships). */
  techniques?: string[];
  software?: string[];
  /** Group ids (G…) the campaign is attributed to. */
  groups?: string[];
  /** ISO dates, when ATT&CK gives them. */
  firstSeen?: string | null;
  lastSeen?: string | null;
}

/**
 * The knowledge as it would be without one campaign and its relationships: what the evaluation
 * asks about a held-out campaign. Groups keep their own "uses" relationships (published apart).
 */
export function withoutCampaign(k: Knowledge, campaignId: string): Knowledge {
  const campaigns = new Map(k.campaigns);
  campaigns.delete(campaignId);
  return { ...k, campaigns, groups: k.groups.map((g) => (g.campaigns.includes(campaignId) ? { ...g, campaigns: g.campaigns.filter((c) => c !== campaignId) } : g)) };
}

/** ATT&CK descriptions cite sources as "(Citation: X)" and link as [Name](url): keep the words. */
export function plainText(s: string | null): string {
  return (s ?? '')
    .replace(/\(Citation:[^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

interface MispExtra {
  country?: string | null;
  victims?: string[];
  sectors?: string[];
  related?: string[];
  attackIds?: string[];
  references?: Reference[];
}

/** Reads the imported knowledge into memory (a few MB for ATT&CK Enterprise). */
export async function loadKnowledge(db: Db): Promise<Knowledge> {
  const [objects, rels] = await Promise.all([
    listObjects(db, ['intrusion-set', 'attack-pattern', 'malware', 'tool', 'campaign', 'misp-threat-actor']),
    listRelationships(db, ['uses', 'attributed-to']),
  ]);
  const byStix = new Map(objects.map((o) => [o.id, o]));
  const techniques = new Map<string, Technique>();
  const software = new Map<string, Software>();
  const campaigns = new Map<string, Campaign>();
  for (const o of objects) {
    const ext = o.external_id ?? o.id;
    if (o.type === 'attack-pattern') {
      const extra = fromJson<{ killChain?: string[]; subtechnique?: boolean }>(o.extra, {});
      const sub = extra.subtechnique === true || ext.includes('.');
      techniques.set(ext, { id: ext, name: o.name, tactics: extra.killChain ?? [], subtechnique: sub, parent: sub ? ext.split('.')[0] : null });
    } else if (o.type === 'malware' || o.type === 'tool') {
      software.set(ext, { id: ext, name: o.name, type: o.type, aliases: fromJson<string[]>(o.aliases, []), techniques: [] });
    } else if (o.type === 'campaign') {
      const extra = fromJson<{ first_seen?: string; last_seen?: string }>(o.extra, {});
      campaigns.set(ext, { id: ext, name: o.name, description: o.description, techniques: [], software: [], groups: [], firstSeen: extra.first_seen ?? null, lastSeen: extra.last_seen ?? null });
    }
  }
  const groups = new Map<string, Group>();
  for (const o of objects)
    if (o.type === 'intrusion-set')
      groups.set(o.id, {
        id: o.external_id ?? o.id,
        stixId: o.id,
        name: o.name,
        aliases: fromJson<string[]>(o.aliases, []),
        description: o.description,
        techniques: new Map(),
        software: [],
        campaigns: [],
        country: null,
        victims: [],
        sectors: [],
        references: fromJson<{ references?: Reference[] }>(o.extra, {}).references ?? [],
      });
  const extOf = (stixId: string) => byStix.get(stixId)?.external_id ?? stixId;
  for (const r of rels) {
    const src = byStix.get(r.source_ref);
    const dst = byStix.get(r.target_ref);
    if (!src || !dst) continue;
    if (r.type === 'uses' && dst.type === 'attack-pattern') {
      const g = groups.get(src.id);
      if (g) g.techniques.set(extOf(dst.id), plainText(r.description));
      else if (src.type === 'campaign') campaigns.get(extOf(src.id))?.techniques?.push(extOf(dst.id));
      else software.get(extOf(src.id))?.techniques.push(extOf(dst.id));
    } else if (r.type === 'uses' && (dst.type === 'malware' || dst.type === 'tool')) {
      if (src.type === 'campaign') campaigns.get(extOf(src.id))?.software?.push(extOf(dst.id));
      else groups.get(src.id)?.software.push(extOf(dst.id));
    } else if (r.type === 'attributed-to' && src.type === 'campaign') {
      const g = groups.get(dst.id);
      if (g) {
        g.campaigns.push(extOf(src.id));
        campaigns.get(extOf(src.id))?.groups?.push(g.id);
      }
    }
  }
  // A MISP cluster names the ATT&CK intrusion set it is the same actor as, by uuid or by G-number.
  const byUuid = new Map([...groups.values()].map((g) => [g.stixId.replace(/^intrusion-set--/, ''), g]));
  const byAttackId = new Map([...groups.values()].map((g) => [g.id, g]));
  for (const o of objects) {
    if (o.type !== 'misp-threat-actor') continue;
    const extra = fromJson<MispExtra>(o.extra, {});
    const g = (extra.related ?? []).map((u) => byUuid.get(u)).find(Boolean) ?? (extra.attackIds ?? []).map((id) => byAttackId.get(id)).find(Boolean);
    if (!g) continue;
    const names = [o.name, ...fromJson<string[]>(o.aliases, [])];
    const have = new Set([g.name, ...g.aliases].map((a) => a.toLowerCase()));
    for (const n of names) {
      if (have.has(n.toLowerCase())) continue;
      have.add(n.toLowerCase());
      g.aliases.push(n);
    }
    g.country ??= extra.country ?? null;
    g.victims = [...new Set([...g.victims, ...(extra.victims ?? [])])];
    g.sectors = [...new Set([...g.sectors, ...(extra.sectors ?? [])])];
    const cited = new Set(g.references.map((r) => r.url));
    for (const r of extra.references ?? []) if (!cited.has(r.url)) g.references.push(r);
  }
  return { groups: [...groups.values()].sort((a, b) => a.id.localeCompare(b.id)), techniques, software, campaigns };
}
