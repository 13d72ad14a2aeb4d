import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { cliActor } from '../../access/index.ts';
import { ackAlert, addChannel, deliverDue, listAlerts, listChannels, SEVERITIES, type ChannelKind, type Severity } from '../../alerts/index.ts';
import { ValidationError } from '../../core/errors.ts';
import { withContext } from '../context.ts';
import { printJsonLine, printTable } from '../output.ts';

export function registerAlerts(program: Command): void {
  const alerts = program.command('alerts').description('Alerts: list, ack, channels, deliver');

  alerts
    .command('list')
    .description('List alerts, newest first')
    .option('--severity <list>', `comma-separated: ${SEVERITIES.join(',')}`)
    .option('--open', 'only unacknowledged alerts')
    .option('--source <source>', 'only alerts from this capability')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'one JSON line per alert')
    .action((opts: { severity?: string; open?: boolean; source?: string; limit: string; json?: boolean }) =>
      withContext(async ({ store }) => {
        const severity = opts.severity?.split(',').filter(Boolean) as Severity[] | undefined;
        for (const s of severity ?? []) if (!SEVERITIES.includes(s)) throw ValidationError('alert.bad_severity', `Unknown severity ${s}`);
        const items = await listAlerts(store.db, { severity, status: opts.open ? 'open' : 'all', source: opts.source, limit: Number(opts.limit) || 50 });
        if (opts.json) items.forEach(printJsonLine);
        else printTable(items.map((a) => ({ id: a.id, created: a.createdAt.slice(0, 16).replace('T', ' '), severity: a.severity, source: a.source, title: a.title, ack: a.acknowledgedBy ?? '' })));
      }),
    );

  alerts
    .command('ack <id...>')
    .description('Acknowledge alerts')
    .action((ids: string[]) =>
      withContext(async ({ store }) => {
        for (const id of ids) {
          const a = await ackAlert(store, cliActor(), id);
          process.stdout.write(`${a.id} acknowledged\n`);
        }
      }),
    );

  const channel = alerts.command('channel').description('Delivery channels: webhook, slack, smtp');
  channel
    .command('add <kind> <name>')
    .description('Add a channel; --config takes JSON or @file (webhook: {"url","secret"}, slack: {"url"}, smtp: {"to":[…]})')
    .requiredOption('--config <json>', 'channel settings as JSON, or @path')
    .option('--min-severity <severity>', 'lowest severity sent', 'low')
    .action((kind: string, name: string, opts: { config: string; minSeverity: string }) =>
      withContext(async ({ store, box }) => {
        const text = opts.config.startsWith('@') ? readFileSync(opts.config.slice(1), 'utf8') : opts.config;
        let config: unknown;
        try {
          config = JSON.parse(text);
        } catch {
          throw ValidationError('alert.bad_channel_config', '--config is not valid JSON');
        }
        const c = await addChannel(store, box, cliActor(), { name, kind: kind as ChannelKind, config, minSeverity: opts.minSeverity as Severity });
        process.stdout.write(`channel ${c.id} (${c.kind}) added\n`);
      }),
    );
  channel
    .command('list')
    .option('--json', 'one JSON line per channel')
    .action((opts: { json?: boolean }) =>
      withContext(async ({ store, box }) => {
        const items = await listChannels(store.db, box);
        if (opts.json) items.forEach(printJsonLine);
        else printTable(items.map((c) => ({ id: c.id, name: c.name, kind: c.kind, minSeverity: c.minSeverity, enabled: c.enabled })));
      }),
    );

  alerts
    .command('deliver')
    .description('Send the deliveries that are due now (the server does this continuously)')
    .option('--json', 'JSON summary')
    .action((opts: { json?: boolean }) =>
      withContext(async ({ store, box, config }) => {
        const r = await deliverDue(store, box, { smtp: config.smtp, publicUrl: config.publicUrl });
        if (opts.json) printJsonLine(r);
        else process.stdout.write(`attempted ${r.attempted}, delivered ${r.delivered}, retry later ${r.retried}, given up ${r.failed}\n`);
      }),
    );
}
