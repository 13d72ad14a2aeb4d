import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libreOfficeAvailable, runWithTimeout, SOFFICE } from '../../test/helpers/libreoffice.ts';
import { listAlerts } from '../alerts/index.ts';
import { createTestApp, type TestApp } from '../server/testing.ts';
import { LogSensor } from './logs/sensor.ts';
import { createSensors } from './service.ts';
import { makeTestKit, type TestKit } from './testing.ts';

const have = libreOfficeAvailable();


describe.skipIf(!have)('a decoy touched three ways raises three alerts naming its mailbox', () => {
  let t: TestApp;
  let kit: TestKit;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    kit = await makeTestKit(t.ctx.store, t.ctx.box, { publicUrl: address, seed: 'done-when' });
    dir = mkdtempSync(join(tmpdir(), 'sensors-lo-'));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    kit?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('LibreOffice opening a decoy DOCX, a honey credential on the portal, a decoy account in a Dovecot log', async () => {
    // 1. The attacker opens the stolen DOCX: LibreOffice fetches the remote image relationship.
    const docx = kit.kit.artifacts.find((a) => a.kind === 'docx');
    if (!docx) return expect.fail('the kit has no DOCX');
    const code = await runWithTimeout(SOFFICE, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', join(dir, 'out'), join(kit.dir, docx.path)], 100_000);
    expect(code).toBe(0);

    // 2. The attacker tries a credential found in the notes file on the honey webmail portal.
    const cred = kit.credentials.find((c) => c.service === 'webmail');
    if (!cred) return expect.fail('no honey webmail credential');
    const res = await t.app.inject({ method: 'POST', url: '/owa/dep-done-when', payload: new URLSearchParams({ username: cred.login, password: cred.password }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(200);

    // 3. The attacker logs in to the real IMAP server with a decoy persona's address.
    const persona = kit.kit.personas.find((p) => p.email !== cred.login) ?? kit.kit.personas[0];
    const sensors = createSensors(t.ctx.store, t.ctx.box);
    const logs = new LogSensor(sensors.lookup, sensors.recorder, '/var/log/mail.log', 'dovecot');
    await logs.line(`Mar 20 03:12:44 mx1 dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<${persona.email}>, method=PLAIN, rip=185.86.148.227, lip=10.0.0.2, TLS`, 1);
    await sensors.recorder.close();

    await new Promise((r) => setTimeout(r, 300));
    const alerts = await listAlerts(t.ctx.store.db, { source: 'sensors' });
    const byKind = new Map(alerts.map((a) => [String(a.details.kind), a]));
    expect([...byKind.keys()].sort()).toEqual(['beacon', 'log', 'portal']);
    expect(byKind.get('beacon')?.details.mailbox).toBe(docx.mailbox);
    expect(byKind.get('beacon')?.title).toContain(docx.mailbox);
    expect(byKind.get('portal')?.title).toContain(kit.kit.personas.find((p) => p.email === cred.login)?.email ?? cred.login);
    expect(byKind.get('log')?.title).toContain(persona.email);
    for (const a of byKind.values()) expect(String((a.details.inference as { fr: string }).fr)).toContain(String(a.details.mailbox));
  }, 150_000);
});
