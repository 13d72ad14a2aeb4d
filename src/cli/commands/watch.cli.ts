import type { Command } from 'commander';
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { audit, cliActor } from '../../access/index.ts';
import { ValidationError } from '../../core/errors.ts';
import { t } from '../../core/i18n.ts';
import {
  accountSignals, burstsFromStore, coordinatedAccounts, coordinationFromStore, coordinationView, ingestFile, INGEST_FORMATS, initDefaultSources, listSources, loadPosts, markPolled,
  narrativesFromStore, NETWORK_TYPES, parseColumnMap, pollFeed, PostCollector, QUT_HEADER, qutCsvRow, simulateStream, simulateZipf, sourcesReport, storePosts, toCsv, toGexf, toGraphml, upsertSource, type IngestFormat, type NetworkType,
} from '../../watch/index.ts';
import type { Store } from '../../store/index.ts';
import { withContext } from '../context.ts';
import { printJsonLine, printTable, progress } from '../output.ts';
import { registerWatchConnectors } from './watch-connect.cli.ts';

// Research archives (twarc2, Telegram export, 4CAT, Junkipedia, Meta Content Library): src/watch/connectors/archives.ts.
const ARCHIVE_FORMATS = ['twarc2', 'telegram', '4cat', 'junkipedia', 'meta-cl'] as const;
const ALL_FORMATS = [...INGEST_FORMATS, ...ARCHIVE_FORMATS];

function parseWindow(v: string): number | 'auto' {
  if (v === 'auto') return 'auto';
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 30 * 86400) throw ValidationError('watch.bad_window', '--window is a number of seconds (0 to 30 days) or "auto"');
  return n;
}

function parsePositiveInt(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw ValidationError('watch.bad_option', `${name} must be a positive integer`);
  return n;
}

export function registerWatch(program: Command): void {
  const watch = program.command('watch').description('Influence watch: coordinated accounts, bursts, slanted sources, narratives');

  watch
    .command('ingest <files...>')
    .description('Ingest posts: JSON lines, QUT toolkit CSV, CSV with a column mapping, or an archive (twarc2, Telegram Desktop export, 4CAT, Junkipedia, Meta Content Library)')
    .option('--format <format>', `one of ${ALL_FORMATS.join(', ')}`, 'jsonl')
    .option('--map <mapping>', 'CSV column mapping: id=col,author.id=col,created_at=col,text=col,…')
    .option('--json', 'one JSON summary line per file')
    .action((files: string[], opts: { format: string; map?: string; json?: boolean }) =>
      withContext(async ({ store }) => {
        if (!(ALL_FORMATS as readonly string[]).includes(opts.format)) throw ValidationError('watch.bad_format', `--format is one of ${ALL_FORMATS.join(', ')}`);
        const map = opts.map ? parseColumnMap(opts.map) : undefined;
        const archive = (ARCHIVE_FORMATS as readonly string[]).includes(opts.format);
        const bar = progress(files.length, 'ingest');
        for (const file of files) {
          const r = archive ? await ingestArchiveFile(store, file, opts.format) : await ingestFile(store, cliActor(), file, opts.format as IngestFormat, map);
          bar.tick(1, file);
          if (opts.json) printJsonLine(r);
          else {
            process.stdout.write(`${file}: ${t('fr', 'watch.ingest.summary', { inserted: r.inserted, rows: r.rows, duplicates: r.duplicates, issues: r.issueCount })}\n`);
            for (const i of r.issues.slice(0, 20)) process.stderr.write(`  ligne/line ${i.line}: ${i.message}\n`);
          }
        }
        bar.stop();
      }),
    );

  registerWatchConnectors(watch);

  watch
    .command('poll')
    .description('Poll the RSS/Atom/JSON feeds of the registered sources')
    .option('--timeout <ms>', 'per-feed timeout in milliseconds', '15000')
    .action((opts: { timeout: string }) =>
      withContext(async ({ store }) => {
        const sources = (await listSources(store.db)).filter((s) => s.feedUrl);
        for (const s of sources) {
          try {
            const r = await pollFeed(s.feedUrl as string, s.id, { timeoutMs: parsePositiveInt(opts.timeout, '--timeout') });
            const collector = new PostCollector();
            for (const p of r.posts) collector.add(0, p);
            const sum = await storePosts(store, cliActor(), s.feedUrl as string, collector);
            await markPolled(store.db, s.id);
            process.stdout.write(`${s.id}: ${sum.inserted} nouveaux / new\n`);
          } catch (e) {
            process.stderr.write(`${s.id}: ${(e as Error).message}\n`);
          }
        }
      }),
    );

  watch
    .command('coordination')
    .description('Coordination network and clusters (QUT toolkit edge semantics)')
    .option('--type <type>', NETWORK_TYPES.join('|'), 'corepost')
    .option('--window <seconds>', 'time window in seconds, or "auto" (CooRnet estimate)', '60')
    .option('--min-weight <n>', 'minimum edge weight', '1')
    .option('--similarity <j>', 'cosimilar: Jaccard threshold', '0.9')
    .option('--since <iso>', 'from this date')
    .option('--until <iso>', 'until this date')
    .option('--export <format>', 'gexf, graphml or csv')
    .option('--out <file>', 'file for --export (default stdout)')
    .option('--json', 'one line per directed edge, then one line per cluster')
    .action((opts: { type: string; window: string; minWeight: string; similarity: string; since?: string; until?: string; export?: string; out?: string; json?: boolean }) =>
      withContext(async ({ store }) => {
        if (!(NETWORK_TYPES as readonly string[]).includes(opts.type)) throw ValidationError('watch.bad_type', `--type is one of ${NETWORK_TYPES.join(', ')}`);
        const minWeight = parsePositiveInt(opts.minWeight, '--min-weight');
        const similarity = Number(opts.similarity);
        if (!(similarity > 0 && similarity <= 1)) throw ValidationError('watch.bad_option', '--similarity is in (0, 1]');
        const r = await coordinationFromStore(store.db, { type: opts.type as NetworkType, window: parseWindow(opts.window), minWeight, since: opts.since, until: opts.until, similarity });
        if (opts.export) {
          const text = opts.export === 'gexf' ? toGexf(r, minWeight) : opts.export === 'graphml' ? toGraphml(r, minWeight) : opts.export === 'csv' ? toCsv(r, minWeight) : undefined;
          if (text === undefined) throw ValidationError('watch.bad_export', '--export is gexf, graphml or csv');
          if (opts.out) writeFileSync(opts.out, text);
          else process.stdout.write(text);
          return;
        }
        const view = coordinationView(r, minWeight);
        if (opts.json) {
          for (const e of view.edges) printJsonLine(e);
          for (const c of view.clusters) printJsonLine({ cluster: c.cluster, accounts: c.accounts, score: c.score });
          return;
        }
        const loops = view.edges.filter((e) => e.user_1 === e.user_2);
        process.stdout.write(`${view.type}, fenêtre/window ${view.window} s${view.windowEstimate ? ' (auto)' : ''}: ${view.edges.length - loops.length} arêtes/edges ≥ ${minWeight}, ${loops.length} boucles/self-loops, ${view.clusters.length} groupes coordonnés / coordinated clusters\n`);
        for (const c of view.clusters) {
          process.stdout.write(`${t('fr', 'watch.cluster.summary', { cluster: c.cluster, size: c.accounts.length, score: c.score })}: ${c.accounts.slice(0, 12).join(', ')}${c.accounts.length > 12 ? '…' : ''}\n`);
          for (const e of c.evidence.slice(0, 2)) process.stdout.write(`  ${e.user_1} → ${e.user_2}: ${e.weight} (attendu/expected ${e.expected}, ×${e.lift}) ${e.shared.slice(0, 3).map((s) => s.key).join(' ')}\n`);
        }
      }),
    );

  watch
    .command('bursts')
    .description('Hashtags, links, domains and terms rising above their baseline')
    .option('--bucket <seconds>', 'bucket size', '3600')
    .option('--alert', 'raise an alert for each burst')
    .option('--since <iso>')
    .option('--until <iso>')
    .option('--json', 'one JSON line per burst')
    .action((opts: { bucket: string; alert?: boolean; since?: string; until?: string; json?: boolean }) =>
      withContext(async ({ store }) => {
        const bursts = await burstsFromStore(store, { bucketSeconds: parsePositiveInt(opts.bucket, '--bucket'), alert: opts.alert, since: opts.since, until: opts.until });
        if (opts.alert) await audit(store.db, cliActor(), 'watch.bursts_alerted', null, { bursts: bursts.length });
        if (opts.json) bursts.forEach((b) => printJsonLine(b));
        else printTable(bursts.map((b) => ({ at: b.at, kind: b.kind, term: b.term, count: b.count, growth: `×${b.growth}`, z: b.z, coordinated: `${Math.round(b.coordinatedShare * 100)}%`, young: `${Math.round(b.youngShare * 100)}%` })));
      }),
    );

  watch
    .command('narratives')
    .description('Stories grouped by shared link, text or hashtag set, with patient zero, amplifiers and inflation')
    .option('--since <iso>')
    .option('--until <iso>')
    .option('--json', 'one JSON line per narrative')
    .action((opts: { since?: string; until?: string; json?: boolean }) =>
      withContext(async ({ store }) => {
        const ns = await narrativesFromStore(store.db, opts);
        if (opts.json) ns.forEach((n) => printJsonLine(n));
        else printTable(ns.map((n) => ({ label: n.label, posts: n.posts, accounts: n.accounts, first: n.firstSeen, patientZero: n.patientZero[0]?.account, inflation: `${Math.round(n.inflation * 100)}%`, reach: n.reach })));
      }),
    );

  watch
    .command('sources')
    .description('Registered outlets with labels and their slant toward tracked entities')
    .option('--init', 'load the 2017 outlets (RT France and Sputnik France as state-affiliated, Le Monde, AFP)')
    .option('--add <id>', 'register or update a source with this id')
    .option('--name <name>', 'its name (with --add)')
    .option('--kind <kind>', 'outlet or account (with --add)', 'outlet')
    .option('--label <label...>', 'labels such as state-affiliated:RU, party, candidate (with --add)')
    .option('--domain <domain...>', 'its web domains (with --add)')
    .option('--handle <handle...>', 'its social media handles (with --add)')
    .option('--feed <url>', 'its RSS/Atom/JSON feed (with --add)')
    .option('--json', 'one JSON line per source')
    .action((opts: { init?: boolean; add?: string; name?: string; kind: string; label?: string[]; domain?: string[]; handle?: string[]; feed?: string; json?: boolean }) =>
      withContext(async ({ store }) => {
        if (opts.init) {
          const n = await initDefaultSources(store.db);
          await audit(store.db, cliActor(), 'watch.sources_init', null, { sources: n });
        }
        if (opts.add) {
          if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(opts.add)) throw ValidationError('watch.bad_source_id', 'source id: lower-case letters, digits, . _ - (64 max)');
          if (opts.kind !== 'outlet' && opts.kind !== 'account') throw ValidationError('watch.bad_kind', '--kind is outlet or account');
          if (opts.feed && !/^https?:\/\//.test(opts.feed)) throw ValidationError('watch.bad_feed', '--feed must be an http(s) URL');
          await upsertSource(store.db, { id: opts.add, name: opts.name ?? opts.add, kind: opts.kind, labels: opts.label ?? [], domains: (opts.domain ?? []).map((d) => d.toLowerCase()), handles: (opts.handle ?? []).map((h) => h.replace(/^@/, '').toLowerCase()), feedUrl: opts.feed });
          await audit(store.db, cliActor(), 'watch.source_upsert', opts.add, { labels: opts.label ?? [] });
        }
        const rows = await sourcesReport(store.db);
        if (opts.json) rows.forEach((r) => printJsonLine(r));
        else printTable(rows.map((r) => ({ id: r.id, name: r.name, labels: r.labels.join(' '), slant: r.summary })));
      }),
    );

  watch
    .command('signals')
    .description('Per-account score with its parts (rate, regularity, night share, reposts, age, handle, bursts, coordination)')
    .option('--limit <n>', 'accounts shown', '30')
    .option('--json', 'one JSON line per account')
    .action((opts: { limit: string; json?: boolean }) =>
      withContext(async ({ store }) => {
        const posts = await loadPosts(store.db);
        const rows = accountSignals(posts, { coordinated: coordinatedAccounts(posts) }).slice(0, parsePositiveInt(opts.limit, '--limit'));
        if (opts.json) rows.forEach((r) => printJsonLine(r));
        else printTable(rows.map((r) => ({ account: r.account, handle: r.handle ?? '', posts: r.posts, score: r.score, parts: r.parts.filter((p) => p.points > 0).map((p) => `${p.name}:${p.points}`).join(' ') })));
      }),
    );

  watch
    .command('simulate <out>')
    .description('Write a seeded synthetic stream with planted coordinated groups (JSON lines, or the QUT toolkit CSV)')
    .option('--seed <n>', 'seed', '1')
    .option('--accounts <n>', 'ordinary accounts (with --zipf: all accounts, default posts/10)')
    .option('--posts <n>', 'ordinary posts (with --zipf: all posts)', '40000')
    .option('--zipf <s>', 'popularity stream: items drawn with Zipf(s) popularity, reposted in bursts right after they appear (viral items)')
    .option('--items <n>', 'with --zipf: items (default posts/20)')
    .option('--spread <seconds>', 'with --zipf: mean delay of a repost after its item appears', '900')
    .option('--format <format>', 'jsonl or qut-csv', 'jsonl')
    .action((out: string, opts: { seed: string; accounts?: string; posts: string; zipf?: string; items?: string; spread: string; format: string }) => {
      if (opts.format !== 'jsonl' && opts.format !== 'qut-csv') throw ValidationError('watch.bad_format', '--format is jsonl or qut-csv');
      const seed = parsePositiveInt(opts.seed, '--seed');
      const posts = parsePositiveInt(opts.posts, '--posts');
      let sim;
      if (opts.zipf !== undefined) {
        const s = Number(opts.zipf);
        if (!(s > 0 && s <= 4)) throw ValidationError('watch.bad_option', '--zipf is an exponent in (0, 4]');
        if (posts > 20_000_000) throw ValidationError('watch.bad_option', '--posts is at most 20,000,000');
        sim = simulateZipf({ seed, posts, zipf: s, accounts: opts.accounts ? parsePositiveInt(opts.accounts, '--accounts') : undefined, items: opts.items ? parsePositiveInt(opts.items, '--items') : undefined, spreadSeconds: parsePositiveInt(opts.spread, '--spread') });
      } else sim = simulateStream({ seed, accounts: opts.accounts ? parsePositiveInt(opts.accounts, '--accounts') : 3000, ordinaryPosts: posts });
      // Written in pieces: a million posts make no single gigabyte string.
      const fd = openSync(out, 'w');
      try {
        if (opts.format === 'qut-csv') writeSync(fd, `${QUT_HEADER}\n`);
        for (let i = 0; i < sim.posts.length; i += 10_000) {
          const part = sim.posts.slice(i, i + 10_000);
          writeSync(fd, part.map((p) => (opts.format === 'qut-csv' ? qutCsvRow(p) : JSON.stringify(p))).join('\n') + '\n');
        }
      } finally {
        closeSync(fd);
      }
      process.stderr.write(`${sim.posts.length} posts, ${sim.coordinated.size} planted coordinated accounts in ${sim.groups.length} groups\n`);
    });
}

async function ingestArchiveFile(store: Store, file: string, format: string) {
  const { ingestArchive } = await import('../../watch/connectors/archives.ts');
  const { savePosts } = await import('../../watch/repo.ts');
  const r = await ingestArchive(async (posts) => (await savePosts(store, posts)).inserted, file, format as 'twarc2');
  await audit(store.db, cliActor(), 'watch.ingest', file, { format, rows: r.rows, inserted: r.inserted, issues: r.issueCount });
  return r;
}
