import { faker as fakerFR } from '@faker-js/faker/locale/fr';
import type { Rng } from '../random.ts';
import { frenchMobile } from '../personas.ts';
import type { EncodeContext, Extracted, MarkerModule, Observation } from './types.ts';

/** Invented facts unique to one artifact: if they show up in a leak, they came from that decoy. */
export interface Facts {
  donorName: string;
  /** In euros, with cents (a round amount would not be distinctive). */
  amount: number;
  phone: string;
  iban: string;
}

function mod97(digits: string): number {
  let r = 0;
  for (const ch of digits) r = (r * 10 + Number(ch)) % 97;
  return r;
}

/** A French IBAN with a valid RIB key and valid ISO 13616 check digits (so validators accept it). */
export function frenchIban(rng: Rng): string {
  const bank = rng.pick(['30004', '30003', '10278', '20041', '30002', '11315', '13335', '16606']) ;
  const branch = rng.digits(5);
  const account = rng.digits(11);
  const rib = 97 - ((89 * Number(bank) + 15 * Number(branch) + 3 * Number(account)) % 97);
  const bban = `${bank}${branch}${account}${String(rib).padStart(2, '0')}`;
  const check = 98 - mod97(`${bban}152700`); // "FR00" moved to the end, F=15, R=27
  return `FR${String(check).padStart(2, '0')}${bban}`;
}

export function ibanValid(iban: string): boolean {
  const s = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(s)) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  const digits = moved.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return mod97(digits) === 1;
}

export function formatIban(iban: string): string {
  return iban.replace(/(.{4})/g, '$1 ').trim();
}

/** "4 372,18 €" (French grouping with a plain space) or "€4,372.18"; by hand, Intl is slow in bulk. */
export function formatAmount(amount: number, lang: 'fr' | 'en' = 'fr'): string {
  const [int, dec] = amount.toFixed(2).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'fr' ? ' ' : ',');
  return lang === 'fr' ? `${grouped},${dec} €` : `€${grouped}.${dec}`;
}

const norm = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();

export function factValues(f: Facts): Observation[] {
  return [
    { kind: 'fact', value: `name:${norm(f.donorName)}`, detail: f.donorName },
    { kind: 'fact', value: `amount:${f.amount.toFixed(2)}`, detail: formatAmount(f.amount) },
    { kind: 'fact', value: `phone:${f.phone.replace(/\D/g, '')}`, detail: f.phone },
    { kind: 'fact', value: `iban:${f.iban}`, detail: formatIban(f.iban) },
  ];
}

/** Draws facts never used before in this kit (`used` is shared by the whole generation). */
export function inventFacts(rng: Rng, used: Set<string>): Facts {
  for (;;) {
    fakerFR.seed(rng.int(0, 2 ** 31));
    const f: Facts = {
      donorName: `${fakerFR.person.firstName()} ${fakerFR.person.lastName()}`,
      amount: rng.int(150, 7499) + rng.int(1, 99) / 100,
      phone: frenchMobile(rng),
      iban: frenchIban(rng),
    };
    const vals = factValues(f).map((o) => o.value);
    if (vals.some((v) => used.has(v))) continue;
    for (const v of vals) used.add(v);
    return f;
  }
}

export interface FactsPayload {
  facts: Facts;
}

export const facts: MarkerModule<FactsPayload> = {
  kind: 'fact',
  describe: 'Faits inventés uniques (nom de donateur, montant, téléphone, IBAN valide) / unique invented facts',
  encode(ctx: EncodeContext) {
    const f = inventFacts(ctx.rng, factsUsed(ctx));
    return { facts: f, register: factValues(f) };
  },
  decode(x: Extracted): Observation[] {
    const out = new Map<string, Observation>();
    const add = (value: string, detail: string) => out.set(value, { kind: 'fact', value, detail });
    const t = x.text.replace(/[\u200b-\u200d\u2060\ufeff]/g, '');
    for (const m of t.matchAll(/\bFR\d{2}(?:\s?\d{4}){5}\s?\d{3}\b/g)) {
      const iban = m[0].replace(/\s/g, '');
      if (ibanValid(iban)) add(`iban:${iban}`, m[0]);
    }
    for (const m of t.matchAll(/(?<!\d)0[1-9](?:[ .]?\d{2}){4}(?!\d)/g)) add(`phone:${m[0].replace(/\D/g, '')}`, m[0]);
    for (const m of t.matchAll(/(?<![\d,.])(\d{1,3}(?:[  \u202f.]\d{3})*|\d+),(\d{2})\s?€/g)) add(`amount:${m[1].replace(/\D/g, '')}.${m[2]}`, m[0]);
    for (const m of t.matchAll(/€(\d{1,3}(?:,\d{3})*)\.(\d{2})/g)) add(`amount:${m[1].replace(/\D/g, '')}.${m[2]}`, m[0]);
    for (const m of t.matchAll(/\p{Lu}[\p{Ll}'-]+(?:-\p{Lu}[\p{Ll}]+)? (?:(?:de|du|le|la) )?\p{Lu}[\p{L}'-]+/gu)) add(`name:${norm(m[0])}`, m[0]);
    return [...out.values()];
  },
};

const usedSets = new WeakMap<Buffer, Set<string>>();
/** Facts already drawn with this key in this process (the kit generator passes its own set instead). */
function factsUsed(ctx: EncodeContext): Set<string> {
  let s = usedSets.get(ctx.key);
  if (!s) usedSets.set(ctx.key, (s = new Set()));
  return s;
}
