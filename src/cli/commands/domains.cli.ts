import type { Command } from 'commander';
import { ValidationError } from '../../core/errors.ts';
import { loadOrgContext } from '../../org/index.ts';
import { buildMatcher, createDnsResolver, feedLines, fileLines, matchLine, newFeedStats, newStats, resolveDomain, watchLines, type DnsResolution, type FeedStats, type StreamStats } from '../../domains/index.ts';
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
        const matcher = buildMatcher(org.protectedDomains, { brands: org.brandDomains });
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
    .action(async (file: string | undefined, opts: { protect?: string; brands: boolean } & DnsOpts) => {
      let protectedDomains = opts.protect?.split(',').map((s) => s.trim()).filter(Boolean);
      let brands: string[] = [];
      if (!protectedDomains) {
        const org = await withContext(async ({ store }) => loadOrgContext(store.db));
        protectedDomains = org.protectedDomains;
        brands = org.brandDomains;
      }
      if (protectedDomains.length === 0) throw ValidationError('domains.nothing_protected', 'Give --protect DOMAIN[,…] or add protected domains (rempart org domains add)');
      const matcher = buildMatcher(protectedDomains, { brands, includeBuiltinBrands: opts.brands });
      const resolve = resolverFor(opts);
      const feed = newFeedStats();
      const stats = newStats();
      for await (const line of fileLines(!file ? '-' : file, { stats: feed })) {
        for (const m of matchLine(matcher, line, stats)) {
          const out: Record<string, unknown> = { domain: m.domain, protected: m.protected, kind: m.kind, score: m.score };
          if (m.unicode !== m.domain) out.unicode = m.unicode;
          out.evidence = m.evidence;
          if (resolve) out.dns = await resolve(m.domain);
          printJsonLine(out);
        }
      }
      process.stderr.write(`${summary(stats, feed)}\n`);
    });
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
