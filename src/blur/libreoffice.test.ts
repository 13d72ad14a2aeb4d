import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libreOfficeAvailable, runWithTimeout, SOFFICE } from '../../test/helpers/libreoffice.ts';
import { generateKit, type KitResult } from './kit.ts';
import { parseBeaconPath } from './markers/index.ts';

const have = libreOfficeAvailable();

// 1×1 transparent PNG, what the canary endpoint answers.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');


describe.skipIf(!have)('DOCX beacon opened by LibreOffice headless', () => {
  let server: Server;
  let port = 0;
  const hits: string[] = [];
  let dir: string;
  let kit: KitResult;
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
    dir = mkdtempSync(join(tmpdir(), 'blur-lo-'));
    kit = await generateKit({ org: { name: 'T', protectedDomains: ['en-marche.fr'], partnerDomains: [], brandDomains: [], staff: [] }, personas: 3, months: 2, seed: 'lo', outDir: join(dir, 'kit'), key: Buffer.alloc(32, 9), publicUrl: `http://127.0.0.1:${port}`, deploymentId: 'lo' });
  }, 60_000);
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('fetches the remote image relationship when converting the DOCX, so the beacon fires', async () => {
    const art = kit.artifacts.find((a) => a.kind === 'docx');
    if (!art) return expect.fail('no docx in the kit');
    const token = art.markers.find((m) => m.kind === 'beacon')?.value;
    const code = await runWithTimeout(SOFFICE, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', join(dir, 'out'), join(dir, 'kit', art.path)], 90_000);
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'out', art.path.split('/').pop()!.replace(/\.docx$/, '.pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
    const tokens = hits.map((h) => parseBeaconPath(h.split('?')[0]));
    expect(tokens).toContain(token);
  }, 120_000);
});
