import type { Command } from 'commander';
import { loadConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import { openStore } from '../../store/index.ts';
import { migrateToLatest } from '../../store/migrate.ts';
import { printJsonLine } from '../output.ts';

export function registerCore(program: Command): void {
  program
    .command('serve')
    .description('Start the dashboard and API (http://127.0.0.1:8080 by default)')
    .option('-p, --port <port>', 'port to listen on (REMPART_PORT)')
    .option('--host <host>', 'address to listen on (REMPART_HOST)')
    .action(async (opts: { port?: string; host?: string }) => {
      const config = loadConfig(process.env, { port: opts.port, host: opts.host });
      const logger = createLogger(config.logLevel);
      // The server (Fastify and every route) loads only for `serve`, not for `migrate`.
      const { startServer } = await import('../../server/serve.ts');
      const server = await startServer(config, logger);
      process.stderr.write(`Rempart ${server.url} (${server.ctx.store.label})\n`);
      const shutdown = async (signal: string) => {
        process.stderr.write(`\n${signal}: arrêt… / stopping…\n`);
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
    });

  program
    .command('migrate')
    .description('Apply pending database migrations (also done automatically at start)')
    .option('--json', 'one JSON line per applied migration')
    .action(async (opts: { json?: boolean }) => {
      const config = loadConfig();
      const store = await openStore(config.databaseUrl, { migrate: false });
      try {
        const applied = await migrateToLatest(store.db);
        if (opts.json) for (const m of applied) printJsonLine({ migration: m });
        else process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : `Up to date (${store.label})\n`);
      } finally {
        await store.close();
      }
    });
}
