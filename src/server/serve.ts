import type { FastifyInstance } from 'fastify';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/logger.ts';
import { SecretBox } from '../core/secrets.ts';
import { ensureFirstAdmin } from '../access/index.ts';
import { purgeExpiredSessions } from '../access/sessions.ts';
import { startDeliveryWorker } from '../alerts/index.ts';
import { sendDue } from '../drill/sender.ts';
import { pollReportMailbox } from '../mail/report-mailbox.ts';
import { openStore, type Store } from '../store/index.ts';
import { runEnabledConnectors } from '../watch/connectors/runner.ts';
import { buildApp } from './app.ts';
import type { AppContext } from './context.ts';

export interface RunningServer {
  app: FastifyInstance;
  ctx: AppContext;
  url: string;
  close(): Promise<void>;
}

/**
 * Opens the database (migrating it), creates the first admin if there is none, starts the alert
 * delivery worker and listens. The first admin's one-time password goes to `announce` once.
 */
export async function startServer(
  config: Config,
  logger: Logger,
  opts: { store?: Store; announce?: (msg: string) => void; worker?: boolean } = {},
): Promise<RunningServer> {
  const store = opts.store ?? (await openStore(config.databaseUrl));
  const box = SecretBox.fromConfig(config.secretKey, config.dataDir);
  const first = await ensureFirstAdmin(store);
  if (first) {
    (opts.announce ?? ((m) => process.stderr.write(`${m}\n`)))(
      [
        '',
        '  ┌─ Rempart : premier démarrage / first start',
        `  │  utilisateur / user : ${first.username}`,
        `  │  mot de passe à usage unique / one-time password : ${first.password}`,
        '  │  Notez-le maintenant : il ne sera plus jamais affiché. / Write it down now: it is never shown again.',
        '  └─',
        '',
      ].join('\n'),
    );
  }
  const ctx: AppContext = { config, store, box, logger };
  const app = await buildApp(ctx);
  const worker = opts.worker === false ? undefined : startDeliveryWorker(store, box, { smtp: config.smtp, publicUrl: config.publicUrl, logger }, config.deliveryIntervalSeconds * 1000);
  // Drill sender: runs only when SMTP and the public URL (for tracking links) are configured.
  let drillBusy = false;
  const drillTimer =
    opts.worker !== false && config.smtp && config.publicUrl
      ? setInterval(() => {
          if (drillBusy) return;
          drillBusy = true;
          sendDue(store, box, { smtpUrl: config.smtp!.url, publicUrl: config.publicUrl! })
            .catch((e: unknown) => logger.error({ err: (e as Error).message }, 'drill sender pass failed'))
            .finally(() => (drillBusy = false));
        }, 2000)
      : undefined;
  // Report mailbox: polled every 30 s when configured.
  let reportBusy = false;
  const reportTimer =
    opts.worker !== false && config.reportImapUrl
      ? setInterval(() => {
          if (reportBusy) return;
          reportBusy = true;
          pollReportMailbox(store, { imapUrl: config.reportImapUrl!, smtp: config.smtp, logger })
            .catch((e: unknown) => logger.warn({ err: (e as Error).message }, 'report mailbox pass failed'))
            .finally(() => (reportBusy = false));
        }, 30_000)
      : undefined;
  // Live watch connectors: every enabled one this process can claim (one runner per connector
  // across all processes sharing the database), picked up within a minute when added.
  const connectorsStop = new AbortController();
  const connectors =
    opts.worker !== false
      ? runEnabledConnectors(store, box, { signal: connectorsStop.signal, onError: (name, e) => logger.warn({ connector: name, err: e.message }, 'watch connector failed') }).catch((e: unknown) =>
          logger.error({ err: (e as Error).message }, 'watch connectors stopped'),
        )
      : undefined;
  const housekeeping = setInterval(() => void purgeExpiredSessions(store.db).catch(() => undefined), 3600_000);
  housekeeping.unref();
  await app.listen({ host: config.host, port: config.port });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  let closed = false;
  return {
    app,
    ctx,
    url,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(housekeeping);
      if (drillTimer) clearInterval(drillTimer);
      if (reportTimer) clearInterval(reportTimer);
      connectorsStop.abort();
      await connectors;
      await worker?.stop();
      await app.close();
      if (!opts.store) await store.close();
    },
  };
}
