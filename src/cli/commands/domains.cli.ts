import type { Command } from 'commander';
import { ValidationError } from '../../core/errors.ts';
import { loadOrgContext } from '../../org/index.ts';
import { buildMatcher, createDnsResolver, explainMatch, feedLines, fileLineBatches, fileLines, matchLines, newFeedStats, newStats, parseBrandsFile, resolveDomain, watchLines, type BrandSpec, type DnsResolution, type FeedStats, type LookalikeMatch, type StreamStats } from '../../domains/index.ts';
import { readFileSync, statSync } from 'node:fs';
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
    .command('watch [source]')
    .description('Watch a feed of new domains: a file (appended: --follow), stdin, or an HTTP(S) / WebSocket URL (newline-delimited or certstream JSON); store lookalikes, alert on the first sighting')
    .option('--follow', 'keep reading the file as it grows (polled every second)')
    .option('--resolve', 'resolve A/AAAA/MX/NS of each new lookalike and store it')
    .option('--dns-server <servers>', 'comma-separated DNS servers for --resolve (default: the system’s)')
    .option('--dns-timeout <ms>', 'timeout per DNS query', '2000')
    .action((sourceArg: string | undefined, opts: { follow?: boolean } & DnsOpts) =>
      withContext(async ({ store }) => {
        const org = await loadOrgContext(store.db);
        if (org.protectedDomains.length === 0) throw ValidationError('domains.nothing_protected', 'Add protected domains first (rempart org domains add)');
        const matcher = buildMatcher(org.protectedDomains, { brands: org.brandDomains, brandSpecs: org.brands });
        const source = sourceArg && sourceArg !== '-' ? sourceArg : 'stdin';
        const stop = new AbortController();
        const feed = newFeedStats();
        const isUrl = /^(https?|wss?):\/\//i.test(source);
        // A feed or a followed file never ends: Ctrl-C stops it and still prints the totals.
        if (isUrl || (opts.follow && source !== 'stdin')) process.once('SIGINT', () => stop.abort());
        const lines = isUrl
          ? feedLines(source, {
              signal: stop.signal,
              stats: feed,
              onEvent: (e) => process.stderr.write(e.type === 'waiting' ? `nouvelle tentative dans / retrying in ${e.ms} ms\n` : `${e.type === 'connected' ? 'connecté / connected' : 'coupé / closed'} ${e.url}${e.type === 'closed' && e.error ? ` (${e.error})` : ''}\n`),
            })
          : fileLines(source === 'stdin' ? '-' : source, { follow: opts.follow && source !== 'stdin', signal: stop.signal, stats: feed });
        const r = await watchLines(store, matcher, lines, {
          source: isUrl ? new URL(source).origin + new URL(source).pathname : source,
          resolve: resolverFor(opts),
          onNew: (m, dns) => printJsonLine({ domain: m.domain, protected: m.protected, kind: m.kind, score: m.score, unicode: m.unicode, ...(dns ? { dns } : {}) }),
        });
        process.stderr.write(`${summary(r, feed)}, ${r.created} nouveaux sosies / new lookalikes\n`);
      }),
    );

  domains
    .command('match [file]')
    .description('Read domains (one per line) or certstream JSON lines from FILE or stdin; print one JSON line per lookalike')
    .option('--protect <domains>', 'comma-separated protected domains (default: the organisation’s)')
    .option('--no-brands', 'do not watch the built-in brands')
    .option('--resolve', 'resolve A/AAAA/MX/NS of each lookalike and add it to the line as "dns"')
    .option('--dns-server <servers>', 'comma-separated DNS servers for --resolve (default: the system’s)')
    .option('--dns-timeout <ms>', 'timeout per DNS query', '2000')
    .option('--brands-file <file>', 'more brands, one JSON object a line: {"name","domains":[…],"aliases":[…],"common":false}')
    .option('--explain', 'add "explanation": why, in words (French, or English with --lang en)')
    .option('--lang <lang>', 'language of --explain: fr or en', 'fr')
    .action(async (file: string | undefined, opts: { protect?: string; brands: boolean; brandsFile?: string; explain?: boolean; lang?: string } & DnsOpts) => {
      let protectedDomains = opts.protect?.split(',').map((s) => s.trim()).filter(Boolean);
      let brands: string[] = [];
      let brandSpecs: BrandSpec[] = opts.brandsFile ? readBrandsFile(opts.brandsFile) : [];
      if (!protectedDomains) {
        const org = await withContext(async ({ store }) => loadOrgContext(store.db));
        protectedDomains = org.protectedDomains;
        brands = org.brandDomains;
        brandSpecs = [...brandSpecs, ...(org.brands ?? [])];
      }
      if (protectedDomains.length === 0) throw ValidationError('domains.nothing_protected', 'Give --protect DOMAIN[,…] or add protected domains (rempart org domains add)');
      const matcher = buildMatcher(protectedDomains, { brands, brandSpecs, includeBuiltinBrands: opts.brands });
      const resolve = resolverFor(opts);
      const feed = newFeedStats();
      const stats = newStats();
      // Lines come in batches (one per 1 MB read) and the output of a batch is written at once.
      const found: LookalikeMatch[] = [];
      for await (const batch of fileLineBatches(!file ? '-' : file, { stats: feed })) {
        matchLines(matcher, batch, stats, (m) => found.push(m));
        if (found.length === 0) continue;
        let out = '';
        for (const m of found) {
          const line: Record<string, unknown> = { domain: m.domain, protected: m.protected, kind: m.kind, score: m.score };
          if (m.unicode !== m.domain) line.unicode = m.unicode;
          line.brand = m.brand;
          line.word = m.word;
          if (m.wordKind === 'common') line.wordKind = m.wordKind;
          line.evidence = m.evidence;
          if (opts.explain) line.explanation = explainMatch(m, opts.lang === 'en' ? 'en' : 'fr');
          if (resolve) line.dns = await resolve(m.domain);
          out += `${JSON.stringify(line)}\n`;
        }
        found.length = 0;
        if (!process.stdout.write(out)) await new Promise((r) => process.stdout.once('drain', r));
      }
      process.stderr.write(`${summary(stats, feed)}\n`);
    });
}

/** A brands file, read whole (it is small: at most MAX_BRANDS_FILE bytes); a bad line stops with its number. */
function readBrandsFile(path: string): BrandSpec[] {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    throw ValidationError('domains.brands_file_unreadable', `${path}: ${(e as Error).message}`);
  }
  if (size > 1024 * 1024) throw ValidationError('domains.brands_file_too_large', `${path} is larger than 1 MB`);
  return parseBrandsFile(readFileSync(path, 'utf8'), path);
}

interface DnsOpts {
  resolve?: boolean;
  dnsServer?: string;
  dnsTimeout?: string;
}

function resolverFor(opts: DnsOpts): ((domain: string) => Promise<DnsResolution>) | undefined {
  if (!opts.resolve) return undefined;
  const timeoutMs = Math.min(Math.max(Number(opts.dnsTimeout) || 2000, 100), 30_000);
  const servers = opts.dnsServer?.split(',').map((s) => s.trim()).filter(Boolean);
  let resolver;
  try {
    resolver = createDnsResolver({ servers, timeoutMs });
  } catch (e) {
    throw ValidationError('domains.bad_dns_server', (e as Error).message);
  }
  // The whole lookup (four queries in parallel, each retried once) is bounded too.
  return (domain) => resolveDomain(resolver, domain, { timeoutMs: timeoutMs * 3 });
}

function summary(s: StreamStats, f: FeedStats): string {
  return `${s.domains} domaines lus / read, ${s.matches} sosies / lookalikes, ${s.skipped + f.oversized} lignes ignorées / lines skipped (${f.oversized} trop longues / too long), ${s.empty} vides / empty, ${s.invalid} noms invalides / invalid names${f.dropped ? `, ${f.dropped} perdues (retard) / dropped (backlog)` : ''}`;
}
