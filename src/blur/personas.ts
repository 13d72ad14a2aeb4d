// Per-locale entries: the same instances as the package's fakerFR / fakerEN_GB, without loading its 60 other locales.
import { faker as fakerFR } from '@faker-js/faker/locale/fr';
import { faker as fakerEN_GB } from '@faker-js/faker/locale/en_GB';
import type { OrgContext, StaffMember } from '../org/index.ts';
import { ValidationError } from '../core/errors.ts';
import type { ContactKind } from './lexicon.ts';
import { cities, en, fr, venueWords } from './lexicon.ts';
import { Rng } from './random.ts';

export type Register = 'tu' | 'vous';

/** A decoy member of staff. Pure data: generated from the seed, written into the kit and the registry. */
export interface Persona {
  id: string;
  firstName: string;
  lastName: string;
  fullName: string;
  email: string;
  department: string;
  role: string;
  phone: string;
  lang: 'fr' | 'en';
  /** How they address colleagues (outside contacts always get "vous" in French). */
  register: Register;
  greetings: { tu: string[]; vous: string[] };
  signoffs: { tu: string[]; vous: string[] };
  signature: string;
  /** Probability that a sentence carries a typing slip. */
  typoRate: number;
  /** Local working hours (Europe/Paris). */
  hours: { start: number; end: number };
  /** Answers mail in the evening and at weekends, as campaign staff do. */
  lateWorker: boolean;
}

/** Someone outside the organisation the decoys correspond with. */
export interface Contact {
  id: string;
  kind: ContactKind;
  fullName: string;
  firstName: string;
  lastName: string;
  email: string;
  organisation: string;
  phone: string;
  lang: 'fr' | 'en';
  /** Time zone of their mail client: most are in Paris; English-language press writes from London. */
  timeZone: 'paris' | 'london';
}

/** The default chart when the organisation has no staff directory: a campaign team. */
export const defaultChart: Array<[string, string, number]> = [
  // department, role, weight
  ['direction', 'directeur de campagne', 1], ['direction', 'chargé de mission', 4], ['direction', 'assistante de direction', 2],
  ['finances', 'trésorier', 1], ['finances', 'responsable des dons', 2], ['finances', 'comptable', 2],
  ['presse', 'responsable presse', 1], ['presse', 'attaché de presse', 3], ['presse', 'rédactrice', 2],
  ['terrain', 'responsable des bénévoles', 2], ['terrain', 'coordinateur régional', 4], ['terrain', 'bénévole', 5],
  ['événements', 'chargée de la logistique', 3], ['événements', 'régisseur', 1],
  ['numérique', 'chargée des réseaux sociaux', 2], ['numérique', 'analyste données', 1], ['programme', 'conseiller thématique', 3],
];

export type AddressFormat = 'prenom.nom' | 'p.nom' | 'pnom' | 'prenom' | 'nom.prenom' | 'prenom-nom';

export function slug(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function local(first: string, last: string, f: AddressFormat): string {
  const a = slug(first).replace(/-/g, '');
  const b = slug(last).replace(/-/g, '');
  switch (f) {
    case 'prenom.nom':
      return `${slug(first)}.${slug(last)}`;
    case 'p.nom':
      return `${a[0]}.${b}`;
    case 'pnom':
      return `${a[0]}${b}`;
    case 'prenom':
      return a;
    case 'nom.prenom':
      return `${b}.${a}`;
    case 'prenom-nom':
      return `${a}-${b}`;
  }
}

/** The address shape the real staff use, by majority vote; `prenom.nom` when nothing is known. */
export function inferAddressFormat(staff: StaffMember[], domain: string): AddressFormat {
  const votes = new Map<AddressFormat, number>();
  const formats: AddressFormat[] = ['prenom.nom', 'p.nom', 'pnom', 'nom.prenom', 'prenom-nom', 'prenom'];
  for (const s of staff) {
    const [lp, d] = s.email.toLowerCase().split('@');
    if (d !== domain) continue;
    const parts = s.fullName.trim().split(/\s+/);
    if (parts.length < 2) continue;
    const first = parts[0];
    const last = parts.slice(1).join(' ');
    const f = formats.find((x) => local(first, last, x) === lp);
    if (f) votes.set(f, (votes.get(f) ?? 0) + 1);
  }
  let best: AddressFormat = 'prenom.nom';
  let n = 0;
  for (const [f, c] of votes) if (c > n) [best, n] = [f, c];
  return best;
}

/** The chart to imitate: real departments and roles with their frequencies, or the default campaign chart. */
export function chartOf(org: OrgContext): Array<[string, string, number]> {
  const counts = new Map<string, number>();
  for (const s of org.staff) {
    const d = s.department?.trim();
    const r = s.role?.trim();
    if (!d || !r) continue; // staff rows with missing fields still block names, but do not shape the chart
    const k = `${d}\u0000${r}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  if (counts.size < 2) return defaultChart;
  return [...counts].map(([k, n]) => {
    const [d, r] = k.split('\u0000');
    return [d, r, n];
  });
}

export function frenchMobile(rng: Rng): string {
  return `0${rng.pick(['6', '7'])} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)}`;
}

export function frenchLandline(rng: Rng): string {
  return `0${rng.int(1, 5)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)}`;
}

/** Names already taken: real staff (and their aliases) are never reused, nor their addresses. */
function takenNames(org: OrgContext): { names: Set<string>; lastNames: Set<string>; emails: Set<string> } {
  const names = new Set<string>();
  const lastNames = new Set<string>();
  const emails = new Set<string>();
  for (const s of org.staff) {
    const n = slug(s.fullName);
    if (n) names.add(n);
    const parts = s.fullName.trim().split(/\s+/);
    if (parts.length > 1) lastNames.add(slug(parts.slice(1).join(' ')));
    emails.add(s.email.toLowerCase());
    for (const a of s.aliases ?? []) emails.add(a.toLowerCase());
  }
  return { names, lastNames, emails };
}

/**
 * Generates `count` decoy staff for the organisation: roles drawn from its real chart, names that
 * collide with no real member (not even by last name, so a decoy is never mistaken for a relative),
 * addresses in the organisation's own format.
 */
export function generatePersonas(org: OrgContext, count: number, seed: string, lang: 'fr' | 'en' = 'fr'): Persona[] {
  if (!Number.isInteger(count) || count < 1 || count > 2000) throw ValidationError('blur.personas_count', 'Le nombre de personas doit être entre 1 et 2000 / personas must be 1..2000');
  const domain = org.protectedDomains[0];
  if (!domain) throw ValidationError('blur.no_domain', 'Aucun domaine protégé : ajoutez-en un (rempart org domains add) / no protected domain configured');
  const rng = new Rng(`${seed}:personas`);
  const faker = lang === 'fr' ? fakerFR : fakerEN_GB;
  faker.seed(rng.int(0, 2 ** 31));
  const format = inferAddressFormat(org.staff, domain);
  const chart = chartOf(org).map(([d, r, w]) => [[d, r], w] as const);
  const taken = takenNames(org);
  const out: Persona[] = [];
  const lx = lang === 'fr' ? fr : en;
  for (let i = 0; out.length < count && i < count * 50; i++) {
    const sex = rng.chance(0.5) ? 'female' : 'male';
    const firstName = faker.person.firstName(sex);
    const lastName = faker.person.lastName();
    const fullName = `${firstName} ${lastName}`;
    if (taken.names.has(slug(fullName)) || taken.lastNames.has(slug(lastName))) continue;
    let email = `${local(firstName, lastName, format)}@${domain}`;
    if (taken.emails.has(email)) email = `${local(firstName, lastName, format)}${rng.int(2, 9)}@${domain}`;
    if (taken.emails.has(email)) continue;
    taken.names.add(slug(fullName));
    taken.lastNames.add(slug(lastName));
    taken.emails.add(email);
    const [department, role] = rng.weighted(chart);
    const phone = frenchMobile(rng);
    const register: Register = rng.chance(lang === 'fr' ? 0.7 : 0.9) ? 'tu' : 'vous';
    const sigStyle = rng.int(0, 3);
    const signature = [
      `${fullName}\n${role}\n${org.name || domain}\n${phone}`,
      `--\n${firstName} ${lastName.toUpperCase()} | ${role}\nT. ${phone}`,
      `${firstName}\n${role} – ${department}`,
      `${fullName} · ${role}\n${phone} · ${domain}`,
    ][sigStyle];
    out.push({
      id: `p${String(out.length + 1).padStart(3, '0')}`,
      firstName,
      lastName,
      fullName,
      email,
      department,
      role,
      phone,
      lang,
      register,
      greetings: { tu: rng.sample(lx.greetings.tu, 3), vous: rng.sample(lx.greetings.vous, 3) },
      signoffs: { tu: rng.sample(lx.signoffs.tu, 3), vous: rng.sample(lx.signoffs.vous, 3) },
      signature,
      typoRate: rng.pick([0, 0.005, 0.01, 0.02, 0.04]),
      hours: { start: rng.int(7, 10), end: rng.int(18, 21) },
      lateWorker: rng.chance(0.35),
    });
  }
  if (out.length < count) throw ValidationError('blur.personas_names', 'Impossible de trouver assez de noms libres / not enough free names');
  return out;
}

const orgWords: Record<ContactKind, string[]> = {
  printer: ['Imprimerie', 'Reprographie', 'Atelier graphique', 'Imprimerie du'],
  venue: venueWords,
  press: fr.media,
  donor: [''],
  volunteer: [''],
  agency: ['Voyages', 'Agence', 'Transports', 'Cars'],
  internal: [''],
};

/** Outside correspondents: printers, venues, journalists, donors, volunteers, travel agencies. */
export function generateContacts(personas: Persona[], count: number, seed: string): Contact[] {
  const rng = new Rng(`${seed}:contacts`);
  fakerFR.seed(rng.int(0, 2 ** 31));
  fakerEN_GB.seed(rng.int(0, 2 ** 31));
  const kinds: Array<readonly [ContactKind, number]> = [['printer', 2], ['venue', 3], ['press', 4], ['donor', 4], ['volunteer', 5], ['agency', 2]];
  const used = new Set(personas.map((p) => slug(p.lastName)));
  const out: Contact[] = [];
  for (let i = 0; out.length < count && i < count * 20; i++) {
    const kind = rng.weighted(kinds);
    const english = kind === 'press' && rng.chance(0.2);
    const faker = english ? fakerEN_GB : fakerFR;
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    if (used.has(slug(lastName))) continue;
    used.add(slug(lastName));
    const city = rng.pick(cities);
    let organisation = '';
    let domain: string;
    if (kind === 'donor' || kind === 'volunteer') {
      domain = rng.pick(['orange.fr', 'free.fr', 'laposte.net', 'sfr.fr', 'gmail.com', 'wanadoo.fr', 'yahoo.fr', 'hotmail.fr']);
    } else if (kind === 'press') {
      organisation = english ? rng.pick(en.media) : rng.pick(fr.media);
      domain = `${slug(organisation).replace(/^(le|la|l)-/, '')}.${english ? 'co.uk' : 'fr'}`;
    } else {
      organisation = kind === 'venue' ? `${rng.pick(venueWords)} ${faker.person.lastName()} – ${city}` : `${rng.pick(orgWords[kind])} ${faker.person.lastName()}`;
      domain = `${slug(organisation.split('–')[0]).slice(0, 30)}.fr`;
    }
    const lp = kind === 'donor' || kind === 'volunteer' ? `${slug(firstName)}${rng.chance(0.5) ? '.' : ''}${slug(lastName)}${rng.chance(0.4) ? rng.int(10, 99) : ''}` : `${slug(firstName)[0]}.${slug(lastName)}`;
    out.push({
      id: `c${String(out.length + 1).padStart(3, '0')}`,
      kind,
      firstName,
      lastName,
      fullName: `${firstName} ${lastName}`,
      email: `${lp}@${domain}`,
      organisation,
      phone: rng.chance(0.5) ? frenchMobile(rng) : frenchLandline(rng),
      lang: english ? 'en' : 'fr',
      timeZone: english ? 'london' : 'paris',
    });
  }
  return out;
}
