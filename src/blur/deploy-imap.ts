import { readFileSync } from 'node:fs';
import type { ImapFlow } from 'imapflow';
import { imapClient, parseImapUrl as parseUrl, type ImapTarget } from '../core/mail-transport.ts';
import { RempartError, ValidationError } from '../core/errors.ts';
import { safeJoin } from './kitfs.ts';
import type { KitManifest } from './kit.ts';

export type { ImapTarget };

/** Parses `imap://user:pass@host:port` or `imaps://…` (user and password URL-encoded). */
export function parseImapUrl(url: string): ImapTarget {
  return parseUrl(url, 'blur.imap_url');
}

export interface DeployResult {
  mailbox: string;
  uploaded: number;
  skipped: number;
}

/** Finds (or creates) the folder for Sent mail: the server's \Sent special-use folder when it has one. */
async function sentFolder(client: ImapFlow): Promise<string> {
  const list = await client.list();
  const special = list.find((l) => l.specialUse === '\\Sent');
  if (special) return special.path;
  const named = list.find((l) => /^(sent|envoy)/i.test(l.name));
  if (named) return named.path;
  await client.mailboxCreate('Sent');
  return 'Sent';
}

async function existingIds(client: ImapFlow, folder: string): Promise<Set<string>> {
  const ids = new Set<string>();
  const box = await client.mailboxOpen(folder);
  if (box.exists > 0) for await (const m of client.fetch('1:*', { envelope: true })) if (m.envelope?.messageId) ids.add(m.envelope.messageId.replace(/^<|>$/g, ''));
  await client.mailboxClose();
  return ids;
}

/**
 * Uploads one decoy mailbox of a kit to an IMAP account with APPEND, keeping each message's date
 * (internal date) and flags. Resumable: messages whose Message-ID is already in the folder are
 * skipped, so a run cut midway can simply be run again.
 */
export async function deployMailboxImap(kitDir: string, manifest: KitManifest, mailbox: string, target: ImapTarget, onProgress?: (done: number, total: number) => void): Promise<DeployResult> {
  const msgs = manifest.artifacts.filter((a) => a.kind === 'message' && a.mailbox === mailbox && a.messageId).sort((a, b) => a.planted.localeCompare(b.planted));
  if (!msgs.length) throw ValidationError('blur.no_mailbox', `Aucune boîte ${mailbox} dans ce kit / no such mailbox in the kit`);
  const client = await imapClient(target, { insecureTls: true });
  client.on('error', () => undefined); // reported through the failing command below
  let uploaded = 0;
  let skipped = 0;
  try {
    await client.connect();
    const folders: Record<string, string> = { INBOX: 'INBOX', Sent: await sentFolder(client) };
    const present = new Map<string, Set<string>>();
    for (const f of Object.values(folders)) present.set(f, await existingIds(client, f));
    let done = 0;
    for (const m of msgs) {
      const folder = folders[m.folder ?? 'INBOX'] ?? 'INBOX';
      if (present.get(folder)?.has(m.messageId ?? '')) skipped++;
      else {
        await client.append(folder, readFileSync(safeJoin(kitDir, m.path)), m.flags ?? [], new Date(m.planted));
        present.get(folder)?.add(m.messageId ?? '');
        uploaded++;
      }
      onProgress?.(++done, msgs.length);
    }
    await client.logout();
  } catch (e) {
    client.close();
    if (e instanceof RempartError) throw e;
    throw new RempartError('blur.imap_failed', `Échec IMAP après ${uploaded} messages envoyés (relancer reprend sans doublon) / IMAP failed after ${uploaded} uploads, re-run resumes: ${(e as Error).message}`, 502);
  }
  return { mailbox, uploaded, skipped };
}
