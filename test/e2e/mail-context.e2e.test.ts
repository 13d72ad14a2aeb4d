import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { triageAndStore } from '../../src/mail/reports.ts';
import { openStore } from '../../src/store/index.ts';

// One triage context: `rempart mail triage` must judge with the same threat intelligence and
// organisation directory as the API / dashboard (triageAndStore), so a message gets one verdict.
const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'rempart-mailctx-'));
const dbUrl = `sqlite:${join(dir, 'ctx.db')}`;
const env = { ...process.env, REMPART_DATABASE_URL: dbUrl, REMPART_DATA_DIR: dir };

function rempart(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/rempart.js'), ...args], { env, encoding: 'utf8', cwd: dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const message = [
  'From: "Service Comptes" <noreply@factures-suivi.example>',
  'To: lea.martin@en-marche.fr',
  'Subject: Votre facture du mois',
  'Date: Fri, 04 Dec 2026 10:00:00 +0100',
  'Message-ID: <ctx-1@factures-suivi.example>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Bonjour,',
  'Votre facture est disponible : https://portail.factures-suivi.example/f/2026-12',
  'Cordialement',
  '',
].join('\r\n');

describe('one triage context for CLI and API', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('CLI and API give the same verdict and the CLI sees the intel indicators', async () => {
    const eml = join(dir, 'facture.eml');
    writeFileSync(eml, message);
    const before = rempart('mail', 'triage', '--json', eml);
    expect(before.code, before.err).toBe(0);
    const b = JSON.parse(before.out.trim());
    expect(b.signals.map((s: { id: string }) => s.id)).not.toContain('links.known_bad');

    const add = rempart('intel', 'indicators', 'add', 'factures-suivi.example', '--source', 'cert-test', '--type', 'domain');
    expect(add.code, add.err).toBe(0);

    const after = rempart('mail', 'triage', '--json', eml);
    expect(after.code, after.err).toBe(0);
    const cli = JSON.parse(after.out.trim());
    expect(cli.signals.map((s: { id: string }) => s.id)).toContain('links.known_bad');

    const store = await openStore(dbUrl);
    try {
      const api = await triageAndStore(store, readFileSync(eml), { source: 'upload' });
      expect(api.verdict).toBe(cli.verdict);
      expect(api.score).toBe(cli.score);
      expect(api.signals.map((s) => s.id).sort()).toEqual(cli.signals.map((s: { id: string }) => s.id).sort());
    } finally {
      await store.close();
    }
  }, 120_000);

  it('an mbox holding only a "From " line gets one outcome line with an error id', () => {
    const f = join(dir, 'only-from');
    writeFileSync(f, 'From someone@example.org Fri Dec  4 10:00:00 2026\n');
    const eml = join(dir, 'facture.eml');
    const r = rempart('mail', 'triage', '--json', f, eml);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as { file: string; error?: { id: string }; verdict?: string });
    expect(lines).toHaveLength(2);
    expect(lines.find((l) => l.file.startsWith(f))?.error?.id).toBe('mail.empty_message');
    expect(lines.find((l) => l.file === eml)?.verdict).toBeDefined();
  }, 120_000);
});
