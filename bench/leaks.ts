/**
 * Leak scan throughput: generates a mixed dump of BENCH_SIZE_MB (default 1024) — decoy documents and
 * mails, real mail from ../shared/data/mail, an mbox, zip and tar.gz archives, photos and videos —
 * then scans it in this process (one core; pdftotext children aside) and prints MB/s and peak
 * memory. Target ≥ 100 MB/s.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import tar from 'tar-stream';
import { generateKit, registerKit, registryKey } from '../src/blur/index.ts';
import { sharedDataDir } from '../src/core/shared-data.ts';
import { SecretBox } from '../src/core/secrets.ts';
import { LeakScanner } from '../src/leaks/index.ts';
import { addDomain, loadOrgContext, setOrgName } from '../src/org/index.ts';
import { migrateToLatest, openStore } from '../src/store/index.ts';

const target = Number(process.env.BENCH_SIZE_MB ?? 1024) * 1e6;
const work = mkdtempSync(join(tmpdir(), 'bench-leaks-'));
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
try {
  const store = await openStore(`sqlite:${join(work, 'b.db')}`);
  await migrateToLatest(store.db);
  await setOrgName(store.db, 'En Marche !');
  await addDomain(store.db, 'en-marche.fr');
  const org = await loadOrgContext(store.db);
  const key = await registryKey(store.db, SecretBox.fromKey('6'.repeat(64)));
  const kitDir = join(work, 'kit');
  const kit = await generateKit({ org, personas: 4, months: 2, seed: 'bench-leaks', outDir: kitDir, key, publicUrl: 'https://static.en-marche.fr', deploymentId: 'bench', perDay: 2 });
  await registerKit(store, kit, { label: 'bench', months: 2, lang: 'fr', kitDir });

  const dump = join(work, 'dump');
  mkdirSync(dump);
  const kitFiles = kit.artifacts.map((a) => join(kitDir, a.path));
  const shared = sharedDataDir();
  const mails = shared ? readdirSync(join(shared, 'mail', 'ham-dev')).slice(0, 2000).map((f) => join(shared, 'mail', 'ham-dev', f)) : [];
  let size = 0;
  let n = 0;
  const write = (name: string, data: Uint8Array) => {
    writeFileSync(join(dump, name), data);
    size += data.length;
  };
  console.log(`Generating a ${(target / 1e6).toFixed(0)} MB mixed dump…`);
  while (size < target) {
    const k = n++ % 10;
    if (k < 3) {
      // Media: photos and videos, the bulk of real dumps by bytes.
      const b = randomBytes(2_000_000 + (n % 7) * 1_000_000);
      b.set([0xff, 0xd8, 0xff, 0xe0]);
      write(`IMG_${n}.jpg`, b);
    } else if (k < 5) {
      const files: Record<string, Uint8Array> = {};
      for (let i = 0; i < 40; i++) files[`dossier/${i}-${kitFiles[(n * 40 + i) % kitFiles.length].split('/').pop()}`] = readFileSync(kitFiles[(n * 40 + i) % kitFiles.length]);
      for (let i = 0; i < 40 && mails.length; i++) files[`mails/${i}.eml`] = readFileSync(mails[(n * 40 + i) % mails.length]);
      write(`archive-${n}.zip`, zipSync(files, { level: 1 }));
    } else if (k < 6) {
      const pack = tar.pack();
      for (let i = 0; i < 40; i++) pack.entry({ name: `t/${i}-${kitFiles[(n + i) % kitFiles.length].split('/').pop()}` }, readFileSync(kitFiles[(n + i) % kitFiles.length]));
      pack.finalize();
      const chunks: Buffer[] = [];
      for await (const c of pack as AsyncIterable<Buffer>) chunks.push(c);
      write(`export-${n}.tar.gz`, gzipSync(Buffer.concat(chunks), { level: 1 }));
    } else if (k < 7 && mails.length) {
      const out = createWriteStream(join(dump, `boite-${n}.mbox`));
      for (let i = 0; i < 200; i++) {
        const m = readFileSync(mails[(n * 200 + i) % mails.length]);
        out.write(`From x@y Thu Mar  9 10:00:00 2017\n${m.toString('latin1').replace(/\nFrom /g, '\n>From ')}\n\n`, 'latin1');
      }
      await new Promise<void>((r) => out.end(() => r()));
      size += statSync(join(dump, `boite-${n}.mbox`)).size;
    } else if (k < 9) {
      const video = randomBytes(8_000_000);
      video.set([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70], 0);
      write(`video-${n}.mp4`, video);
    } else {
      for (let i = 0; i < 30; i++) {
        const f = kitFiles[(n * 30 + i) % kitFiles.length];
        copyFileSync(f, join(dump, `${n}-${i}-${f.split('/').pop()}`));
        size += statSync(f).size;
      }
    }
  }
  console.log(`Dump: ${(size / 1e6).toFixed(0)} MB in ${readdirSync(dump).length} files. Scanning…`);
  const counts: Record<string, number> = {};
  const scanner = new LeakScanner(store, key, org, { onItem: (r) => void (counts[r.verdict] = (counts[r.verdict] ?? 0) + 1) });
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const s = await scanner.scan([dump]);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  console.log(`Scanned ${(size / 1e6).toFixed(0)} MB on disk (${(s.bytes / 1e6).toFixed(0)} MB after unpacking), ${s.items} items in ${secs.toFixed(1)} s = ${(size / 1e6 / secs).toFixed(1)} MB/s on one core (target ≥ 100 MB/s)`);
  console.log(`CPU time of the scanning process: ${cpuSecs.toFixed(1)} s = ${(size / 1e6 / cpuSecs).toFixed(1)} MB per CPU-second (the machine is shared; wall time includes waiting for disk and other processes)`);
  console.log(`Verdicts: ${JSON.stringify(counts)}`);
  console.log(`Peak RSS ${(peak / 1e6).toFixed(0)} MB`);
  await store.close();
} finally {
  clearInterval(sampler);
  rmSync(work, { recursive: true, force: true });
}
