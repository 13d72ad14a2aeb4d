import type { Command } from 'commander';
import { audit, cliActor } from '../../access/index.ts';
import { ValidationError } from '../../core/errors.ts';
import { withContext } from '../context.ts';
import { printJsonLine, printTable } from '../output.ts';

const repeat = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((x) => x.trim()).filter(Boolean)];

interface ConnectOpts {
  name?: string;
  endpoint?: string;
  instance?: string[];
  timeline?: string;
  hashtag?: string[];
  mode?: string;
  poll?: string;
  did?: string[];
  collection?: string[];
  query?: string;
  channel?: string[];
  video?: string[];
  run: boolean;
  json?: boolean;
}

/** The platform's options from the command line (unset ones take the schema's defaults). */
function optionsFor(platform: string, o: ConnectOpts): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const set = (k: string, v: unknown) => {
    if (v !== undefined && !(Array.isArray(v) && v.length === 0)) out[k] = v;
  };
  const poll = o.poll !== undefined ? Number(o.poll) : undefined;
  set('endpoint', o.endpoint);
  switch (platform) {
    case 'bluesky':
      set('dids', o.did);
      set('collections', o.collection?.map((c) => (c.includes('.') ? c : `app.bsky.feed.${c}`)));
      break;
    case 'mastodon':
      set('instances', o.instance?.map((i) => (/^https?:\/\//.test(i) ? i : `https://${i}`)));
      set('timeline', o.timeline ?? (o.hashtag?.length ? 'hashtag' : undefined));
      set('hashtags', o.hashtag?.map((h) => h.replace(/^#/, '')));
      set('mode', o.mode);
      set('pollSeconds', poll);
      break;
    case 'x':
      set('query', o.query);
      set('mode', o.mode);
      set('pollSeconds', poll);
      break;
    case 'telegram':
      set('channels', o.channel);
      break;
    case 'youtube':
      set('videos', o.video);
      set('pollSeconds', poll);
      break;
    default:
      break;
  }
  return out;
}

const fmtRate = (r: number) => (r >= 10 ? r.toFixed(0) : r.toFixed(1));
/** A lag as people say it. */
const fmtLag = (s: number | null) => (s === null ? '–' : s < 90 ? `${Math.round(s)} s` : s < 5400 ? `${Math.round(s / 60)} min` : s < 129_600 ? `${Math.round(s / 3600)} h` : `${Math.round(s / 86400)} j/d`);

/** `rempart watch connect|status|connector`: live platform connectors. */
export function registerWatchConnectors(watch: Command): void {
  watch
    .command('connect <platform>')
    .description('Connect a live source (bluesky, mastodon, x, telegram, youtube): save it, then read it here until Ctrl-C (--no-run: save only; `rempart serve` runs saved ones). Credentials come from the environment (REMPART_X_BEARER_TOKEN, REMPART_TELEGRAM_BOT_TOKEN, REMPART_YOUTUBE_API_KEY, REMPART_MASTODON_TOKEN)')
    .option('--name <name>', 'connector name (default: the platform)')
    .option('--endpoint <url>', 'API or stream base URL (self-hosted or replay server)')
    .option('--instance <url>', 'Mastodon instance (repeat or comma-separate)', repeat)
    .option('--timeline <t>', 'Mastodon: public, local or hashtag')
    .option('--hashtag <tag>', 'Mastodon: hashtag timeline (repeat)', repeat)
    .option('--mode <mode>', 'Mastodon: auto|stream|poll; X: stream|search')
    .option('--poll <seconds>', 'polling interval (Mastodon REST, X search, YouTube)')
    .option('--did <did>', 'Bluesky: account to follow (repeat; none: the whole network)', repeat)
    .option('--collection <nsid>', 'Bluesky: post and/or repost (default both)', repeat)
    .option('--query <q>', 'X: stream rule and search query (X query syntax)')
    .option('--channel <name|id>', 'Telegram: channel to keep (repeat; none: every channel the bot administers)', repeat)
    .option('--video <id>', 'YouTube: video id (repeat)', repeat)
    .option('--no-run', 'save the connector without reading it now')
    .option('--json', 'final status as JSON')
    .action((platform: string, o: ConnectOpts) =>
      withContext(async ({ store, box }) => {
        const { connectorSpec, PLATFORMS } = await import('../../watch/connectors/index.ts');
        const { saveConnector, presentConnector } = await import('../../watch/connectors/repo.ts');
        const spec = connectorSpec(platform);
        if (!spec) throw ValidationError('watch.unknown_platform', `Plateforme : ${PLATFORMS.join(', ')} / platform is one of them`);
        const secrets: Record<string, string | undefined> = {};
        for (const c of spec.credentials) secrets[c.key] = process.env[c.env];
        const row = await saveConnector(store.db, box, { name: o.name ?? spec.platform, platform: spec.platform, options: optionsFor(spec.platform, o), secrets, enabled: true });
        await audit(store.db, cliActor(), 'watch.connector.save', row.name, { platform: row.platform });
        if (!o.run) {
          const s = presentConnector(row);
          if (o.json) printJsonLine(s);
          else process.stdout.write(`${s.name} (${s.platform}) : ${s.watching.fr} — enregistré / saved\n`);
          return;
        }
        const { runConnector } = await import('../../watch/connectors/runner.ts');
        const stop = new AbortController();
        process.once('SIGINT', () => stop.abort());
        process.once('SIGTERM', () => stop.abort());
        process.stderr.write(`${row.name} (${spec.title.en}) : ${presentConnector(row).watching.fr} — Ctrl-C pour arrêter / to stop\n`);
        const final = await runConnector(store, box, row.id, {
          signal: stop.signal,
          onStatus: (s) => {
            const line = `${s.state} ${fmtRate(s.rate)} posts/s, ${s.postsTotal} stockés / stored, retard / lag ${fmtLag(s.lagSeconds)}${s.lastError ? `, dernière erreur / last error: ${s.lastError.slice(0, 80)}` : ''}`;
            process.stderr.write(process.stderr.isTTY ? `\r\x1b[K${line}` : `${line}\n`);
          },
        });
        if (process.stderr.isTTY) process.stderr.write('\n');
        if (o.json) printJsonLine(final);
        else process.stdout.write(`${final.name}: ${final.postsTotal} messages stockés / posts stored, ${final.eventsTotal} événements / events, ${Object.values(final.skipped).reduce((a, b) => a + b, 0)} ignorés / skipped${final.state === 'error' ? ` — ERREUR / ERROR: ${final.lastError}` : ''}\n`);
        if (final.state === 'error') process.exitCode = 2;
      }),
    );

  watch
    .command('status')
    .description('Live connectors: state, posts/s, lag, totals, last error')
    .option('--json', 'one JSON line per connector')
    .action((o: { json?: boolean }) =>
      withContext(async ({ store }) => {
        const { listConnectors, presentConnector } = await import('../../watch/connectors/repo.ts');
        const rows = (await listConnectors(store.db)).map(presentConnector);
        if (o.json) for (const r of rows) printJsonLine(r);
        else
          printTable(
            rows.map((r) => ({
              name: r.name,
              platform: r.platform,
              state: r.enabled ? r.state : 'disabled',
              'posts/s': fmtRate(r.rate),
              lag: r.lagSeconds === null ? '' : fmtLag(r.lagSeconds),
              stored: r.postsTotal,
              skipped: Object.values(r.skipped).reduce((a, b) => a + b, 0),
              reconnects: r.reconnects,
              'last error': r.lastError ?? '',
              watching: r.watching.fr,
            })),
          );
      }),
    );

  const connector = watch.command('connector').description('Manage saved connectors: enable, disable, rm');
  for (const [verb, enabled] of [['enable', true], ['disable', false]] as const)
    connector
      .command(`${verb} <name>`)
      .description(enabled ? 'Enable a connector (`rempart serve` runs it)' : 'Disable a connector (a running one stops within seconds)')
      .action((name: string) =>
        withContext(async ({ store }) => {
          const { setConnectorEnabled } = await import('../../watch/connectors/repo.ts');
          const r = await setConnectorEnabled(store.db, name, enabled);
          await audit(store.db, cliActor(), `watch.connector.${verb}`, r.name);
          process.stdout.write(`${r.name}: ${enabled ? 'activé / enabled' : 'désactivé / disabled'}\n`);
        }),
      );
  connector
    .command('rm <name>')
    .description('Delete a connector and its credentials (stored posts stay)')
    .action((name: string) =>
      withContext(async ({ store }) => {
        const { deleteConnector } = await import('../../watch/connectors/repo.ts');
        await deleteConnector(store.db, name);
        await audit(store.db, cliActor(), 'watch.connector.rm', name);
        process.stdout.write(`${name}: supprimé / deleted\n`);
      }),
    );
}
