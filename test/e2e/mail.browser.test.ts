import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { triageAndStore } from '../../src/mail/reports.ts';
import { addDomain, importStaffCsv } from '../../src/org/index.ts';
import { chromiumAvailable, ensureWebBuilt, launchChromium, startDashboardServer, type DashboardServer, logIn } from './harness.ts';
import { SAMPLE_2017_SUBJECT, SAMPLE_CLEAN_SUBJECT, sample2017, sampleClean } from './mail-samples.ts';

describe.runIf(chromiumAvailable())('mail triage page in Chromium', () => {
  let server: DashboardServer;
  beforeAll(async () => {
    ensureWebBuilt();
    server = await startDashboardServer({
      seed: async (store) => {
        await addDomain(store.db, 'en-marche.fr');
        await importStaffCsv(store, 'nom;email;pôle\nMounir Mahjoubi;mounir.mahjoubi@en-marche.fr;numérique\nLéa Fontaine;lea.fontaine@en-marche.fr;presse\n');
        // Reported earlier through the report mailbox: the list must show both, newest first.
        await triageAndStore(store, sampleClean(), { source: 'imap', reporter: 'lea.fontaine@en-marche.fr' });
      },
    });
  }, 180_000);
  afterAll(async () => server?.close());

  it('uploads the 2017 message, shows it malicious with the impersonation first and the lookalike marked, then lists and filters it', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ locale: 'fr-FR' });
      page.setDefaultTimeout(15_000);
      await page.goto(server.url);
      await logIn(page, server);
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Courriels' }).click();
      await page.getByRole('heading', { name: 'Courriels signalés' }).waitFor();
      const rows = page.locator('table.mail-table tbody tr');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(1);

      // A broken Outlook .msg gets a clear message, not a crash.
      await page.getByLabel('Choisir le fichier (.eml, .msg) du message à analyser').setInputFiles({
        name: 'message.msg',
        mimeType: 'application/vnd.ms-outlook',
        buffer: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]),
      });
      await page.getByRole('alert').filter({ hasText: 'mail.msg_unreadable' }).waitFor();

      await page.getByLabel('Choisir le fichier (.eml, .msg) du message à analyser').setInputFiles({ name: 'protegez-vous.eml', mimeType: 'message/rfc822', buffer: sample2017() });
      const detail = page.getByTestId('mail-detail');
      await detail.getByRole('heading', { name: SAMPLE_2017_SUBJECT }).waitFor();
      expect(await detail.getByTestId('verdict').first().textContent()).toBe('Malveillant');
      expect(new URL(page.url()).searchParams.get('id')).toMatch(/\S/);
      await expect(detail.getByTestId('mail-action').textContent()).resolves.toMatch(/Ne cliquez sur rien/);

      // Signals ranked: who sent it first, with its French explanation.
      const signals = detail.locator('[data-testid=mail-signals] > li');
      expect(await signals.nth(0).getAttribute('data-signal')).toBe('sender.staff_impersonation');
      expect(await signals.nth(1).getAttribute('data-signal')).toBe('sender.lookalike_domain');
      await expect(signals.nth(0).textContent()).resolves.toContain('Le nom affiché est celui d’un membre de l’équipe');

      // The lookalike: the characters that differ from en-marche.fr are marked, in the sender and in the link.
      const senderLook = detail.locator('[data-signal="sender.lookalike_domain"] [data-testid=lookalike]');
      expect(await senderLook.textContent()).toBe('en-marche-fr.com');
      expect(await senderLook.locator('mark').allTextContents()).toEqual(['-', '.com']);
      expect(await detail.locator('[data-signal="links.lookalike_domain"] [data-testid=lookalike] mark').allTextContents()).toEqual(['onedrive-']);
      // The link that shows the real domain and goes elsewhere: the real host is marked.
      const link = detail.locator('[data-signal="links.text_href_mismatch"]');
      await expect(link.textContent()).resolves.toContain('https://en-marche.fr/securite');
      expect(await link.locator('mark').allTextContents()).toEqual(['onedrive-en-marche.fr']);

      // Attachments by name, what their bytes are, and their hashes; indicators to copy.
      const attachments = detail.locator('.attachment');
      expect(await attachments.count()).toBe(2);
      await expect(attachments.nth(0).textContent()).resolves.toMatch(/outil-protection\.doc.*document Office.*[0-9a-f]{64}/);
      await expect(detail.getByTestId('mail-indicators').textContent()).resolves.toContain('en-marche-fr.com');

      // The list: newest first, filter by verdict, search.
      await expect(rows.nth(0).textContent()).resolves.toContain(SAMPLE_2017_SUBJECT);
      expect(await rows.count()).toBe(2);
      await page.locator('.seg-item', { hasText: 'Sain' }).click();
      await page.waitForURL(/verdict=clean/);
      await page.locator('table.mail-table tbody tr', { hasText: SAMPLE_CLEAN_SUBJECT }).waitFor();
      // The row was already there before the filter: wait for the list to re-render, not just for it.
      await expect.poll(() => rows.count()).toBe(1);
      await page.locator('.seg-item', { hasText: 'Malveillant' }).click();
      await page.waitForURL(/verdict=malicious/);
      await page.locator('table.mail-table tbody tr', { hasText: SAMPLE_2017_SUBJECT }).waitFor();
      await expect.poll(() => rows.count()).toBe(1);
      await expect(page.locator('.seg-item', { hasText: 'Malveillant' }).locator('.seg-count').textContent()).resolves.toBe('1');

      await page.locator('.seg-item', { hasText: 'Tous' }).click();
      await page.getByLabel('Rechercher').fill('réunion');
      await page.waitForURL(/q=r%C3%A9union/);
      await page.locator('table.mail-table tbody tr', { hasText: SAMPLE_CLEAN_SUBJECT }).waitFor();
      // The row was already there before the filter: wait for the list to re-render, not just for it.
      await expect.poll(() => rows.count()).toBe(1);

      // Clicking a row opens its detail.
      await rows.first().getByRole('button').click();
      await detail.getByRole('heading', { name: SAMPLE_CLEAN_SUBJECT }).waitFor();
      expect(await detail.getByTestId('verdict').first().textContent()).toBe('Sain');

      // Pasting the source works too.
      const opened = new URL(page.url()).searchParams.get('id');
      await page.getByLabel(/collez la source/).fill(sampleClean().replace('<jeudi@', '<jeudi-colle@'));
      await page.getByRole('button', { name: 'Analyser', exact: true }).click();
      await page.waitForURL((u) => !!u.searchParams.get('id') && u.searchParams.get('id') !== opened, { waitUntil: 'commit' });
      await detail.getByRole('heading', { name: SAMPLE_CLEAN_SUBJECT }).waitFor();
      expect(await detail.getByTestId('verdict').first().textContent()).toBe('Sain');

      // And so does dropping a file on the drop zone.
      const before = new URL(page.url()).searchParams.get('id');
      const drop = await page.evaluateHandle((b64) => {
        const dt = new DataTransfer();
        dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'depose.eml', { type: 'message/rfc822' }));
        return dt;
      }, sample2017().toString('base64'));
      await page.getByTestId('mail-dropzone').dispatchEvent('drop', { dataTransfer: drop });
      await page.waitForURL((u) => !!u.searchParams.get('id') && u.searchParams.get('id') !== before, { waitUntil: 'commit' });
      await detail.getByRole('heading', { name: SAMPLE_2017_SUBJECT }).waitFor();
      expect(await detail.getByTestId('verdict').first().textContent()).toBe('Malveillant');
    } catch (e) {
      // What the page showed when it failed, for whoever reads the log.
      await browser.contexts()[0]?.pages()[0]?.screenshot({ path: '.tmp/mail-browser-failure.png', fullPage: true }).catch(() => undefined);
      throw e;
    } finally {
      await browser.close();
    }
  }, 120_000);
});
