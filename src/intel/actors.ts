import { plainText, type Group, type Knowledge } from './knowledge.ts';

/** Groups whose ATT&CK id, name or any alias (ATT&CK or MISP) equals the query, case-insensitive; else those containing it. */
export function findActors(k: Knowledge, query: string): Group[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const names = (g: Group) => [g.id, g.name, ...g.aliases].map((n) => n.toLowerCase());
  const exact = k.groups.filter((g) => names(g).includes(q));
  if (exact.length) return exact;
  const squash = (s: string) => s.replace(/[\s_-]+/g, '');
  const sq = squash(q);
  return k.groups.filter((g) => names(g).some((n) => squash(n) === sq || (q.length >= 3 && n.includes(q))));
}

export interface ActorProfile {
  id: string;
  name: string;
  aliases: string[];
  description: string | null;
  country: string | null;
  victims: string[];
  sectors: string[];
  techniques: Array<{ id: string; name: string; tactics: string[]; procedure: string }>;
  software: Array<{ id: string; name: string; type: string }>;
  campaigns: Array<{ id: string; name: string }>;
  references: Array<{ source: string; url: string }>;
}

/** Everything shown on an actor page. */
export function actorProfile(k: Knowledge, g: Group): ActorProfile {
  return {
    id: g.id,
    name: g.name,
    aliases: g.aliases,
    description: g.description ? plainText(g.description) : null,
    country: g.country,
    victims: g.victims,
    sectors: g.sectors,
    techniques: [...g.techniques.entries()]
      .map(([id, procedure]) => ({ id, name: k.techniques.get(id)?.name ?? id, tactics: k.techniques.get(id)?.tactics ?? [], procedure }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    software: [...new Set(g.software)].map((id) => ({ id, name: k.software.get(id)?.name ?? id, type: k.software.get(id)?.type ?? 'software' })).sort((a, b) => a.id.localeCompare(b.id)),
    campaigns: g.campaigns.map((id) => ({ id, name: k.campaigns.get(id)?.name ?? id })),
    references: g.references,
  };
}

/** A short summary for lists and search results. */
export function actorSummary(g: Group): { id: string; name: string; aliases: string[]; country: string | null; techniques: number } {
  return { id: g.id, name: g.name, aliases: g.aliases, country: g.country, techniques: g.techniques.size };
}
