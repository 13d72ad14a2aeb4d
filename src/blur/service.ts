import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { simpleParser, type AddressObject } from '../core/mime.ts';
import { audit, type Actor } from '../access/index.ts';
import { NotFoundError } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { SecretBox } from '../core/secrets.ts';
import { loadOrgContext } from '../org/index.ts';
import type { Db, Store } from '../store/index.ts';
import { passwordMac } from './credentials.ts';
import { generateKit, registerKit, type KitManifest } from './kit.ts';
import { safeJoin } from './kitfs.ts';
import { registryKey } from './registry.ts';
import { getDeployment } from './repo.ts';

/** The honey credential a login/password pair belongs to, if any (one HMAC and an indexed lookup). */
export async function findCredential(db: Db, key: Buffer, password: string, login?: string) {
  let q = db
    .selectFrom('blur_credentials')
    .innerJoin('blur_personas', 'blur_personas.id', 'blur_credentials.persona_id')
    .select(['blur_credentials.id', 'blur_credentials.deployment_id', 'blur_credentials.service', 'blur_credentials.login', 'blur_personas.email as mailbox', 'blur_credentials.created_at'])
    .where('blur_credentials.password_mac', '=', passwordMac(key, password));
  if (login) q = q.where('blur_credentials.login', '=', login);
  return q.executeTakeFirst();
}

export interface CreateDeploymentInput {
  personas: number;
  months: number;
  seed: string;
  lang: 'fr' | 'en';
  label?: string;
  /** Kit folder; default `<dataDir>/blur/<deployment id>`. */
  outDir?: string;
  /** Last day of mail (default 5 May 2017). */
  end?: Date;
  perDay?: number;
  maildir?: boolean;
  onProgress?: (done: number, total: number, item: string) => void;
}

/** Generates a kit, then registers it and audits the action: what the CLI, the API and the demo share. */
export async function createDeployment(store: Store, box: SecretBox, cfg: { dataDir: string; publicUrl?: string }, actor: Actor, input: CreateDeploymentInput) {
  const org = await loadOrgContext(store.db);
  const key = await registryKey(store.db, box);
  const id = newId();
  const out = resolve(input.outDir ?? join(cfg.dataDir, 'blur', id));
  const kit = await generateKit({ org, personas: input.personas, months: input.months, seed: input.seed, outDir: out, key, publicUrl: cfg.publicUrl ?? 'http://localhost:8080', lang: input.lang, deploymentId: id, end: input.end, perDay: input.perDay, maildir: input.maildir, onProgress: input.onProgress });
  await registerKit(store, kit, { label: input.label ?? `kit ${input.seed}`, months: input.months, lang: input.lang, kitDir: out });
  await audit(store.db, actor, 'blur.generate', id, { out, ...kit.manifest.counts });
  return { id, out, counts: kit.manifest.counts, personas: kit.personas.map((p) => ({ id: p.id, fullName: p.fullName, email: p.email, role: p.role })) };
}

function manifestOf(kitDir: string): KitManifest {
  return JSON.parse(readFileSync(safeJoin(kitDir, 'manifest.json'), 'utf8')) as KitManifest;
}

/** A decoy mailbox as an intruder would list it: newest first, headers only. */
export async function previewMailbox(db: Db, deploymentId: string, mailbox: string, folder: 'INBOX' | 'Sent', limit = 50, offset = 0) {
  const d = await getDeployment(db, deploymentId);
  if (!d) throw NotFoundError('blur.deployment_not_found', 'Déploiement inconnu / unknown deployment');
  const m = manifestOf(d.kit_dir);
  const all = m.artifacts.filter((a) => a.kind === 'message' && a.mailbox === mailbox && a.folder === folder).sort((a, b) => b.planted.localeCompare(a.planted));
  return { total: all.length, messages: all.slice(offset, offset + limit).map((a) => ({ id: a.id, subject: a.title, date: a.planted, threadId: a.threadId })) };
}

/** One decoy message, as text only (no HTML is rendered: it carries a live beacon). */
export async function readDecoyMessage(db: Db, artifactId: string) {
  const a = await db.selectFrom('blur_artifacts').innerJoin('blur_deployments', 'blur_deployments.id', 'blur_artifacts.deployment_id').select(['blur_artifacts.path', 'blur_artifacts.kind', 'blur_deployments.kit_dir']).where('blur_artifacts.id', '=', artifactId).executeTakeFirst();
  if (!a || a.kind !== 'message') throw NotFoundError('blur.message_not_found', 'Message leurre inconnu / unknown decoy message');
  const m = await simpleParser(readFileSync(safeJoin(a.kit_dir, a.path)), { skipHtmlToText: true });
  const addr = (v: AddressObject | AddressObject[] | undefined) => (v ? (Array.isArray(v) ? v : [v]).map((x) => x.text).join(', ') : '');
  return { id: artifactId, from: addr(m.from), to: addr(m.to), cc: addr(m.cc), subject: m.subject ?? '', date: m.date?.toISOString() ?? null, messageId: m.messageId ?? null, inReplyTo: m.inReplyTo ?? null, text: (m.text ?? '').replace(/[\u200b-\u200d\u2060\ufeff]/g, ''), attachments: m.attachments.map((x) => ({ filename: x.filename ?? '', size: x.size, contentType: x.contentType })) };
}

/** The decoy behind a beacon token (for the canary endpoint): artifact, persona, mailbox, deployment, planted date. */
export async function findByBeacon(db: Db, token: string) {
  if (!/^[A-Za-z0-9_-]{22}$/.test(token)) return undefined;
  return db
    .selectFrom('blur_markers')
    .innerJoin('blur_artifacts', 'blur_artifacts.id', 'blur_markers.artifact_id')
    .innerJoin('blur_personas', 'blur_personas.id', 'blur_artifacts.persona_id')
    .select(['blur_artifacts.id as artifactId', 'blur_artifacts.deployment_id as deploymentId', 'blur_artifacts.kind', 'blur_artifacts.title', 'blur_artifacts.path', 'blur_artifacts.mailbox', 'blur_artifacts.planted_at as planted', 'blur_personas.full_name as persona'])
    .where('blur_markers.kind', '=', 'beacon')
    .where('blur_markers.value', '=', token)
    .executeTakeFirst();
}
