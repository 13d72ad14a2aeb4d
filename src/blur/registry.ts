import { randomBytes } from 'node:crypto';
import type { SecretBox } from '../core/secrets.ts';
import type { Db, Store } from '../store/index.ts';
import { nowIso } from '../store/index.ts';
import { extract } from './extract.ts';
import { decodeAll, type MarkerKind, type Observation } from './markers/index.ts';
import { decodeSignature, similarity } from './minhash.ts';
import { findByMarkers, getArtifacts, getSealedKey, insertSealedKey } from './repo.ts';

/**
 * The registry key: beacon tokens, watermark MACs, metadata codes and credential MACs derive from
 * it. Created once, stored sealed with the platform key; losing it makes decoys unprovable.
 */
export async function registryKey(db: Db, box: SecretBox): Promise<Buffer> {
  let sealed = await getSealedKey(db);
  if (!sealed) {
    await insertSealedKey(db, box.seal(randomBytes(32).toString('hex')), nowIso());
    sealed = await getSealedKey(db);
  }
  return Buffer.from(box.open(sealed ?? ''), 'hex');
}

/** A registered decoy that an input matched, and by which markers. */
export interface Candidate {
  artifactId: string;
  deploymentId: string;
  personaId: string;
  mailbox: string;
  kind: string;
  path: string;
  title: string;
  planted: string;
  markers: Array<{ kind: MarkerKind; value: string; detail: string }>;
  /** Estimated Jaccard similarity of content when the fingerprint matched (1 = same text). */
  contentSimilarity?: number;
  /** The file is byte-identical to what was planted. */
  exact: boolean;
  /** Set when the match is an attachment of the input message: its file name. */
  attachment?: string;
}

/** Below this, a band collision is not called a fingerprint match (false band hits are common near 0.3). */
export const FINGERPRINT_MATCH = 0.5;

/**
 * Decodes every marker from a file or text and resolves them in the registry: the candidates,
 * strongest first (more independent marker kinds first). This is the API leak forensics uses.
 */
export async function identify(store: Store, key: Buffer, input: string | Buffer, filename = ''): Promise<Candidate[]> {
  const x = await extract(input, filename);
  const obs = decodeAll(x, key);
  const out = await resolveObservations(store.db, obs, typeof input === 'string' ? undefined : input);
  // A message's attachments are artifacts of their own (one level deep, at most 20).
  for (const a of x.attachments ?? []) {
    const inner = await extract(a.content, a.filename);
    const found = await resolveObservations(store.db, decodeAll({ ...inner, attachments: undefined }, key), a.content);
    out.push(...found.map((c) => ({ ...c, attachment: a.filename })));
  }
  return out;
}

/** Resolves decoded observations against the registry (separate so scanners can batch decoding). */
export async function resolveObservations(db: Db, obs: Observation[], bytes?: Buffer): Promise<Candidate[]> {
  const hits = await findByMarkers(db, obs);
  const byArtifact = new Map<string, Observation[]>();
  const detailOf = new Map(obs.map((o) => [`${o.kind}\u0000${o.value}`, o.detail]));
  for (const h of hits) {
    const l = byArtifact.get(h.artifact_id) ?? [];
    l.push({ kind: h.kind as MarkerKind, value: h.value, detail: detailOf.get(`${h.kind}\u0000${h.value}`) ?? '' });
    byArtifact.set(h.artifact_id, l);
  }
  const rows = await getArtifacts(db, [...byArtifact.keys()]);
  const sha = bytes ? (await import('../core/ids.ts')).sha256Hex(bytes) : undefined;
  const querySig = obs.find((o) => o.kind === 'fingerprint')?.detail;
  const out: Candidate[] = [];
  for (const r of rows) {
    let markers = byArtifact.get(r.id) ?? [];
    let sim: number | undefined;
    if (markers.some((m) => m.kind === 'fingerprint')) {
      sim = r.signature && querySig ? similarity(decodeSignature(r.signature), decodeSignature(querySig)) : 0;
      if (sim < FINGERPRINT_MATCH) markers = markers.filter((m) => m.kind !== 'fingerprint');
    }
    // Facts are matched one by one; a lone name or amount can be coincidence, so facts alone need two.
    const facts = markers.filter((m) => m.kind === 'fact');
    if (facts.length === 1 && markers.length === 1) continue;
    if (!markers.length) continue;
    const fp = markers.filter((m) => m.kind === 'fingerprint');
    const rest = markers.filter((m) => m.kind !== 'fingerprint');
    out.push({
      artifactId: r.id,
      deploymentId: r.deployment_id,
      personaId: r.persona_id,
      mailbox: r.mailbox,
      kind: r.kind,
      path: r.path,
      title: r.title,
      planted: r.planted_at,
      markers: fp.length ? [...rest, { kind: 'fingerprint', value: `${fp.length}/16 bands`, detail: `Jaccard ≈ ${sim?.toFixed(2)}` }] : rest,
      contentSimilarity: sim,
      exact: sha === r.sha256,
    });
  }
  const score = (c: Candidate) => new Set(c.markers.map((m) => m.kind)).size * 10 + (c.exact ? 5 : 0) + (c.contentSimilarity ?? 0);
  return out.sort((a, b) => score(b) - score(a));
}
