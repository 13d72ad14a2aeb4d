import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ValidationError } from '../../core/errors.ts';
import { t } from '../../core/i18n.ts';
import { createSensors, listSensorEvents, startDnsCanary, FileFollower, LogSensor, LOG_FORMATS, readLines, type LogFormat } from '../../sensors/index.ts';
import { withContext } from '../context.ts';
import { printJsonLine, printTable } from '../output.ts';

function format(f: string): LogFormat | 'auto' {
  if (f === 'auto' || (LOG_FORMATS as readonly string[]).includes(f)) return f as LogFormat | 'auto';
  throw ValidationError('sensors.bad_format', `--format doit être auto ou ${LOG_FORMATS.join(', ')}`);
}

/** `rempart sensors logs|events|dns`: log sensors, the event feed, the DNS canary. */
export function registerSensors(program: Command): void {
  const sensors = program.command('sensors').description('Capteurs : balises, portail piégé, journaux, DNS / sensors');
  sensors
    .command('logs')
    .description('Lit des journaux d’authentification et alerte sur les comptes leurres / scan auth logs for decoy accounts')
    .argument('<files...>', 'journaux (Dovecot, Postfix, nginx/Apache, exports Microsoft 365 / Google)')
    .option('--format <f>', `auto | ${LOG_FORMATS.join(' | ')}`, 'auto')
    .option('--follow', 'suit les fichiers (rotation et troncature gérées) / follow the files')
    .option('--json', 'sortie JSON')
    .action(async (files: string[], o: { format: string; follow?: boolean; json?: boolean }) =>
      withContext(async ({ store, box, logger, config }) => {
        const s = createSensors(store, box, { logger, lang: config.lang });
        const fmt = format(o.format);
        const sensorsByFile = files.map((f) => new LogSensor(s.lookup, s.recorder, resolve(f), fmt));
        const report = (ev: unknown) => (o.json ? printJsonLine(ev) : undefined);
        if (!o.follow) {
          for (const [i, f] of files.entries()) {
            const ls = sensorsByFile[i];
            await readLines(f, async (line, n) => {
              const ev = await ls.line(line, n);
              if (ev) report({ file: f, line: n, ...ev });
            });
          }
          await s.recorder.close();
          const total = sensorsByFile.reduce((a, l) => ({ lines: a.lines + l.stats.lines, events: a.events + l.stats.events, alerts: a.alerts + l.stats.alerts }), { lines: 0, events: 0, alerts: 0 });
          if (o.json) printJsonLine(total);
          else process.stdout.write(`${t(config.lang, 'sensors.log.summary', total)}\n`);
          return;
        }
        const followers = files.map((f, i) => new FileFollower(f, async (line, n) => {
          const ev = await sensorsByFile[i].line(line, n);
          if (ev) report({ file: f, line: n, ...ev });
        }, { onError: (e) => logger.warn({ file: f, err: e.message }, 'log read failed') }));
        for (const f of followers) await f.start();
        await new Promise<void>((r) => process.once('SIGINT', () => r()));
        for (const f of followers) f.stop();
        await s.recorder.close();
      }),
    );
  sensors
    .command('events')
    .description('Derniers événements des capteurs / latest sensor events')
    .option('--limit <n>', 'nombre', '50')
    .option('--json', 'sortie JSON')
    .action(async (o: { limit: string; json?: boolean }) =>
      withContext(async ({ store }) => {
        const rows = await listSensorEvents(store.db, { limit: Number(o.limit) || 50 });
        if (o.json) for (const r of rows) printJsonLine(r);
        else printTable(rows.map((r) => ({ at: r.at, kind: r.kind, source: r.source, mailbox: r.mailbox, artifact: r.artifact_id, user: r.username, scanner: r.scanner })));
      }),
    );
  sensors
    .command('dns')
    .description('Démarre le canari DNS pour une zone / start the DNS canary')
    .requiredOption('--zone <zone>', 'zone canari déléguée à ce serveur')
    .option('--port <p>', 'port UDP', '5353')
    .option('--host <h>', 'adresse d’écoute', '127.0.0.1')
    .action(async (o: { zone: string; port: string; host: string }) =>
      withContext(async ({ store, box, logger }) => {
        const s = createSensors(store, box, { logger, options: { dnsZone: o.zone } });
        const dns = await startDnsCanary(s.recorder, { zone: o.zone, port: Number(o.port), host: o.host });
        process.stderr.write(`DNS canary ${o.zone} on ${o.host}:${dns.port}\n`);
        await new Promise<void>((r) => process.once('SIGINT', () => r()));
        await dns.close();
        await s.recorder.close();
      }),
    );
}
