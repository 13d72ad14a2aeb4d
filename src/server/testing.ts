import type { FastifyInstance } from 'fastify';
import { createApiToken, createUser, systemActor, type Role } from '../access/index.ts';
import { loadConfig, type Config } from '../core/config.ts';
import { silentLogger } from '../core/logger.ts';
import { SecretBox } from '../core/secrets.ts';
import { openTestStore, type TestStore } from '../store/testing.ts';
import { buildApp } from './app.ts';
import type { AppContext } from './context.ts';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  t: TestStore;
  /** Bearer headers of a user with the given role, created on first use. */
  as(role: Role): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/** An app on a fresh database of the given kind, for `app.inject` tests. */
export async function createTestApp(kind: 'sqlite' | 'postgres' = 'sqlite', overrides: Partial<Config> = {}): Promise<TestApp> {
  const t = await openTestStore(kind);
  const config = { ...loadConfig({ REMPART_DATABASE_URL: t.url } as NodeJS.ProcessEnv), ...overrides };
  const ctx: AppContext = { config, store: t.store, box: SecretBox.fromKey('0'.repeat(64)), logger: silentLogger() };
  const app = await buildApp(ctx);
  const tokens = new Map<Role, string>();
  return {
    app,
    ctx,
    t,
    async as(role) {
      let token = tokens.get(role);
      if (!token) {
        const { user } = await createUser(t.store, systemActor, { username: `${role}-user`, role, password: 'correct horse battery' });
        token = (await createApiToken(t.store, systemActor, user.id, 'test')).token;
        tokens.set(role, token);
      }
      return { authorization: `Bearer ${token}` };
    },
    async close() {
      await app.close();
      await t.cleanup();
    },
  };
}
