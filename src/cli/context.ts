import { loadConfig, type Config } from '../core/config.ts';
import { createLogger, type Logger } from '../core/logger.ts';
import { SecretBox } from '../core/secrets.ts';
import { openStore, type Store } from '../store/index.ts';

export interface CliContext {
  config: Config;
  store: Store;
  box: SecretBox;
  logger: Logger;
}

/** Opens configuration and database for one CLI verb, and always closes the database after. */
export async function withContext<T>(fn: (ctx: CliContext) => Promise<T>, overrides: Partial<Record<keyof Config, unknown>> = {}): Promise<T> {
  const config = loadConfig(process.env, overrides);
  const store = await openStore(config.databaseUrl);
  let logger: Logger | undefined;
  // Made on first use: most verbs never log.
  const ctx: CliContext = {
    config,
    store,
    box: SecretBox.fromConfig(config.secretKey, config.dataDir),
    get logger() {
      return (logger ??= createLogger(process.env.REMPART_LOG_LEVEL ?? 'warn'));
    },
  };
  try {
    return await fn(ctx);
  } finally {
    await store.close();
  }
}
