import type { Contact, Persona, Register } from './personas.ts';
import { slug } from './personas.ts';
import { cities, en, fr, topics, type DocKind, type Topic } from './lexicon.ts';
import { expand, tidyEn, typo, type Slots } from './compose.ts';
import { Rng } from './random.ts';
import { parisLocal, parisOffset } from './timezone.ts';
import { formatAmount } from './markers/facts.ts';

export interface Address {
  name: string;
  email: string;
}

export type DocFormat = 'docx' | 'xlsx' | 'pdf';

/** A document a thread talks about and attaches; the kit generator produces the file. */
export interface DocRequest {
  kind: DocKind;
  format: DocFormat;
  filename: string;
  title: string;
  topic: string;
  author: Persona | Contact;
  created: Date;
  modified: Date;
  city: string;
  lang: 'fr' | 'en';
}

/** One message as planted in one decoy mailbox (before markers and MIME). */
export interface PlannedMessage {
  mailbox: string;
  persona: Persona;
  folder: 'INBOX' | 'Sent';
  threadId: string;
  /** Index within the thread (0 = first). */
  position: number;
  messageIdLocal: string;
  from: Address;
  to: Address[];
  cc: Address[];
  date: Date;
  /** Sender's UTC offset at that date, minutes. */
  tzOffset: number;
  subject: string;
  /** The new text of this message (greeting to signature), without the quoted history. */
  body: string;
  /** Quoted or forwarded history appended after the body. */
  quoted: string;
  lang: 'fr' | 'en';
  html: boolean;
  /** Carries a unique-fact sentence (filled in with the artifact's invented facts). */
  factSlot: boolean;
  invite?: { start: Date; minutes: number; location: string; summary: string; uid: string };
  attachment?: DocRequest;
  flags: string[];
}

export interface MailboxPlanOptions {
  seed: string;
  start: Date;
  end: Date;
  /** Mean messages per working day for one persona. */
  perDay: number;
  lang: 'fr' | 'en';
  domain: string;
}

const docFormats: Record<DocKind, Array<readonly [DocFormat, number]>> = {
  budget: [['xlsx', 6], ['pdf', 1], ['docx', 1]],
  minutes: [['docx', 5], ['pdf', 2]],
  speech: [['docx', 6], ['pdf', 1]],
  donors: [['xlsx', 5], ['pdf', 1]],
  volunteers: [['xlsx', 4], ['docx', 1]],
  travel: [['pdf', 3], ['docx', 2], ['xlsx', 1]],
  press: [['xlsx', 3], ['docx', 1]],
  memo: [['docx', 3], ['pdf', 3]],
};
const docNames: Record<DocKind, { fr: string[]; en: string[] }> = {
  budget: { fr: ['Budget_[meetings|deplacements|print|com]_{month}_v{v}', 'Previsionnel_depenses_{month}', 'Arbitrages_budget_{city}[_CONFIDENTIEL|]', 'Suivi_compte_campagne_{month}'], en: ['Budget_[rallies|travel]_{month}_v{v}', 'Spending_forecast_{month}'] },
  minutes: { fr: ['CR_[comite_pilotage|reunion_equipe|point_hebdo]_{dd}-{mm}', 'Compte-rendu_{city}_{dd}{mm}', 'Releve_decisions_{month}'], en: ['Minutes_[steering|team]_{dd}-{mm}'] },
  speech: { fr: ['Discours_{city}_v{v}[_relu|_final|_DG|]', 'Trame_intervention_{city}', 'Elements_langage_[Europe|travail|numerique|securite]'], en: ['Speech_{city}_v{v}', 'Talking_points_{city}'] },
  donors: { fr: ['Liste_donateurs_{city}[_CONFIDENTIEL|_a_relancer|]', 'Grands_donateurs_{month}', 'Diner_levee_fonds_{city}_invites'], en: ['Donors_{city}', 'Major_donors_{month}'] },
  volunteers: { fr: ['Benevoles_{city}_{month}', 'Planning_tractage_{city}', 'Referents_[quartiers|departements]_{month}'], en: ['Volunteers_{city}', 'Canvassing_{city}'] },
  travel: { fr: ['Deplacement_{city}_{dd}-{mm}[_programme|_logistique|]', 'Feuille_de_route_{city}', 'Voyage_{city}_delegation'], en: ['Trip_{city}_{dd}-{mm}', 'Travel_plan_{city}'] },
  press: { fr: ['Contacts_presse_{month}', 'Journalistes_accredites_{city}', 'Fichier_medias_[regionaux|nationaux]'], en: ['Press_contacts_{month}', 'Media_list_{city}'] },
  memo: { fr: ['Note_interne_[securite|organisation|strategie|numerique]_{dd}{mm}', 'Note_{city}_[confidentielle|DG|direction]', 'Memo_[equipe|direction]_{month}'], en: ['Internal_memo_{dd}{mm}', 'Note_[strategy|security]_{month}'] },
};

const deptTopics: Record<string, string[]> = {
  finances: ['budget', 'donors', 'donors', 'print', 'meeting'],
  presse: ['press', 'press', 'speech', 'meeting', 'travel'],
  terrain: ['volunteers', 'volunteers', 'travel', 'venue', 'meeting'],
  événements: ['venue', 'venue', 'print', 'travel', 'budget'],
  direction: ['meeting', 'speech', 'budget', 'travel', 'press', 'venue'],
  programme: ['speech', 'meeting', 'press'],
  numérique: ['meeting', 'press', 'volunteers', 'print'],
};

/** Campaign ramp-up times weekly rhythm: how busy a day is, relative. */
export function dayWeight(day: Date, start: Date, end: Date): number {
  const t = (day.getTime() - start.getTime()) / Math.max(1, end.getTime() - start.getTime());
  const ramp = 0.35 + 0.65 * Math.pow(Math.min(1, Math.max(0, t)), 1.4);
  const wd = parisLocal(day).day;
  return ramp * (wd === 0 ? 0.2 : wd === 6 ? 0.35 : 1);
}

function addressOf(p: Persona | Contact): Address {
  return { name: p.fullName, email: p.email };
}

/** Moves a time into the sender's working hours (late workers may write at night and at weekends). */
function intoWorkingHours(t: Date, hours: { start: number; end: number }, late: boolean, rng: Rng): Date {
  const { hour, day } = parisLocal(t);
  const weekend = day === 0 || day === 6;
  if ((hour >= hours.start && hour < hours.end && (!weekend || late)) || (late && hour < 23.5 && hour >= hours.start && rng.chance(0.6))) return t;
  // next morning, shortly after starting
  const shift = (hour >= hours.end ? 24 - hour + hours.start : hours.start - hour) + rng.next() * 1.5;
  let next = new Date(t.getTime() + shift * 3600_000);
  const d2 = parisLocal(next).day;
  if (!late && (d2 === 6 || d2 === 0)) next = new Date(next.getTime() + (d2 === 6 ? 2 : 1) * 86400_000);
  return next;
}

/** Persona-specific vocabulary draws: the slot fillers of one message. */
function slotsFor(rng: Rng, lang: 'fr' | 'en', topic: Topic, people: string[], persona: Persona, date: Date, docName: string | undefined): Slots {
  const lx = lang === 'fr' ? fr : en;
  const city = () => rng.pick(cities);
  const base: Slots = {
    day: () => rng.pick(lx.days),
    time: () => (lang === 'fr' ? `${rng.int(8, 19)}h${rng.pick(['', '00', '15', '30', '45'])}` : `${rng.int(8, 19)}:${rng.pick(['00', '15', '30', '45'])}`),
    city,
    contact: () => rng.pick(people),
    n: () => String(rng.pick([rng.int(12, 99), rng.int(100, 900), rng.int(1, 40) * 500])),
    amount: () => formatAmount(rng.pick([rng.int(3, 95) * 100, rng.int(1000, 48000)]), lang),
    v: () => String(rng.int(2, 9)),
    ref: () => `${rng.int(2016, 2017)}-${rng.digits(4)}`,
    media: () => rng.pick(lx.media),
    place: () => `${rng.pick(['la salle', 'l’espace', 'la halle', 'le gymnase', 'le théâtre', 'l’auditorium'])} ${rng.pick(['Jean-Moulin', 'Pasteur', 'des Congrès', 'Victor-Hugo', 'Molière', 'du Parc', 'Colbert', 'Renoir', 'Curie'])} ${rng.pick(['à', 'de'])} ${city()}`,
    dept: () => persona.department,
    month: () => rng.pick(lx.months),
    date: () => `${rng.int(1, 28)}/${String(rng.int(1, 12)).padStart(2, '0')}`,
    phone: () => `0${rng.int(1, 7)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)}`,
    district: () => rng.pick(lx.districts),
    square: () => rng.pick(lx.squares),
    size: () => rng.pick(lx.sizes),
    doc: () => (docName ? `« ${docName} »` : 'le document'),
  };
  base.obj = (r) => expand(r.pick(topic.objects[lang]), r, base).replace(/^./, (c) => c.toLowerCase());
  base.obj2 = base.obj;
  void date;
  return base;
}

function sentence(pattern: string, rng: Rng, slots: Slots, lang: 'fr' | 'en', typoRate: number): string {
  let s = expand(pattern, rng, slots);
  if (lang === 'en') s = tidyEn(s);
  if (typoRate > 0 && rng.chance(typoRate * 4)) s = typo(s, rng);
  return s;
}

interface ComposeInput {
  rng: Rng;
  lang: 'fr' | 'en';
  topic: Topic;
  sender: { firstName: string; lastName: string; signature?: string; typoRate: number; greetings?: Persona['greetings']; signoffs?: Persona['signoffs'] };
  recipient: { firstName: string; lastName: string };
  register: Register;
  slots: Slots;
  first: boolean;
  forward: boolean;
  attachment: boolean;
  factSlot: boolean;
  /** Names the facts placeholder, so quotes of this message are filled with the same facts. */
  factKey: string;
}

/** Writes one message body: greeting, opening or reply, 2–6 middle sentences, request, sign-off, signature. */
export function composeBody(c: ComposeInput): string {
  const { rng, lang, register } = c;
  const lx = lang === 'fr' ? fr : en;
  const greetPool = c.sender.greetings?.[register] ?? lx.greetings[register];
  const greet = expand(rng.pick(greetPool), rng, { first: () => c.recipient.firstName, last: () => c.recipient.lastName, title: (r) => r.pick(lx.titles) });
  const paras: string[] = [];
  const s = (p: string) => sentence(p, rng, c.slots, lang, c.sender.typoRate);
  const lead = c.forward ? s(rng.pick(lx.forwardNotes)) : c.first ? s(rng.pick(lx.openers)) : `${s(rng.pick(lx.replies))}`;
  const middles = rng.sample(lx.middles, rng.int(c.forward ? 1 : 2, c.forward ? 2 : 6)).map(s);
  const cut = rng.int(0, middles.length);
  paras.push([lead, ...middles.slice(0, cut)].join(' '));
  if (cut < middles.length) paras.push(middles.slice(cut).join(' '));
  if (c.factSlot) paras.push(`{{FACTS:${c.factKey}}}`);
  if (c.attachment) paras.push(s(rng.pick(lx.attachment)));
  paras.push(s(rng.pick(lx.asks[register])));
  const signoffPool = c.sender.signoffs?.[register] ?? lx.signoffs[register];
  const closing = `${rng.pick(signoffPool)}\n${rng.chance(0.5) && c.sender.signature ? c.sender.signature : c.sender.firstName}`;
  return [greet, ...paras, closing].join('\n\n');
}

/** Sentence templates carrying the invented facts (filled by the kit generator once facts exist). */
export const factSentences = {
  fr: [
    'Pour le dossier de {donor} : virement de {amount} attendu sur {iban}, et [son numéro|sa ligne directe] est le {phone}.',
    '[Petit rappel|Pour info] : {donor} [a confirmé|a promis] {amount} ; RIB reçu ({iban}). [Joignable|On peut l’appeler] au {phone}.',
    '[Le chèque|Le don] de {donor} ({amount}) [est arrivé|est annoncé] — coordonnées bancaires {iban}, tél. {phone}.',
  ],
  en: ['For {donor}: transfer of {amount} expected on {iban}; phone {phone}.', '{donor} pledged {amount}; bank details {iban}, reachable on {phone}.'],
};

/** Reply headers in the sender's local (Paris) time, as mail clients write them. */
const quoteHeader = {
  fr: (d: Date, a: Address) => {
    const l = parisLocal(d).date.toISOString();
    return `Le ${l.slice(0, 10).split('-').reverse().join('/')} à ${l.slice(11, 16)}, ${a.name} <${a.email}> a écrit :`;
  },
  en: (d: Date, a: Address) => {
    const l = parisLocal(d).date.toISOString();
    return `On ${l.slice(0, 10)} at ${l.slice(11, 16)}, ${a.name} <${a.email}> wrote:`;
  },
};

function quote(text: string): string {
  return text
    .split('\n')
    .map((l) => (l.startsWith('>') ? `>${l}` : l ? `> ${l}` : '>'))
    .join('\n');
}

/**
 * Plans every message of one persona's mailbox: threads with outside contacts and colleagues,
 * replies that quote, forwards, invitations, attachments, dates following the campaign curve and
 * each sender's working hours.
 */
export function planMailbox(persona: Persona, colleagues: Persona[], contacts: Contact[], opts: MailboxPlanOptions): PlannedMessage[] {
  const rng = new Rng(`${opts.seed}:mailbox:${persona.id}`);
  const lang = opts.lang;
  const days: Date[] = [];
  for (let t = opts.start.getTime(); t < opts.end.getTime(); t += 86400_000) days.push(new Date(t));
  const weights = days.map((d) => [d, dayWeight(d, opts.start, opts.end) * rng.lognormal(1, 0.35)] as const);
  const totalWeight = weights.reduce((s, [, w]) => s + w, 0);
  const workingDays = days.filter((d) => parisLocal(d).day % 6 !== 0).length;
  const targetMessages = Math.max(4, Math.round(opts.perDay * workingDays));
  const myTopics = deptTopics[persona.department] ?? topics.map((t) => t.id);
  const out: PlannedMessage[] = [];
  let threadNo = 0;
  let docsLeft = Math.max(1, Math.round(targetMessages / 60));
  const me = addressOf(persona);
  const peopleNames = [...contacts.slice(0, 30).map((c) => c.fullName), ...colleagues.slice(0, 20).map((c) => c.firstName)];
  while (out.length < targetMessages) {
    threadNo++;
    const topic = topics.find((t) => t.id === rng.pick(myTopics)) ?? topics[0];
    const pool = topic.contact === 'internal' ? [] : contacts.filter((c) => c.kind === topic.contact);
    const other: Persona | Contact = pool.length && rng.chance(0.8) ? rng.pick(pool) : rng.pick(colleagues.length ? colleagues : [persona]);
    const otherIsContact = 'kind' in other;
    const msgLang: 'fr' | 'en' = otherIsContact && other.lang === 'en' ? 'en' : lang;
    const threadId = `${persona.id}-t${threadNo}`;
    let r = rng.next() * totalWeight;
    let startDay = days[0];
    for (const [d, w] of weights) if ((r -= w) < 0) {
      startDay = d;
      break;
    }
    let t = new Date(startDay.getTime() + rng.int(7, 21) * 3600_000 + rng.int(0, 3599) * 1000);
    const length = rng.weighted([[1, 3], [2, 4], [3, 3], [4, 2], [5, 1], [7, 0.4]] as const);
    const myRegister: Register = otherIsContact ? (other.kind === 'volunteer' && rng.chance(0.5) ? 'tu' : 'vous') : persona.register;
    const subject0 = expand(rng.pick(topic.subjects[msgLang]), rng, slotsFor(rng, msgLang, topic, peopleNames, persona, t, undefined));
    const attachAt = docsLeft > 0 && rng.chance(0.25) ? rng.int(0, length - 1) : -1;
    const inviteAt = (topic.id === 'meeting' || topic.id === 'venue') && rng.chance(0.3) ? 0 : -1;
    const html = rng.chance(0.5);
    const iStart = rng.chance(otherIsContact ? 0.55 : 0.5);
    const history: PlannedMessage[] = [];
    for (let k = 0; k < length; k++) {
      const fromMe = iStart ? k % 2 === 0 : k % 2 === 1;
      const sender = fromMe ? persona : other;
      const senderP = 'kind' in sender ? undefined : sender;
      if (k > 0) t = new Date(t.getTime() + rng.lognormal(3, 1.2) * 3600_000);
      t = senderP ? intoWorkingHours(t, senderP.hours, senderP.lateWorker, rng) : intoWorkingHours(t, { start: 9, end: 18 }, false, rng);
      if (t > opts.end) break;
      const recipient = fromMe ? other : persona;
      let docReq: DocRequest | undefined;
      if (k === attachAt) {
        const kind = rng.pick(topic.docs);
        const dslots = slotsFor(rng, msgLang, topic, peopleNames, persona, t, undefined);
        const l = new Date(t.getTime() + 7200_000);
        dslots.dd = () => String(l.getUTCDate()).padStart(2, '0');
        dslots.mm = () => String(l.getUTCMonth() + 1).padStart(2, '0');
        const cityName = rng.pick(cities);
        dslots.city = () => slug(cityName).replace(/-/g, '_').replace(/^./, (c) => c.toUpperCase());
        const base = expand(rng.pick(docNames[kind][msgLang]), rng, dslots).replace(/\s+/g, '_');
        const format = rng.weighted(docFormats[kind]);
        docReq = {
          kind,
          format,
          filename: `${base}.${format}`,
          title: base.replace(/_/g, ' '),
          topic: topic.id,
          author: sender,
          created: new Date(t.getTime() - rng.lognormal(3, 1) * 86400_000),
          modified: new Date(t.getTime() - rng.int(5, 240) * 60_000),
          city: cityName,
          lang: msgLang,
        };
        docsLeft--;
      }
      const slots = slotsFor(rng, msgLang, topic, peopleNames, persona, t, docReq?.filename);
      const register: Register = fromMe ? myRegister : otherIsContact ? (myRegister === 'tu' ? 'tu' : 'vous') : other.register;
      const forward = k === length - 1 && length > 2 && fromMe && rng.chance(0.15) && colleagues.length > 0;
      const fwdTo = forward ? rng.pick(colleagues) : undefined;
      const body = composeBody({
        rng,
        lang: msgLang,
        topic,
        sender: { firstName: sender.firstName, lastName: sender.lastName, signature: senderP?.signature ?? ('organisation' in sender && sender.organisation ? `${sender.fullName}\n${sender.organisation}\n${sender.phone}` : undefined), typoRate: senderP?.typoRate ?? 0.01, greetings: senderP?.greetings, signoffs: senderP?.signoffs },
        recipient: fwdTo ?? recipient,
        register,
        slots,
        first: k === 0,
        forward,
        attachment: !!docReq,
        factSlot: rng.chance(topic.id === 'donors' ? 0.6 : 0.2),
        factKey: `${threadId}.${k}`,
      });
      const prev = history[history.length - 1];
      const prefix = forward ? (msgLang === 'fr' ? 'TR: ' : 'Fwd: ') : k > 0 ? (msgLang === 'fr' ? rng.pick(['RE: ', 'Re: ', 'Re : ']) : 'Re: ') : '';
      let quoted = '';
      if (prev) {
        quoted = forward
          ? `${msgLang === 'fr' ? '---------- Message transféré ----------' : '---------- Forwarded message ----------'}\n${msgLang === 'fr' ? 'De' : 'From'}: ${prev.from.name} <${prev.from.email}>\nDate: ${prev.date.toISOString()}\n${msgLang === 'fr' ? 'Objet' : 'Subject'}: ${prev.subject}\n\n${prev.body}${prev.quoted ? `\n\n${prev.quoted}` : ''}`
          : `${quoteHeader[msgLang](prev.date, prev.from)}\n${quote(prev.body + (prev.quoted ? `\n\n${prev.quoted}` : ''))}`;
        // Long threads are trimmed as clients do: the deepest quotes go.
        if (quoted.length > 6000) quoted = quoted.slice(0, 6000).replace(/\n[^\n]*$/, '\n> […]');
      }
      const toAddr = fwdTo ? [addressOf(fwdTo)] : [addressOf(recipient)];
      const cc = !forward && !otherIsContact && rng.chance(0.15) && colleagues.length > 1 ? [addressOf(rng.pick(colleagues))] : [];
      const senderAddr = addressOf(sender);
      const msg: PlannedMessage = {
        mailbox: persona.email,
        persona,
        folder: fromMe ? 'Sent' : 'INBOX',
        threadId,
        position: k,
        messageIdLocal: `${threadId}.${k}`,
        from: senderAddr,
        to: toAddr,
        cc,
        date: t,
        // London shares the EU summer-time dates, one hour behind Paris.
        tzOffset: 'kind' in sender && sender.timeZone === 'london' ? parisOffset(t) - 60 : -1,
        subject: `${prefix}${subject0}`,
        body,
        quoted,
        lang: msgLang,
        html: html && (fromMe || rng.chance(0.7)),
        factSlot: body.includes('{{FACTS:'),
        invite:
          k === inviteAt
            ? {
                start: new Date(Math.floor((t.getTime() + rng.int(1, 10) * 86400_000) / 3600_000) * 3600_000),
                minutes: rng.pick([30, 45, 60, 90, 120]),
                location: fromMe || !otherIsContact ? rng.pick(['QG – salle 2', 'Visio', 'Permanence', `${rng.pick(cities)} – sur place`]) : 'organisation' in other ? other.organisation : 'QG',
                summary: subject0,
                uid: `${threadId}-inv@${opts.domain}`,
              }
            : undefined,
        attachment: docReq,
        flags: fromMe ? ['\\Seen'] : rng.chance(0.85) ? ['\\Seen'] : [],
      };
      if (msg.to.some((a) => a.email === me.email) || msg.from.email === me.email) out.push(msg);
      history.push(msg);
    }
  }
  return out;
}
