import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { simpleParser } from '../core/mime.ts';
import { decodeAll, extract, getDeployment, resolveObservations, type Candidate, type Extracted, type Observation } from '../blur/index.ts';
import { sha256Hex } from '../core/ids.ts';
import type { OrgContext } from '../org/index.ts';
import type { Store } from '../store/index.ts';
import { contentDiff, isTampered, type ContentDiff } from './diff.ts';
import { pdfText } from './pdftotext.ts';
import { genuineByBands, genuineBySha, genuineSizeExists } from './repo.ts';
import { Walker, defaultWalkLimits, type LeakItem, type WalkLimits } from './walk.ts';

export type Verdict = 'decoy' | 'tampered-decoy' | 'genuine' | 'unverified' | 'unrelated' | 'error';

/** One line of `rempart leaks scan --json`. */
export interface ItemResult {
  path: string;
  verdict: Verdict;
  artifact: string | null;
  persona: string | null;
  mailbox: string | null;
  planted: string | null;
  markers: Array<{ kind: string; value: string; detail: string }>;
  size: number;
  sha256?: string;
  title?: string;
  deployment?: string | null;
  similarity?: number;
  diff?: ContentDiff;
  /** Why an item is unverified (what makes it claim to be from the organisation) or genuine. */
  reason?: string;
  error?: { id: string; message: string };
}

/** Binary formats with no text worth reading: skipped quickly, still hashed for the genuine registry. */
const BINARY_MAGIC: Array<[number, number[]]> = [
  [0, [0x89, 0x50, 0x4e, 0x47]], // PNG
  [0, [0xff, 0xd8, 0xff]], // JPEG
  [0, [0x47, 0x49, 0x46, 0x38]], // GIF
  [4, [0x66, 0x74, 0x79, 0x70]], // MP4/MOV
  [0, [0x1a, 0x45, 0xdf, 0xa3]], // MKV/WebM
  [0, [0x49, 0x44, 0x33]], // MP3
  [0, [0x7f, 0x45, 0x4c, 0x46]], // ELF
  [0, [0x4d, 0x5a]], // EXE
  [0, [0x37, 0x7a, 0xbc, 0xaf]], // 7z: no maintained pure-JS reader is installed
  [0, [0x52, 0x61, 0x72, 0x21]], // RAR
];

function isBinary(data: Buffer): boolean {
  if (BINARY_MAGIC.some(([off, sig]) => sig.every((b, i) => data[off + i] === b))) return true;
  if (data[0] === 0x50 && data[1] === 0x4b) return false;
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return false;
  const head = data.subarray(0, 4096);
  let nul = 0;
  for (const b of head) if (b === 0) nul++;
  return nul > 8;
}

function signatureSimilarity(a: string, b: string): number {
  const x = Buffer.from(a, 'base64');
  const y = Buffer.from(b, 'base64');
  const n = Math.min(x.length, y.length) >> 2;
  if (!n) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (x.readUInt32LE(i * 4) === y.readUInt32LE(i * 4)) same++;
  return same / n;
}

const rank = (c: Candidate) => (c.exact ? 2 : 0) + (c.markers.some((m) => m.kind === 'watermark' && m.value.startsWith('zw:')) ? 1 : 0);

/** A genuine document's text may be quoted or reformatted; below this, it is not the same document. */
const GENUINE_MATCH = 0.6;

export interface ScanOptions {
  limits?: Partial<WalkLimits>;
  /** Use `pdftotext` for PDFs whose own text layer the built-in reader cannot read. */
  pdftotext?: boolean;
  onItem?: (r: ItemResult) => void | Promise<void>;
}

export interface ScanSummary {
  items: number;
  bytes: number;
  seconds: number;
  counts: Record<Verdict, number>;
}

/**
 * Leak forensics: walks a dump and says, for every item, whether it is one of our decoys (and so
 * from which mailbox and since when the leak can date), a decoy someone edited, a real document of
 * ours, something that claims to be ours but is neither (the likely forgeries), or unrelated.
 */
export class LeakScanner {
  private originals = new Map<string, string | null>();
  private personas = new Map<string, string>();
  private claims: Array<{ needle: string; reason: string }>;
  /** Dumps repeat the same attachment many times: one analysis per distinct content (bounded). */
  private seen = new Map<string, Omit<ItemResult, 'path' | 'size'>>();

  constructor(
    private readonly store: Store,
    private readonly key: Buffer,
    org: OrgContext,
    private readonly opts: ScanOptions = {},
  ) {
    const c: Array<{ needle: string; reason: string }> = [];
    for (const d of org.protectedDomains) c.push({ needle: d.toLowerCase(), reason: `domaine ${d}` });
    if (org.name && org.name.trim().length >= 4) c.push({ needle: org.name.trim().toLowerCase(), reason: `nom ${org.name.trim()}` });
    for (const s of org.staff) if (s.fullName.trim().length >= 5) c.push({ needle: s.fullName.trim().toLowerCase(), reason: `membre de l’équipe ${s.fullName.trim()}` });
    this.claims = c;
  }

  /** Scans paths; results go to `onItem` as they come (streamed), the summary is returned. */
  async scan(paths: string[]): Promise<ScanSummary> {
    const t0 = Date.now();
    const counts: Record<Verdict, number> = { decoy: 0, 'tampered-decoy': 0, genuine: 0, unverified: 0, unrelated: 0, error: 0 };
    let items = 0;
    const walker: Walker = new Walker(async (item) => {
      const r = await this.classify(item, walker);
      items++;
      counts[r.verdict]++;
      await this.opts.onItem?.(r);
    }, { ...defaultWalkLimits, ...this.opts.limits }, async (size, head) => isBinary(head) && !(await genuineSizeExists(this.store.db, size)));
    await walker.walkPaths(paths);
    return { items, bytes: walker.bytesSeen, seconds: (Date.now() - t0) / 1000, counts };
  }

  private async extracted(item: LeakItem, data: Buffer): Promise<Extracted> {
    const x = await extract(data, item.name);
    if (this.opts.pdftotext !== false && data.subarray(0, 5).toString('latin1') === '%PDF-' && x.text.trim().length < 40) {
      const t = await pdfText(data);
      if (t) return { ...x, text: `${x.text}\n${t}` };
    }
    return x;
  }

  /** One item → one verdict. Never throws: a failure is an `error` line. */
  async classify(item: LeakItem, walker?: Walker): Promise<ItemResult> {
    const base: Omit<ItemResult, 'verdict'> = { path: item.path, artifact: null, persona: null, mailbox: null, planted: null, markers: [], size: item.size };
    if (item.skippedBinary) return { ...base, verdict: 'unrelated', reason: 'média sans texte / media without text' };
    if (item.error || !item.data) return { ...base, verdict: 'error', error: item.error ?? { id: 'leaks.unreadable', message: 'no data' } };
    const data = item.data;
    try {
      const sha = sha256Hex(data);
      const prior = this.seen.get(sha);
      // Mail is excluded: its attachments are walked as a side effect of analysing it.
      if (prior && !/filename=/i.test(data.toString('latin1', 0, Math.min(data.length, 65536)))) return { ...prior, path: item.path, size: item.size };
      const r = await this.analyse(item, data, sha, base, walker);
      if (r.verdict !== 'error') {
        if (this.seen.size >= 50_000) this.seen.clear();
        const { path: _p, size: _s, ...rest } = r;
        this.seen.set(sha, rest);
      }
      return r;
    } catch (e) {
      return { ...base, verdict: 'error', error: { id: 'leaks.unreadable', message: (e as Error).message.slice(0, 300) } };
    }
  }

  private async analyse(item: LeakItem, data: Buffer, sha: string, base: Omit<ItemResult, 'verdict'>, walker: Walker | undefined): Promise<ItemResult> {
    {
      if (isBinary(data)) {
        const g = await genuineBySha(this.store.db, sha);
        return g ? { ...base, sha256: sha, verdict: 'genuine', reason: `empreinte SHA-256 de « ${g.name} »` } : { ...base, sha256: sha, verdict: 'unrelated' };
      }
      const x = await this.extracted(item, data);
      if (walker && /^(?:From [^\n]*\n)?(?:[A-Za-z-]+:[^\n]*\r?\n)+/.test(data.subarray(0, 2048).toString('latin1')) && /filename=/i.test(data.toString('latin1', 0, Math.min(data.length, 8 * 1024 * 1024)))) {
        await this.attachments(item, data, walker);
      }
      const obs = decodeAll(x, this.key);
      const cands = await resolveObservations(this.store.db, obs, data);
      // A reply quotes earlier decoys, so several artifacts match; a thread's messages also differ
      // by their word-choice watermark, so the diff is taken against the best few candidates.
      if (cands.length) {
        // The byte-identical artifact first, then the one whose signed zero-width mark names it.
        const ranked = [...cands].sort((a, b) => rank(b) - rank(a)).slice(0, 3);
        let first: ItemResult | undefined;
        for (const c of ranked) {
          const r = await this.decoyResult(base, sha, c, x);
          if (r.verdict === 'decoy') return r;
          first ??= r;
        }
        if (first) return first;
      }
      const bySha = await genuineBySha(this.store.db, sha);
      const g = bySha ? `empreinte SHA-256 de « ${bySha.name} »` : await this.genuineByContent(obs);
      if (g) return { ...base, sha256: sha, verdict: 'genuine', reason: g };
      const hay = `${x.text.slice(0, 2_000_000)}\n${x.meta.join('\n')}`.toLowerCase();
      const claim = this.claims.find((c) => hay.includes(c.needle));
      if (claim) return { ...base, sha256: sha, verdict: 'unverified', reason: `se réclame de l’organisation (${claim.reason}) sans marque de leurre ni document authentique correspondant` };
      return { ...base, sha256: sha, verdict: 'unrelated' };
    }
  }

  private async genuineByContent(obs: Observation[]): Promise<string | undefined> {
    const fp = obs.filter((o) => o.kind === 'fingerprint');
    if (!fp.length) return undefined;
    const sig = fp[0].detail;
    for (const g of await genuineByBands(this.store.db, fp.map((o) => o.value))) {
      const sim = g.signature ? signatureSimilarity(sig, g.signature) : 0;
      if (sim >= GENUINE_MATCH) return `contenu de « ${g.name} » (similarité ${sim.toFixed(2)})`;
    }
    return undefined;
  }

  private async attachments(item: LeakItem, data: Buffer, walker: Walker): Promise<void> {
    const depth = item.path.split('!').length;
    if (depth > walker.limits.maxDepth + 1) return;
    const m = await simpleParser(data, { skipHtmlToText: true, skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true, maxHtmlLengthToParse: 1 });
    for (const [i, a] of (m.attachments ?? []).slice(0, 200).entries()) {
      if (!a.content?.length || a.related) continue;
      await walker.visitBuffer(`${item.path}!${(a.filename ?? `part${i + 1}`).replace(/[\u0000-\u001f]/g, '?').slice(0, 200)}`, a.content, depth);
    }
  }

  private async personaName(personaId: string, mailbox: string): Promise<string> {
    if (!this.personas.has(personaId)) {
      const p = await this.store.db.selectFrom('blur_personas').select(['full_name', 'email']).where('id', '=', personaId).executeTakeFirst();
      if (this.personas.size > 10_000) this.personas.clear();
      this.personas.set(personaId, p ? `${p.full_name} <${p.email}>` : mailbox);
    }
    return this.personas.get(personaId) ?? mailbox;
  }

  /** The planted original's text, from the kit folder recorded with the deployment (bounded cache). */
  private async originalText(c: Candidate): Promise<string | undefined> {
    if (!this.originals.has(c.artifactId)) {
      let text: string | null = null;
      const dep = await getDeployment(this.store.db, c.deploymentId);
      if (dep?.kit_dir) {
        const root = resolve(dep.kit_dir);
        const file = resolve(root, c.path);
        if (file.startsWith(root + sep) && existsSync(file) && statSync(file).size <= 64 * 1024 * 1024) text = (await extract(readFileSync(file), c.path)).text;
      }
      if (this.originals.size > 500) this.originals.clear();
      this.originals.set(c.artifactId, text);
    }
    return this.originals.get(c.artifactId) ?? undefined;
  }

  private async decoyResult(base: Omit<ItemResult, 'verdict'>, sha: string, c: Candidate, x: Extracted): Promise<ItemResult> {
    const persona = await this.personaName(c.personaId, c.mailbox);
    const dep = await getDeployment(this.store.db, c.deploymentId);
    const r: ItemResult = {
      ...base,
      sha256: sha,
      verdict: 'decoy',
      artifact: c.artifactId,
      persona,
      mailbox: c.mailbox,
      planted: c.planted,
      markers: c.markers.map((m) => ({ kind: m.kind, value: m.value.slice(0, 80), detail: m.detail.slice(0, 160) })),
      title: c.title,
      deployment: dep?.label ?? c.deploymentId,
      similarity: c.contentSimilarity,
    };
    if (c.exact) return r;
    const orig = await this.originalText(c);
    if (orig !== undefined && x.text.trim()) {
      const d = contentDiff(orig, x.text);
      if (isTampered(d)) return { ...r, verdict: 'tampered-decoy', diff: d };
    }
    return r;
  }
}

