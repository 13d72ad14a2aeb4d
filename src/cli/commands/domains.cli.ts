import type { Command } from 'commander';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ValidationError } from '../../core/errors.ts';
import { loadOrgContext } from '../../org/index.ts';
import { buildMatcher, recordLookalike } from '../../domains/index.ts';
import { openSync, readSync, statSync, closeSync } from 'node:fs';
import { matchLine, newStats } from '../../domains/stream.ts';
import { permute } from '../../domains/fuzzers/index.ts';
import { withContext } from '../context.ts';
import { printJsonLine, printTable } from '../output.ts';

export function registerDomains(program: Command): void {
  const domains = program.command('domains').description('Lookalike domains: match a stream of new domains against protected ones');

  domains
    .command('permute <domain>')
    .description('Generate lookalike names (every dnstwist fuzzer, plus French and campaign affixes)')
    .option('--json', 'one JSON line per name: {"domain","fuzzer","unicode"}')
    .action((domain: string, opts: { json?: boolean }) => {
      let list;
      try {
        list = permute(domain);
      } catch (e) {
        throw ValidationError('domains.bad_domain', (e as Error).message);
      }
      if (opts.json) for (const p of list) printJsonLine({ domain: p.domain, fuzzer: p.fuzzer, unicode: p.unicode });
      else printTable(list.map((p) => ({ fuzzer: p.fuzzer, domain: p.domain, unicode: p.unicode === p.domain ? '' : p.unicode })));
    });

  domains
    .command('watch [file]')
    .description('Watch a feed of new domains (file being appended, or stdin): store lookalikes, alert on the first sighting')
    .option('--follow', 'keep reading the file as it grows (polled every second)')
    .action((file: string | undefined, opts: { follow?: boolean }) =>
      withContext(async ({ store }) => {
        const org = await loadOrgContext(store.db);
        if (org.protectedDomains.length === 0) throw ValidationError('domains.nothing_protected', 'Add protected domains first (rempart org domains add)');
        const matcher = buildMatcher(org.protectedDomains, { brands: org.brandDomains });
        const stats = newStats();
        let created = 0;
        const source = file && file !== '-' ? file : 'stdin';
        const handle = async (line: string) => {
          for (const m of matchLine(matcher, line, stats)) {
            if ((await recordLookalike(store, m, source)).created) {
              created++;
              printJsonLine({ domain: m.domain, protected: m.protected, kind: m.kind, score: m.score, unicode: m.unicode });
            }
          }
        };
        if (!file || file === '-' || !opts.follow) {
          const rl = createInterface({ input: !file || file === '-' ? process.stdin : createReadStream(file), crlfDelay: Infinity });
          for await (const line of rl) await handle(line);
        } else {
          // Follow: read what is appended; start over if the file shrinks (rotation).
          let pos = 0;
          let rest = '';
          let stop = false;
          process.once('SIGINT', () => (stop = true));
          while (!stop) {
            const size = statSync(file).size;
            if (size < pos) pos = 0;
            if (size > pos) {
              const fd = openSync(file, 'r');
              const buf = Buffer.alloc(Math.min(size - pos, 8 * 1024 * 1024));
              const n = readSync(fd, buf, 0, buf.length, pos);
              closeSync(fd);
              pos += n;
              const lines = (rest + buf.subarray(0, n).toString('utf8')).split('\n');
              rest = lines.pop() ?? '';
              for (const l of lines) await handle(l);
            }
            await new Promise((r) => setTimeout(r, 1000));
          }
        }
        process.stderr.write(`${stats.domains} domaines lus / read, ${created} nouveaux sosies / new lookalikes, ${stats.skipped} lignes ignorées / lines skipped\n`);
      }),
    );

  domains
    .command('match [file]')
    .description('Read domains (one per line) or certstream JSON lines from FILE or stdin; print one JSON line per lookalike')
    .option('--protect <domains>', 'comma-separated protected domains (default: the organisation’s)')
    .option('--no-brands', 'do not watch the built-in brands')
    .action(async (file: string | undefined, opts: { protect?: string; brands: boolean }) => {
      let protectedDomains = opts.protect?.split(',').map((s) => s.trim()).filter(Boolean);
      let brands: string[] = [];
      if (!protectedDomains) {
        const org = await withContext(async ({ store }) => loadOrgContext(store.db));
        protectedDomains = org.protectedDomains;
        brands = org.brandDomains;
      }
      if (protectedDomains.length === 0) throw ValidationError('domains.nothing_protected', 'Give --protect DOMAIN[,…] or add protected domains (rempart org domains add)');
      const matcher = buildMatcher(protectedDomains, { brands, includeBuiltinBrands: opts.brands });
      const input = !file || file === '-' ? process.stdin : createReadStream(file);
      const rl = createInterface({ input, crlfDelay: Infinity });
      const stats = newStats();
      for await (const line of rl) {
        for (const m of matchLine(matcher, line, stats)) {
          const out: Record<string, unknown> = { domain: m.domain, protected: m.protected, kind: m.kind, score: m.score };
          if (m.unicode !== m.domain) out.unicode = m.unicode;
          out.evidence = m.evidence;
          printJsonLine(out);
        }
      }
      process.stderr.write(`${stats.domains} domaines lus / read, ${stats.matches} sosies / lookalikes, ${stats.skipped} lignes ignorées / lines skipped\n`);
    });
}
