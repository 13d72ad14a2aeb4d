import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDataDir } from '../core/shared-data.ts';
import { SecretBox } from '../core/secrets.ts';
import { addDomain, loadOrgContext, setOrgName } from '../org/index.ts';
import { openTestStore, testBackends, type TestStore } from '../store/testing.ts';
import { makeTestKit, type TestKit } from '../sensors/testing.ts';
import { LeakScanner, type ItemResult } from './scanner.ts';
import { registerGenuine } from './register.ts';
import { renderReport } from './report.ts';

const shared = sharedDataDir();

for (const kind of testBackends) {
  describe(`leak scanner verdicts (${kind})`, () => {
    let t: TestStore;
    let kit: TestKit;
    let dir: string;
    const box = SecretBox.fromKey('2'.repeat(64));
    beforeAll(async () => {
      t = await openTestStore(kind);
      await setOrgName(t.store.db, 'En Marche !');
      await addDomain(t.store.db, 'en-marche.fr');
      kit = await makeTestKit(t.store, box, { seed: 'leaks' });
      dir = mkdtempSync(join(tmpdir(), 'leaks-'));
    }, 120_000);
    afterAll(async () => {
      await t?.cleanup();
      kit?.cleanup();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    async function scan(paths: string[]): Promise<ItemResult[]> {
      const out: ItemResult[] = [];
      const s = new LeakScanner(t.store, kit.key, await loadOrgContext(t.store.db), { onItem: (r) => void out.push(r) });
      await s.scan(paths);
      return out;
    }

    it('recognises every document and message of a kit with its mailbox and planted date', async () => {
      const docs = kit.kit.artifacts.filter((a) => a.kind !== 'credentials').slice(0, 40);
      const dump = join(dir, 'dump');
      for (const a of docs) {
        mkdirSync(join(dump, a.id), { recursive: true });
        cpSync(join(kit.dir, a.path), join(dump, a.id, `renamed-${a.path.split('/').pop()}`));
      }
      const results = await scan([dump]);
      for (const a of docs) {
        const r = results.find((x) => x.path.includes(`/${a.id}/`) && !x.path.includes('!'));
        expect(r?.verdict, a.path).toBe('decoy');
        expect(r?.mailbox).toBe(a.mailbox);
        expect(r?.artifact).toBe(a.id);
        expect(r?.planted).toBe(a.planted);
      }
    });

    it('flags a decoy whose content was changed in the middle as tampered, with the diff', async () => {
      const a = kit.kit.artifacts.find((x) => x.kind === 'message' && x.size > 3000);
      if (!a) return expect.fail('no long message');
      const raw = readFileSync(join(kit.dir, a.path), 'utf8');
      const body = raw.split(/\r?\n\r?\n/);
      const text = body.slice(1).join('\n\n');
      const words = text.split(/(\s+)/);
      const mid = Math.floor(words.length / 3) * 2;
      const forged = [...words.slice(0, mid), ' virement de 250 000 euros vers le compte offshore convenu ', ...words.slice(mid + 20)].join('');
      writeFileSync(join(dir, 'forged.eml'), `${body[0]}\n\n${forged}`);
      const [r] = await scan([join(dir, 'forged.eml')]);
      expect(r.verdict).toBe('tampered-decoy');
      expect(r.mailbox).toBe(a.mailbox);
      expect(r.diff?.added.join(' ')).toContain('offshore');
    });

    it('says genuine for registered real documents, unverified for claims to be ours, unrelated otherwise', async () => {
      if (!shared) return console.warn('shared data absent: genuine corpus part skipped');
      const ham = join(shared, 'mail', 'ham-dev');
      const files = readdirSync(ham).filter((f) => f.endsWith('.eml')).slice(0, 30);
      const real = join(dir, 'real');
      mkdirSync(real);
      for (const f of files.slice(0, 15)) cpSync(join(ham, f), join(real, f));
      await registerGenuine(t.store, kit.key, [real]);
      const other = join(dir, 'other');
      mkdirSync(other);
      for (const f of files.slice(15)) cpSync(join(ham, f), join(other, f));
      writeFileSync(join(other, 'fake-memo.txt'), 'Note interne En Marche ! — de la part de claire.vasseur@en-marche.fr : comptes cachés aux Bahamas.');
      const results = await scan([real, other]);
      for (const r of results.filter((x) => x.path.startsWith(real))) expect(r.verdict).toBe('genuine');
      expect(results.find((r) => r.path.endsWith('fake-memo.txt'))?.verdict).toBe('unverified');
      expect(results.filter((r) => r.verdict === 'decoy' || r.verdict === 'tampered-decoy')).toEqual([]);
      const html = renderReport(results, { items: results.length, bytes: 1, seconds: 1, counts: { decoy: 0, 'tampered-decoy': 0, genuine: 15, unverified: 1, unrelated: 0, error: 0 } }, { paths: [real] });
      expect(html).not.toMatch(/<script|https?:\/\/(?!127)/);
    });

    it('scans a corrupt PDF and garbage as per-item results, never crashing', async () => {
      writeFileSync(join(dir, 'broken.pdf'), Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj << /Length 99999 >> stream\n'), Buffer.alloc(5000, 0xff)]));
      writeFileSync(join(dir, 'broken.docx'), Buffer.from('PK\u0003\u0004garbage'));
      const results = await scan([join(dir, 'broken.pdf'), join(dir, 'broken.docx')]);
      expect(results).toHaveLength(2);
      for (const r of results) expect(['unrelated', 'error']).toContain(r.verdict);
    });
  });
}
