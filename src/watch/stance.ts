import type { Post } from './post.ts';

/** A tracked entity (candidate, party, the organisation) and the words that name it. */
export interface TrackedEntity {
  id: string;
  name: string;
  aliases: string[];
}

/** The 2017 defaults; the registry in the database can add more. */
export const DEFAULT_ENTITIES: TrackedEntity[] = [
  { id: 'macron', name: 'Emmanuel Macron', aliases: ['macron', 'emmanuel macron', 'en marche', 'emmanuelmacron', 'enmarchefr'] },
  { id: 'le-pen', name: 'Marine Le Pen', aliases: ['le pen', 'marine le pen', 'lepen', 'mlp_officiel', 'front national'] },
  { id: 'fillon', name: 'François Fillon', aliases: ['fillon', 'françois fillon'] },
  { id: 'melenchon', name: 'Jean-Luc Mélenchon', aliases: ['mélenchon', 'melenchon', 'france insoumise'] },
];

// Small hand-written lexicons (French and English); values in −2..2. Transparent on purpose.
const LEXICON: Record<string, number> = {
  // fr
  bon: 1, bonne: 1, excellent: 2, excellente: 2, brillant: 2, brillante: 2, courageux: 2, courageuse: 2, honnête: 2, solide: 1, compétent: 2, compétente: 2, victoire: 1, soutien: 1, espoir: 1, réussite: 2, propre: 1, sérieux: 1, crédible: 1, favori: 1, patriote: 1,
  mauvais: -1, mauvaise: -1, menteur: -2, menteuse: -2, corrompu: -2, corrompue: -2, scandale: -2, fraude: -2, escroc: -2, dangereux: -2, dangereuse: -2, honte: -2, échec: -2, faible: -1, mensonge: -2, mensonges: -2, trahison: -2, fuite: -1, fuites: -1, évasion: -1, offshore: -1, arrogant: -1, incompétent: -2, incompétente: -2, marionnette: -2, banquier: -1, élitiste: -1, catastrophe: -2, ruine: -2, extrémiste: -2, raciste: -2, haine: -2, suspect: -1, louche: -1, cache: -1, cachent: -1,
  // en
  good: 1, great: 2, brilliant: 2, honest: 2, strong: 1, competent: 2, hope: 1, success: 2, win: 1, credible: 1,
  bad: -1, liar: -2, corrupt: -2, scandal: -2, fraud: -2, crook: -2, dangerous: -2, shame: -2, failure: -2, weak: -1, lie: -2, lies: -2, betrayal: -2, puppet: -2, disaster: -2, extremist: -2, racist: -2, hate: -2, shady: -1, hiding: -1,
};
const NEGATORS = new Set(['ne', "n'", 'pas', 'jamais', 'plus', 'rien', 'aucun', 'aucune', 'ni', 'sans', 'not', "n't", 'no', 'never', 'nor', 'without']);
const NEAR = 6;
const NEGATION_SPAN = 3;

function words(sentence: string): string[] {
  return sentence.toLowerCase().replace(/[’`]/g, "'").match(/n't|n'|[\p{L}\p{N}_@#]+/gu) ?? [];
}

function mentionAt(ws: string[], alias: string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + alias.length <= ws.length; i++) {
    let ok = true;
    for (let j = 0; j < alias.length && ok; j++) ok = ws[i + j].replace(/^[@#]/, '') === alias[j];
    if (ok) out.push(i);
  }
  return out;
}

/** Stance of one sentence toward one entity: sentiment words within ±6 words of a mention, flipped when a negator comes within 3 words before them. */
export function sentenceStance(sentence: string, entity: TrackedEntity): number | undefined {
  const ws = words(sentence);
  const positions = entity.aliases.flatMap((a) => mentionAt(ws, words(a)));
  if (positions.length === 0) return undefined;
  let score = 0;
  const counted = new Set<number>();
  for (const pos of positions) {
    for (let i = Math.max(0, pos - NEAR); i < Math.min(ws.length, pos + NEAR + 1); i++) {
      const v = LEXICON[ws[i]];
      if (v === undefined || counted.has(i)) continue;
      counted.add(i);
      let negated = false;
      for (let j = Math.max(0, i - NEGATION_SPAN); j < i; j++) if (NEGATORS.has(ws[j])) negated = true;
      score += negated ? -v : v;
    }
  }
  return score;
}

export function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?…])\s+|\n+/).map((s) => s.trim()).filter(Boolean).slice(0, 500);
}

/** Per source and entity: mean stance, counts, and the sentences that carry it. */
export interface SourceSlant {
  source: string;
  entity: string;
  mentions: number;
  mean: number;
  positive: number;
  negative: number;
  examples: Array<{ sentence: string; score: number; post: string; at: string }>;
}

/** Slant of every source (outlet or account) toward every tracked entity. */
export function sourceSlant(posts: readonly Post[], entities: readonly TrackedEntity[] = DEFAULT_ENTITIES, sourceOf: (p: Post) => string | undefined = (p) => p.source ?? p.author.handle ?? p.author.id): SourceSlant[] {
  const acc = new Map<string, SourceSlant & { sum: number }>();
  for (const p of posts) {
    const source = sourceOf(p);
    if (!source) continue;
    for (const sentence of splitSentences(p.text.slice(0, 20_000))) {
      for (const e of entities) {
        const s = sentenceStance(sentence, e);
        if (s === undefined) continue;
        const key = `${source}\u0000${e.id}`;
        let a = acc.get(key);
        if (!a) acc.set(key, (a = { source, entity: e.id, mentions: 0, mean: 0, positive: 0, negative: 0, examples: [], sum: 0 }));
        a.mentions++;
        a.sum += s;
        if (s > 0) a.positive++;
        if (s < 0) a.negative++;
        if (s !== 0) a.examples.push({ sentence: sentence.slice(0, 300), score: s, post: p.id, at: p.created_at });
      }
    }
  }
  return [...acc.values()]
    .map(({ sum, ...a }) => ({ ...a, mean: Math.round((sum / a.mentions) * 100) / 100, examples: a.examples.sort((x, y) => Math.abs(y.score) - Math.abs(x.score)).slice(0, 5) }))
    .sort((a, b) => a.source.localeCompare(b.source) || a.entity.localeCompare(b.entity));
}

/** "positive on X, negative on Y" for one source, from its slant rows (|mean| ≥ 0.5 and ≥ 3 mentions). */
export function describeSlant(rows: readonly SourceSlant[], lang: 'fr' | 'en' = 'fr'): string {
  const pos = rows.filter((r) => r.mentions >= 3 && r.mean >= 0.5).map((r) => r.entity);
  const neg = rows.filter((r) => r.mentions >= 3 && r.mean <= -0.5).map((r) => r.entity);
  const parts: string[] = [];
  if (pos.length) parts.push(`${lang === 'fr' ? 'favorable à' : 'positive on'} ${pos.join(', ')}`);
  if (neg.length) parts.push(`${lang === 'fr' ? 'hostile à' : 'negative on'} ${neg.join(', ')}`);
  return parts.join('; ') || (lang === 'fr' ? 'pas de biais net' : 'no clear slant');
}

/** Outlets known in 2017, with labels; loaded into the registry by the demo and `watch sources --init`. */
export const DEFAULT_OUTLETS = [
  { id: 'rt-france', name: 'RT France', kind: 'outlet' as const, labels: ['state-affiliated:RU'], domains: ['francais.rt.com'], handles: ['rtenfrancais'] },
  { id: 'sputnik-france', name: 'Sputnik France', kind: 'outlet' as const, labels: ['state-affiliated:RU'], domains: ['fr.sputniknews.com'], handles: ['sputnik_fr'] },
  { id: 'le-monde', name: 'Le Monde', kind: 'outlet' as const, labels: ['press'], domains: ['lemonde.fr'], handles: ['lemondefr'] },
  { id: 'afp', name: 'AFP', kind: 'outlet' as const, labels: ['agency'], domains: ['afp.com'], handles: ['afpfr'] },
];
