import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { simpleParser, type AddressObject } from '../core/mime.ts';
import { systemActor } from '../access/index.ts';
import { DEMO_LABEL } from '../blur/demo.ts';
import type { SecretBox } from '../core/secrets.ts';
import type { Store } from '../store/index.ts';
import { scanLeaks } from './service.ts';

/** Forged passage the demo slips into a decoy mail, as the 2017 dump mixed fakes with real files. */
const FORGED = ' nous réglerons la facture par un virement de 250 000 euros vers le compte offshore convenu, sans passer par le mandataire financier ';

/**
 * A decoy mail as a forger republishes it: same headers, plain text, a passage rewritten two thirds
 * in (where an excerpt or a dropped signature cannot explain the change).
 */
async function forge(raw: Buffer): Promise<string> {
  const m = await simpleParser(raw, { skipHtmlToText: true });
  const words = (m.text ?? '').split(/(\s+)/);
  const mid = Math.floor(words.length / 3) * 2;
  const body = [...words.slice(0, mid), FORGED, ...words.slice(mid + 20)].join('');
  const addr = (v: AddressObject | AddressObject[] | undefined) => (v ? (Array.isArray(v) ? v : [v]).map((x) => x.text).join(', ') : '');
  const subject = `=?UTF-8?B?${Buffer.from(m.subject ?? '').toString('base64')}?=`;
  const head = [`From: ${addr(m.from)}`, `To: ${addr(m.to)}`, `Subject: ${subject}`, `Date: ${(m.date ?? new Date()).toUTCString()}`, `Message-ID: ${m.messageId ?? '<forged@example.invalid>'}`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: 8bit'];
  return `${head.join('\r\n')}\r\n\r\n${body.replace(/\r?\n/g, '\r\n')}`;
}

/**
 * The 2017 story, leak day: a "dump" built from the demo decoys (documents, some mail, one mail
 * edited in the middle, one invented memo that claims to be ours) is scanned like the real one was.
 * Idempotent: skipped once a report exists.
 */
export async function leaksDemoStep(store: Store, box: SecretBox, env: { dataDir: string }): Promise<string> {
  if (await store.db.selectFrom('leak_reports').select('id').executeTakeFirst()) return 'fuites : rapport déjà en place';
  const dep = await store.db.selectFrom('blur_deployments').select(['id', 'kit_dir']).where('label', '=', DEMO_LABEL).executeTakeFirst();
  if (!dep || !existsSync(dep.kit_dir)) return 'fuites : pas de leurres de démo, rien à analyser';
  const arts = await store.db.selectFrom('blur_artifacts').select(['kind', 'path', 'size']).where('deployment_id', '=', dep.id).orderBy('planted_at').execute();
  const dump = resolve(join(env.dataDir, 'leaks', 'demo-2017-dump'));
  mkdirSync(join(dump, 'documents'), { recursive: true });
  mkdirSync(join(dump, 'mails'), { recursive: true });
  for (const a of arts.filter((x) => x.kind === 'docx' || x.kind === 'xlsx' || x.kind === 'pdf')) cpSync(join(dep.kit_dir, a.path), join(dump, 'documents', basename(a.path)));
  const mails = arts.filter((x) => x.kind === 'message');
  for (const a of mails.slice(0, 12)) cpSync(join(dep.kit_dir, a.path), join(dump, 'mails', basename(a.path)));
  const long = [...mails].sort((a, b) => b.size - a.size)[0];
  if (long) writeFileSync(join(dump, 'mails', 'RE_ virement urgent.eml'), await forge(readFileSync(join(dep.kit_dir, long.path))));
  writeFileSync(join(dump, 'documents', 'note-interne-comptes.txt'), 'Note interne En Marche ! — de la part de la direction (direction@en-marche.fr) : les comptes de la campagne aux Bahamas doivent rester confidentiels.\n');
  const r = await scanLeaks(store, box, systemActor, [dump]);
  const c = r.summary.counts;
  return `fuites : ${r.summary.items} fichiers analysés, ${c.decoy} leurres, ${c['tampered-decoy']} leurre(s) modifié(s), ${c.unverified} non vérifié(s)`;
}
