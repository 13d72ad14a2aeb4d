import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openTestStore, testBackends, type TestStore } from '../store/testing.ts';
import { migrateToLatest } from '../store/index.ts';
import { generateKit, registerKit, identify, extract, decodeAll, findByBeacon, findCredential, type KitResult } from './index.ts';
import { ibanValid, frenchIban } from './markers/facts.ts';
import { Rng } from './random.ts';

const org = {
  name: 'En Marche ! (test)',
  protectedDomains: ['en-marche.fr'],
  partnerDomains: [],
  brandDomains: [],
  staff: [
    { fullName: 'Claire Vasseur', email: 'claire.vasseur@en-marche.fr', aliases: [], department: 'direction', role: 'directrice de campagne' },
    { fullName: 'Olivier Chevalier', email: 'olivier.chevalier@en-marche.fr', aliases: [], department: 'finances', role: 'trésorier' },
  ],
};
const key = Buffer.alloc(32, 3);

for (const kind of testBackends) {
  describe(`decoy markers (${kind})`, () => {
    let t: TestStore;
    let dir: string;
    let kit: KitResult;
    beforeAll(async () => {
      t = await openTestStore(kind);
      await migrateToLatest(t.store.db);
      dir = mkdtempSync(join(tmpdir(), 'blur-kit-'));
      kit = await generateKit({ org, personas: 4, months: 3, seed: 'test-seed', outDir: dir, key, publicUrl: 'https://rempart.example.org', deploymentId: 'dep-test', perDay: 2 });
      await registerKit(t.store, kit, { label: 'test', months: 3, lang: 'fr', kitDir: dir });
    }, 120_000);
    afterAll(async () => {
      await t?.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    for (const format of ['docx', 'xlsx', 'pdf'] as const) {
      it(`recovers every marker kind from a freshly generated ${format}`, async () => {
        const art = kit.artifacts.find((a) => a.kind === format && a.markers.some((m) => m.value.startsWith('syn:')));
        if (!art) return expect.fail(`the kit has no ${format}; generation must produce every format`);
        const cands = await identify(t.store, key, readFileSync(join(dir, art.path)), art.path);
        expect(cands[0].artifactId).toBe(art.id);
        expect(cands[0].mailbox).toBe(art.mailbox);
        expect(cands[0].exact).toBe(true);
        const kinds = new Set(cands[0].markers.map((m) => m.kind));
        expect([...kinds].sort()).toEqual(['beacon', 'fact', 'fingerprint', 'metadata', 'watermark']);
        // PDF standard fonts cannot carry zero-width characters: the word-choice channel carries the watermark there.
        const wm = cands[0].markers.filter((m) => m.kind === 'watermark').map((m) => m.value.split(':')[0]);
        expect(wm).toContain('syn');
        if (format !== 'pdf') expect(wm).toContain('zw');
      });
    }

    it('recovers beacon, watermark, metadata, facts and fingerprint from a generated mail', async () => {
      const art = kit.artifacts.find((a) => a.kind === 'message' && a.markers.some((m) => m.kind === 'beacon') && a.markers.some((m) => m.kind === 'fact') && a.markers.some((m) => m.kind === 'fingerprint'));
      if (!art) return expect.fail('no message with html and facts');
      const cands = await identify(t.store, key, readFileSync(join(dir, art.path)), art.path);
      expect(cands[0].artifactId).toBe(art.id);
      expect(new Set(cands[0].markers.map((m) => m.kind))).toEqual(new Set(['beacon', 'fact', 'fingerprint', 'metadata', 'watermark']));
    });

    it('identifies the decoy document attached to a message, alongside the message', async () => {
      const doc = kit.artifacts.find((a) => a.kind === 'docx' || a.kind === 'xlsx' || a.kind === 'pdf');
      const msg = kit.artifacts.find((a) => a.kind === 'message' && doc && readFileSync(join(dir, a.path), 'utf8').includes(`filename="${doc.title}"`));
      if (!doc || !msg) return expect.fail('no message carrying a document');
      const cands = await identify(t.store, key, readFileSync(join(dir, msg.path)), 'x.eml');
      expect(cands.find((c) => !c.attachment)?.artifactId).toBe(msg.id);
      const att = cands.find((c) => c.attachment === doc.title);
      expect(att?.artifactId).toBe(doc.id);
      expect(att?.exact).toBe(true);
    });

    it('still identifies a document text after zero-width removal and light edits', async () => {
      const art = kit.artifacts.find((a) => a.kind === 'docx' && a.markers.some((m) => m.value.startsWith('syn:')));
      if (!art) return expect.fail('no docx');
      const x = await extract(readFileSync(join(dir, art.path)), art.path);
      const words = x.text.replace(/[\u200b-\u200d\u2060\ufeff]/g, '').split(' ');
      // A few redactions (8 words): both the word-choice watermark and the fingerprint survive.
      const light = words.slice();
      for (let k = 1; k <= 8; k++) light[Math.floor((k * light.length) / 9)] = 'XXX';
      const c1 = await identify(t.store, key, light.join(' '));
      expect(c1[0]?.artifactId).toBe(art.id);
      expect(c1[0].markers.map((m) => m.kind)).toEqual(expect.arrayContaining(['watermark', 'fingerprint']));
      // Heavier rewriting (one word in 23): the word-choice channel breaks, the fingerprint still matches.
      const heavy = words.slice();
      for (let i = 7; i < heavy.length; i += 23) heavy[i] = 'modifié';
      const c2 = await identify(t.store, key, heavy.join(' '));
      expect(c2[0]?.artifactId).toBe(art.id);
      expect(c2[0].markers.map((m) => m.kind)).toContain('fingerprint');
    });

    it('claims nothing for an unrelated text or a forged zero-width mark', async () => {
      expect(await identify(t.store, key, 'Bonjour, voici le compte rendu de la réunion de lundi. Merci de me dire si cela vous convient. Cordialement, Jean')).toEqual([]);
      const forged = `Bonjour\ufeff${'\u200b\u200c'.repeat(24)} à tous`;
      expect(await identify(t.store, key, forged)).toEqual([]);
    });

    it('resolves a beacon token and a honey password to their decoy mailbox (the sensors’ lookups)', async () => {
      const art = kit.artifacts.find((a) => a.kind === 'docx');
      const token = art?.markers.find((m) => m.kind === 'beacon')?.value ?? '';
      const hit = await findByBeacon(t.store.db, token);
      expect(hit?.artifactId).toBe(art?.id);
      expect(hit?.mailbox).toBe(art?.mailbox);
      expect(await findByBeacon(t.store.db, 'A'.repeat(22))).toBeUndefined();
      const notes = kit.artifacts.find((a) => a.path.endsWith('notes.txt'));
      const line = readFileSync(join(dir, notes?.path ?? ''), 'utf8').split('\n').find((l) => l.startsWith('webmail'));
      const [, login, pw] = /^webmail : (\S+) \/ (\S+)$/.exec(line ?? '') ?? [];
      const cred = await findCredential(t.store.db, key, pw, login);
      expect(cred?.mailbox).toBe(login);
      expect(await findCredential(t.store.db, key, `${pw}x`)).toBeUndefined();
    });

    it('never writes a kit over an existing one', async () => {
      await expect(generateKit({ org, personas: 1, months: 1, seed: 'x', outDir: dir, key, publicUrl: 'https://r.example', deploymentId: 'dep2' })).rejects.toThrow(/kit/);
    });
  });
}

describe('decoders on hostile input', () => {
  it('never throws on random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4000 }), async (bytes) => {
        const x = await extract(Buffer.from(bytes), 'x.bin');
        decodeAll(x, key);
      }),
      { numRuns: 100 },
    );
  });
  it('never throws on corrupt zip and PDF headers', async () => {
    for (const head of ['PK\x03\x04', '%PDF-1.7\nstream\n']) {
      const x = await extract(Buffer.concat([Buffer.from(head, 'latin1'), Buffer.alloc(5000, 0x41)]), 'f');
      expect(decodeAll(x, key)).toBeInstanceOf(Array);
    }
  });
  it('invents IBANs that pass the ISO 13616 check', () => {
    const rng = new Rng('iban');
    for (let i = 0; i < 200; i++) expect(ibanValid(frenchIban(rng))).toBe(true);
  });
});
