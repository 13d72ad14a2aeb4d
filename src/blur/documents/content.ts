import { faker as fakerFR } from '@faker-js/faker/locale/fr';
import { expand, tidyEn } from '../compose.ts';
import { cities, en, fr, topics, type DocKind } from '../lexicon.ts';
import type { Rng } from '../random.ts';
import { frenchMobile, slug } from '../personas.ts';
import { formatAmount, formatIban, type Facts } from '../markers/facts.ts';
import type { Slots } from '../compose.ts';

/** Format-independent content of a decoy document: the DOCX, XLSX and PDF writers render it. */
export interface DocContent {
  title: string;
  subtitle: string;
  /** Narrative paragraphs (watermarked). */
  paragraphs: string[];
  /** Headings interleaved before paragraph indexes. */
  headings: Map<number, string>;
  table?: { headers: string[]; rows: string[][]; numericFrom: number };
  /** The artifact's unique facts, already written into a paragraph and a table row. */
  facts: Facts;
}

const headingSets: Record<DocKind, string[]> = {
  budget: ['Synthèse', 'Postes principaux', 'Écarts', 'Arbitrages proposés', 'Trésorerie', 'Points de vigilance'],
  minutes: ['Présents', 'Ordre du jour', 'Points abordés', 'Décisions', 'Actions', 'Prochaine séance'],
  speech: ['Ouverture', 'Le constat', 'Nos propositions', 'Pour la région', 'Conclusion'],
  donors: ['Objet', 'Suivi', 'Relances', 'Remarques'],
  volunteers: ['Organisation', 'Équipes', 'Consignes', 'Matériel'],
  travel: ['Programme', 'Logistique', 'Contacts sur place', 'Sécurité'],
  press: ['Objet', 'Priorités', 'Consignes'],
  memo: ['Contexte', 'Analyse', 'Recommandations', 'Suite à donner'],
};

function slotsFor(rng: Rng, lang: 'fr' | 'en', topicId: string): Slots {
  const lx = lang === 'fr' ? fr : en;
  const topic = topics.find((t) => t.id === topicId) ?? topics[0];
  const s: Slots = {
    day: () => rng.pick(lx.days),
    time: () => `${rng.int(8, 19)}h${rng.pick(['', '15', '30', '45'])}`,
    city: () => rng.pick(cities),
    contact: () => `${fakerFR.person.firstName()} ${fakerFR.person.lastName()}`,
    n: () => String(rng.int(12, 4000)),
    amount: () => formatAmount(rng.int(3, 480) * 100, lang),
    v: () => String(rng.int(2, 9)),
    ref: () => `${rng.int(2016, 2017)}-${rng.digits(4)}`,
    media: () => rng.pick(lx.media),
    place: () => `la salle ${rng.pick(['Jean-Moulin', 'Pasteur', 'Colbert', 'Molière'])} de ${rng.pick(cities)}`,
    dept: () => rng.pick(['direction', 'presse', 'terrain', 'finances']),
    month: () => rng.pick(lx.months),
    date: () => `${rng.int(1, 28)}/${String(rng.int(1, 12)).padStart(2, '0')}`,
    phone: () => frenchMobile(rng),
    district: () => rng.pick(lx.districts),
    square: () => rng.pick(lx.squares),
    size: () => rng.pick(lx.sizes),
    doc: () => 'le document',
  };
  s.obj = (r) => expand(r.pick(topic.objects[lang]), r, s).replace(/^./, (c) => c.toLowerCase());
  s.obj2 = s.obj;
  return s;
}

/**
 * Builds a document's content. Lengths are log-normal (a budget may have 12 lines or 400) so file
 * sizes of one type vary widely and no template size betrays a decoy.
 */
export function buildContent(kind: DocKind, title: string, topicId: string, lang: 'fr' | 'en', rng: Rng, facts: Facts): DocContent {
  fakerFR.seed(rng.int(0, 2 ** 31));
  const lx = lang === 'fr' ? fr : en;
  const slots = slotsFor(rng, lang, topicId);
  const sentence = (p: string) => {
    const s = expand(p, rng, slots);
    return lang === 'en' ? tidyEn(s) : s;
  };
  const nPara = Math.min(300, Math.max(10, Math.round(rng.lognormal(kind === 'speech' || kind === 'minutes' ? 30 : 16, 1.1))));
  const paragraphs: string[] = [];
  const headings = new Map<number, string>();
  const hs = rng.shuffle(headingSets[kind]);
  for (let i = 0; i < nPara; i++) {
    if (i % Math.max(2, Math.round(nPara / hs.length)) === 0 && hs.length) headings.set(paragraphs.length, hs.shift() ?? '');
    const n = rng.int(2, 6);
    const parts = [sentence(rng.pick(lx.openers)), ...rng.sample(lx.middles, n).map(sentence)];
    paragraphs.push(parts.join(' '));
  }
  const factLine =
    lang === 'fr'
      ? `${rng.pick(['À noter', 'Pour mémoire', 'Cas particulier', 'Point à suivre'])} : ${facts.donorName} — ${formatAmount(facts.amount)} — tél. ${facts.phone} — IBAN ${formatIban(facts.iban)}.`
      : `Note: ${facts.donorName} — ${formatAmount(facts.amount, 'en')} — phone ${facts.phone} — IBAN ${formatIban(facts.iban)}.`;
  paragraphs.splice(rng.int(1, paragraphs.length - 1), 0, factLine);
  let table: DocContent['table'];
  const rowsN = Math.min(2000, Math.max(4, Math.round(rng.lognormal(kind === 'donors' || kind === 'volunteers' || kind === 'press' ? 90 : 25, 1.2))));
  const person = () => {
    const f = fakerFR.person.firstName();
    const l = fakerFR.person.lastName();
    return { name: `${f} ${l}`, email: `${slug(f)}.${slug(l)}@${rng.pick(['orange.fr', 'gmail.com', 'free.fr', 'laposte.net', 'sfr.fr'])}` };
  };
  switch (kind) {
    case 'budget': {
      const posts = ['Location de salles', 'Impression', 'Transport', 'Hébergement', 'Sonorisation', 'Sécurité', 'Numérique', 'Affichage', 'Restauration', 'Frais postaux', 'Prestataires', 'Matériel', 'Communication', 'Déplacements candidat', 'Vidéo'];
      table = { headers: ['Poste', 'Ville', 'Prévu (€)', 'Engagé (€)', 'Écart (€)'], numericFrom: 2, rows: [] };
      for (let i = 0; i < rowsN; i++) {
        const p = rng.int(5, 900) * 50;
        const e = Math.round(p * (0.6 + rng.next() * 0.7));
        table.rows.push([rng.pick(posts), rng.pick(cities), String(p), String(e), String(e - p)]);
      }
      table.rows.splice(rng.int(0, table.rows.length), 0, [`Don ${facts.donorName}`, facts.phone, facts.amount.toFixed(2), facts.amount.toFixed(2), '0']);
      break;
    }
    case 'donors':
    case 'volunteers':
    case 'press': {
      table = { headers: kind === 'press' ? ['Nom', 'Média', 'Courriel', 'Téléphone'] : kind === 'donors' ? ['Nom', 'Ville', 'Montant (€)', 'Courriel', 'Téléphone'] : ['Nom', 'Ville', 'Disponibilités', 'Courriel', 'Téléphone'], numericFrom: kind === 'donors' ? 2 : 99, rows: [] };
      for (let i = 0; i < rowsN; i++) {
        const p = person();
        const phone = frenchMobile(rng);
        if (kind === 'press') table.rows.push([p.name, rng.pick(lx.media), p.email, phone]);
        else if (kind === 'donors') table.rows.push([p.name, rng.pick(cities), String(rng.pick([50, 100, 150, 200, 500, 1000, 2500, 7500])), p.email, phone]);
        else table.rows.push([p.name, rng.pick(cities), rng.pick(['week-ends', 'soirs', 'samedi matin', 'toute la semaine', 'mercredi']), p.email, phone]);
      }
      const fr0 = kind === 'press' ? [facts.donorName, rng.pick(lx.media), '', facts.phone] : [facts.donorName, rng.pick(cities), kind === 'donors' ? facts.amount.toFixed(2) : 'soirs', '', facts.phone];
      table.rows.splice(rng.int(0, table.rows.length), 0, fr0);
      break;
    }
    case 'travel': {
      table = { headers: ['Heure', 'Étape', 'Lieu', 'Contact'], numericFrom: 99, rows: [] };
      for (let i = 0; i < Math.min(rowsN, 40); i++) table.rows.push([`${rng.int(7, 22)}h${rng.pick(['00', '15', '30', '45'])}`, rng.pick(['Arrivée gare', 'Visite', 'Déjeuner', 'Réunion publique', 'Interview', 'Rencontre élus', 'Départ']), rng.pick(cities), frenchMobile(rng)]);
      table.rows.push(['—', 'Contact urgence', facts.donorName, facts.phone]);
      break;
    }
    default:
      // Some notes carry an annex (distribution list, attendance): documents of one type differ in shape, not just length.
      if (rng.chance(0.4)) {
        table = { headers: ['Nom', 'Fonction', 'Courriel'], numericFrom: 99, rows: [] };
        for (let i = 0; i < rowsN; i++) {
          const p = person();
          table.rows.push([p.name, rng.pick(['référent', 'bénévole', 'élu local', 'chargé de mission', 'délégué', 'invité']), p.email]);
        }
      }
      break;
  }
  return { title, subtitle: `${rng.pick(['Version de travail', 'Version provisoire', 'Diffusion restreinte', 'Confidentiel', 'Note interne'])} – ${rng.pick(cities)}`, paragraphs, headings, table, facts };
}
