import type { Config } from '../core/config.ts';
import type { Logger } from '../core/logger.ts';
import type { SecretBox } from '../core/secrets.ts';
import type { Store } from '../store/index.ts';

/** What every route module receives: the configuration and the shared services. */
export interface AppContext {
  config: Config;
  store: Store;
  box: SecretBox;
  logger: Logger;
}
