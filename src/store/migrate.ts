import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { RempartError } from '../core/errors.ts';
import { migrations } from './migrations/index.ts';

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

/**
 * Applies every pending migration in name order. Each migration runs in its own transaction on
 * both back ends, so a failure leaves the database at the last good step.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new StaticProvider(),
    allowUnorderedMigrations: true,
    migrationTableName: 'rempart_migrations',
    migrationLockTableName: 'rempart_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const err = error as { code?: string; message?: string };
    if (err.code === 'SQLITE_READONLY')
      throw new RempartError('store.readonly', 'The database is read-only: migrations cannot be applied.', 503);
    throw new RempartError('store.migration_failed', `Migration ${failed} failed: ${err.message ?? String(error)}`, 500);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
