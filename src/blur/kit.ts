import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import { ValidationError } from '../core/errors.ts';
import type { OrgContext } from '../org/index.ts';
import type { Store } from '../store/index.ts';
import { nowIso } from '../store/index.ts';
import { buildContent } from './documents/content.ts';
import { renderDocx, renderPdf, renderXlsx, type RenderInput } from './documents/writers.ts';
import { browserCsv, honeyCredentials, notesTxt, passwordMac, passwordsXlsx } from './credentials.ts';
import { flushKit, safeJoin, writeDurable as writeFile } from './kitfs.ts';
import { factSentences, planMailbox, type DocRequest, type PlannedMessage } from './mailbox.ts';
import { beacon, facts as factsMarker, factValues, fingerprint, metadata, watermark, formatAmount, formatIban, type Observation } from './markers/index.ts';
import { mac } from './markers/keys.ts';
import { buildEml, buildInvite, mboxEntry } from './mime.ts';
import { generateContacts, generatePersonas, type Persona } from './personas.ts';
import { Rng } from './random.ts';
import { expand } from './compose.ts';
import { extract } from './extract.ts';

const quoteAll = (q: string) => q.split('\n').map((l) => `> ${l}`).join('\n');

export interface KitOptions {
  org: OrgContext;
  personas: number;
  months: number;
  seed: string;
  outDir: string;
  key: Buffer;
  publicUrl: string;
  lang?: 'fr' | 'en';
  /** Last day of mail (default 5 May 2017, the eve of the second round). */
  end?: Date;
  deploymentId: string;
  /** Mean messages per working day per persona (default 3). */
  perDay?: number;
  onProgress?: (done: number, total: number, item: string) => void;
  /** Also write each mailbox as Maildir++ (`Maildir/cur`, `Maildir/.Sent/cur`). */
  maildir?: boolean;
}

/** One artifact as the registry will record it. */
export interface KitArtifact {
  id: string;
  personaId: string;
  mailbox: string;
  kind: 'message' | 'docx' | 'xlsx' | 'pdf' | 'credentials';
  path: string;
  title: string;
  planted: string;
  sha256: string;
  size: number;
  signature?: string;
  markers: Observation[];
  /** Message files only: the Message-ID and IMAP folder/flags for deployment. */
  messageId?: string;
  folder?: string;
  flags?: string[];
  threadId?: string;
}

export interface KitManifest {
  version: 1;
  deploymentId: string;
  seed: string;
  generatedAt: string;
  organisation: string;
  period: { start: string; end: string };
  personas: Array<Pick<Persona, 'id' | 'fullName' | 'email' | 'department' | 'role' | 'phone'> & { mbox: string[]; emlDir: string }>;
  markers: Record<string, string>;
  artifacts: Array<Omit<KitArtifact, 'markers' | 'signature'> & { markers: Array<{ kind: string; value: string }> }>;
  credentials: Array<{ personaId: string; service: string; login: string; url: string }>;
  counts: { messages: number; documents: number; credentials: number };
}

export interface KitResult {
  manifest: KitManifest;
  artifacts: KitArtifact[];
  personas: Persona[];
  credentialMacs: Array<{ personaId: string; service: string; login: string; mac: string }>;
  /** Where the time went (for the benchmark): document rendering vs everything. */
  timings: { documentsMs: number; totalMs: number };
}

const userAgents = ['Microsoft Outlook 16.0', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:45.0) Gecko/20100101 Thunderbird/45.8.0', 'Apple Mail (2.3273)', 'Microsoft Outlook 15.0', 'iPhone Mail (14E304)', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.12; rv:45.0) Gecko/20100101 Thunderbird/45.8.0'];
const mime: Record<'docx' | 'xlsx' | 'pdf', string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

function artifactId(key: Buffer, deploymentId: string, label: string): string {
  return mac(key, 'artifact', `${deploymentId}|${label}`).subarray(0, 8).toString('hex');
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const htmlEsc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function toHtml(text: string, quoted: string, beaconUrl: string, rng: Rng): string {
  const paras = text.split('\n\n').map((p) => `<p>${htmlEsc(p).replace(/\n/g, '<br>')}</p>`).join('\n');
  const logo = `<img src="${htmlEsc(beaconUrl)}" width="${rng.int(1, 2)}" height="1" alt="" style="display:block;border:0">`;
  const q = quoted ? `\n<blockquote style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">${htmlEsc(quoted).replace(/\n/g, '<br>')}</blockquote>` : '';
  return `<html><head><meta charset="utf-8"></head><body style="font-family:${rng.pick(['Calibri,sans-serif', 'Arial,sans-serif', 'Helvetica,sans-serif', 'Segoe UI,sans-serif'])};font-size:${rng.int(10, 12)}pt">\n${paras}\n${logo}${q}\n</body></html>`;
}

/**
 * Generates a complete decoy kit under `outDir`: mailboxes (mbox per folder and .eml files),
 * documents, honey credential files and manifest.json. Files are written durably first; the caller
 * registers the returned artifacts afterwards (registerKit), so the registry never claims an
 * artifact that is not on disk.
 */
export async function generateKit(o: KitOptions): Promise<KitResult> {
  const written: string[] = [];
  // Bulk files are flushed together before the manifest (see flushKit); the manifest is fsynced itself.
  const writeDurable = (root: string, rel: string, data: Buffer | string) => {
    written.push(rel);
    return writeFile(root, rel, data, { fsync: rel === 'manifest.json' });
  };
  if (!Number.isInteger(o.months) || o.months < 1 || o.months > 24) throw ValidationError('blur.months', 'Durée entre 1 et 24 mois / months must be 1..24');
  mkdirSync(o.outDir, { recursive: true });
  if (readdirSync(o.outDir).some((f) => f === 'manifest.json')) throw ValidationError('blur.kit_exists', `Un kit existe déjà dans ${o.outDir} / a kit already exists there`);
  const lang = o.lang ?? 'fr';
  const domain = o.org.protectedDomains[0];
  const personas = generatePersonas(o.org, o.personas, o.seed, lang);
  const contacts = generateContacts(personas, Math.max(20, o.personas * 4), o.seed);
  const end = o.end ?? new Date(Date.UTC(2017, 4, 5, 22));
  const start = new Date(end.getTime() - o.months * 30.4 * 86400_000);
  const root = new Rng(o.seed);
  const artifacts: KitArtifact[] = [];
  // Mailboxes are planned one at a time (memory stays flat); the progress total is extrapolated from the first.
  const planFor = (p: Persona) => planMailbox(p, personas.filter((q) => q !== p), contacts, { seed: o.seed, start, end, perDay: o.perDay ?? 3, lang, domain });
  let total = 0;
  let done = 0;
  const ctx = (id: string, label: string) => ({ key: o.key, artifactId: id, rng: root.fork(label), publicUrl: o.publicUrl });

  const t0 = performance.now();
  let documentsMs = 0;
  async function makeDocument(req: DocRequest, persona: Persona, label: string): Promise<{ art: KitArtifact; bytes: Buffer }> {
    const td = performance.now();
    try {
      return await makeDocumentInner(req, persona, label);
    } finally {
      documentsMs += performance.now() - td;
    }
  }
  async function makeDocumentInner(req: DocRequest, persona: Persona, label: string): Promise<{ art: KitArtifact; bytes: Buffer }> {
    const id = artifactId(o.key, o.deploymentId, label);
    const c = ctx(id, label);
    const wm = watermark.encode(c);
    const meta = metadata.encode(c);
    const bc = beacon.encode(c);
    const fx = { facts: factsMarker.encode({ ...c, rng: c.rng.fork('facts') }).facts };
    const content = buildContent(req.kind, req.title, req.topic, req.lang, c.rng.fork('content'), fx.facts);
    const input: RenderInput = {
      content,
      author: req.author.fullName,
      lastModifiedBy: c.rng.chance(0.6) ? req.author.fullName : persona.fullName,
      company: o.org.name,
      created: req.created,
      modified: req.modified,
      reference: meta.reference,
      beaconUrl: bc.url,
      watermark: wm.apply,
      rng: c.rng.fork('render'),
    };
    const bytes = req.format === 'docx' ? await renderDocx(input) : req.format === 'xlsx' ? await renderXlsx(input) : await renderPdf(input);
    // Fingerprinted on what a decoder will read back from the file, through the same extractor.
    const back = await extract(bytes, req.filename);
    const fp = fingerprint.encode(c, back.text);
    // The word-choice channel is registered only when it reads back from this file (short texts have too few slots).
    const synOk = watermark.decode(back, o.key).some((ob) => wm.register.some((r) => r.value === ob.value && r.value.startsWith('syn:')));
    const rel = `documents/${persona.email.split('@')[0]}/${req.filename}`;
    writeDurable(o.outDir, rel, bytes);
    const markers = [...bc.register, ...wm.register.filter((r) => (r.value.startsWith('syn:') ? synOk : req.format !== 'pdf')), ...meta.register, ...factValues(fx.facts), ...fp.register];
    return { art: { id, personaId: persona.id, mailbox: persona.email, kind: req.format, path: rel, title: req.filename, planted: req.modified.toISOString(), sha256: sha(bytes), size: bytes.length, signature: fp.signature, markers }, bytes };
  }

  for (let pi = 0; pi < personas.length; pi++) {
    const persona = personas[pi];
    const local = persona.email.split('@')[0];
    const ids = new Map<string, string>(); // messageIdLocal -> Message-ID
    const thread = new Map<string, string[]>();
    const mboxes = new Map<string, string[]>();
    const ua = root.fork(`ua:${persona.id}`).pick(userAgents);
    const plan = planFor(persona);
    if (pi === 0) total = plan.length * personas.length;
    const sorted = plan.slice().sort((a, b) => a.date.getTime() - b.date.getTime() || a.position - b.position);
    const seq = new Map<PlannedMessage, number>(sorted.map((m, i) => [m, i]));
    const factText = new Map<string, string>(); // placeholder key -> the sentence written in that message
    const fillQuoted = (q: string) => q.replace(/\{\{FACTS:([^}]+)\}\}/g, (_, k: string) => factText.get(k) ?? '');
    for (const m of plan) {
      const label = `msg:${m.messageIdLocal}`;
      const id = artifactId(o.key, o.deploymentId, label);
      const c = ctx(id, label);
      const meta = metadata.encode(c);
      const rnd = mac(o.key, 'mid', id).toString('hex');
      const messageId = `${rnd.slice(0, 8)}-${rnd.slice(8, 12)}-${rnd.slice(12, 16)}-${rnd.slice(16, 20)}-${meta.code.toLowerCase()}@${m.from.email.split('@')[1]}`;
      ids.set(m.messageIdLocal, messageId);
      const refs = thread.get(m.threadId) ?? [];
      let body = m.body;
      const quoted = fillQuoted(m.quoted);
      const register: Observation[] = [...meta.register];
      if (m.factSlot) {
        const f = factsMarker.encode({ ...c, rng: c.rng.fork('facts') }).facts;
        const s = expand(c.rng.pick(factSentences[m.lang]), c.rng, { donor: () => f.donorName, amount: () => formatAmount(f.amount, m.lang), iban: () => formatIban(f.iban), phone: () => f.phone });
        body = body.replace(`{{FACTS:${m.messageIdLocal}}}`, s);
        factText.set(m.messageIdLocal, s);
        register.push(...factValues(f));
      }
      const wm = watermark.encode(c);
      const text = wm.apply(body);
      register.push(...wm.register.filter((r) => r.value.startsWith('zw:') || text.length > 1500));
      const fp = fingerprint.encode(c, `${text}\n\n${quoted ? quoteAll(quoted) : ''}`);
      register.push(...fp.register);
      let html: string | undefined;
      if (m.html) {
        const bc = beacon.encode(c);
        html = toHtml(text, quoted, bc.url, c.rng);
        register.push(...bc.register);
      }
      const attachments: Array<{ filename: string; contentType: string; content: Buffer }> = [];
      if (m.attachment) {
        const { art, bytes } = await makeDocument(m.attachment, persona, `doc:${m.messageIdLocal}`);
        artifacts.push(art);
        attachments.push({ filename: m.attachment.filename, contentType: mime[m.attachment.format], content: bytes });
      }
      const calendar = m.invite ? buildInvite({ ...m.invite, organizer: m.from, attendees: [...m.to, ...m.cc], stamp: m.date }) : undefined;
      const eml = buildEml({
        messageId,
        inReplyTo: refs[refs.length - 1],
        references: refs.slice(-10),
        from: m.from,
        to: m.to,
        cc: m.cc,
        date: m.date,
        tzOffset: m.tzOffset,
        subject: m.subject,
        text: quoted ? `${text}\n\n${quoted}` : text,
        html,
        calendar,
        attachments,
        lang: m.lang,
        userAgent: m.from.email === persona.email ? ua : root.fork(m.from.email).pick(userAgents),
      });
      thread.set(m.threadId, [...refs, messageId]);
      const rel = `mailboxes/${local}/eml/${m.folder}/${String(seq.get(m) ?? 0).padStart(5, '0')}.eml`;
      writeDurable(o.outDir, rel, eml);
      if (o.maildir) {
        const secs = Math.floor(m.date.getTime() / 1000);
        const info = `:2,${m.flags.includes('\\Seen') ? 'S' : ''}`;
        writeDurable(o.outDir, `mailboxes/${local}/Maildir/${m.folder === 'Sent' ? '.Sent/' : ''}cur/${secs}.M${seq.get(m) ?? 0}P${pi}.rempart,S=${eml.length}${info}`, eml);
      }
      const mb = mboxes.get(m.folder) ?? [];
      mb.push(mboxEntry(eml, m.from.email, m.date));
      mboxes.set(m.folder, mb);
      artifacts.push({ id, personaId: persona.id, mailbox: persona.email, kind: 'message', path: rel, title: m.subject, planted: m.date.toISOString(), sha256: sha(eml), size: eml.length, signature: fp.signature, markers: register, messageId, folder: m.folder, flags: m.flags, threadId: m.threadId });
      o.onProgress?.(++done, Math.max(total, done), persona.email);
    }
    if (o.maildir) for (const sub of ['', '.Sent/']) for (const d of ['cur', 'new', 'tmp']) mkdirSync(safeJoin(o.outDir, `mailboxes/${local}/Maildir/${sub}${d}`), { recursive: true });
    for (const [folder, entries] of mboxes) {
      // Always rewritten whole: a kit folder left by a failed run must not get duplicate entries.
      writeDurable(o.outDir, `mailboxes/${local}/${folder}.mbox`, entries.join(''));
    }
  }

  // Honey credentials, left lying around in the first persona's documents (as people do).
  const creds = honeyCredentials(o.key, o.deploymentId, personas, domain);
  const owner = personas[0];
  const credFiles: Array<[string, Buffer]> = [
    [`documents/${owner.email.split('@')[0]}/passwords.xlsx`, await passwordsXlsx(creds, owner.fullName, end)],
    [`documents/${owner.email.split('@')[0]}/Chrome Passwords.csv`, Buffer.from(browserCsv(creds))],
    [`documents/${owner.email.split('@')[0]}/notes.txt`, Buffer.from(notesTxt(creds))],
  ];
  for (const [rel, bytes] of credFiles) {
    writeDurable(o.outDir, rel, bytes);
    const id = artifactId(o.key, o.deploymentId, `cred:${rel}`);
    artifacts.push({ id, personaId: owner.id, mailbox: owner.email, kind: 'credentials', path: rel, title: rel.split('/').pop() ?? rel, planted: end.toISOString(), sha256: sha(bytes), size: bytes.length, markers: creds.map((c) => ({ kind: 'fact' as const, value: `password:${passwordMac(o.key, c.password)}`, detail: `${c.service} ${c.login}` })) });
  }

  const manifest: KitManifest = {
    version: 1,
    deploymentId: o.deploymentId,
    seed: o.seed,
    generatedAt: new Date().toISOString(),
    organisation: o.org.name,
    period: { start: start.toISOString(), end: end.toISOString() },
    personas: personas.map((p) => ({ id: p.id, fullName: p.fullName, email: p.email, department: p.department, role: p.role, phone: p.phone, mbox: ['INBOX', 'Sent'].map((f) => `mailboxes/${p.email.split('@')[0]}/${f}.mbox`), emlDir: `mailboxes/${p.email.split('@')[0]}/eml` })),
    markers: Object.fromEntries([beacon, watermark, metadata, factsMarker, fingerprint].map((m) => [m.kind, m.describe])),
    artifacts: artifacts.map(({ signature: _s, markers, ...a }) => ({ ...a, markers: markers.filter((x) => x.kind !== 'fingerprint').map((x) => ({ kind: x.kind, value: x.value })) })),
    credentials: creds.map((c) => ({ personaId: c.personaId, service: c.service, login: c.login, url: c.url })),
    counts: { messages: artifacts.filter((a) => a.kind === 'message').length, documents: artifacts.filter((a) => a.kind === 'docx' || a.kind === 'xlsx' || a.kind === 'pdf').length, credentials: creds.length },
  };
  flushKit(o.outDir, written);
  writeDurable(o.outDir, 'manifest.json', JSON.stringify(manifest, null, 1));
  return { manifest, artifacts, personas, credentialMacs: creds.map((c) => ({ personaId: c.personaId, service: c.service, login: c.login, mac: passwordMac(o.key, c.password) })), timings: { documentsMs, totalMs: performance.now() - t0 } };
}

/** Records a written kit in the registry, in one transaction (all artifacts or none). */
export async function registerKit(store: Store, kit: KitResult, info: { label: string; months: number; lang: string; kitDir: string }): Promise<void> {
  const now = nowIso();
  await store.transaction(async (trx) => {
    await trx.insertInto('blur_deployments').values({ id: kit.manifest.deploymentId, label: info.label, seed: kit.manifest.seed, personas: kit.personas.length, months: info.months, lang: info.lang, kit_dir: info.kitDir, status: 'generated', target: null, messages: kit.manifest.counts.messages, documents: kit.manifest.counts.documents, created_at: now, deployed_at: null }).execute();
    const pr = kit.personas.map((p) => ({ id: `${kit.manifest.deploymentId}:${p.id}`, deployment_id: kit.manifest.deploymentId, full_name: p.fullName, email: p.email, department: p.department, role: p.role, details: JSON.stringify({ phone: p.phone, register: p.register, signature: p.signature }) }));
    for (let i = 0; i < pr.length; i += 200) await trx.insertInto('blur_personas').values(pr.slice(i, i + 200)).execute();
    const rows = kit.artifacts.map((a) => ({ id: a.id, deployment_id: kit.manifest.deploymentId, persona_id: `${kit.manifest.deploymentId}:${a.personaId}`, mailbox: a.mailbox, kind: a.kind, path: a.path, title: a.title.slice(0, 300), planted_at: a.planted, sha256: a.sha256, size: a.size, signature: a.signature ?? null, created_at: now }));
    for (let i = 0; i < rows.length; i += 200) await trx.insertInto('blur_artifacts').values(rows.slice(i, i + 200)).execute();
    const seen = new Set<string>();
    const markers: Array<{ artifact_id: string; kind: string; value: string }> = [];
    for (const a of kit.artifacts)
      for (const m of a.markers) {
        const k = `${a.id}\u0000${m.kind}\u0000${m.value}`;
        if (seen.has(k)) continue;
        seen.add(k);
        markers.push({ artifact_id: a.id, kind: m.kind, value: m.value });
      }
    for (let i = 0; i < markers.length; i += 300) await trx.insertInto('blur_markers').values(markers.slice(i, i + 300)).execute();
    const cr = kit.credentialMacs.map((c, i) => ({ id: `${kit.manifest.deploymentId}:cred${i}`, deployment_id: kit.manifest.deploymentId, persona_id: `${kit.manifest.deploymentId}:${c.personaId}`, service: c.service, login: c.login, password_mac: c.mac, created_at: now }));
    for (let i = 0; i < cr.length; i += 200) await trx.insertInto('blur_credentials').values(cr.slice(i, i + 200)).execute();
  });
}
