import type { SecretBox } from '../../src/core/secrets.ts';
import type { Store } from '../../src/store/index.ts';
import { saveConnector } from '../../src/watch/connectors/repo.ts';
import { runConnector } from '../../src/watch/connectors/runner.ts';
import type { Replay } from '../helpers/platforms.ts';

/** A connector that has read a replayed Jetstream (with its disconnect), and one stopped on a refused token. */
export async function seedConnectors(store: Store, box: SecretBox, js: Replay): Promise<void> {
  await saveConnector(store.db, box, { name: 'bluesky-fr', platform: 'bluesky', options: { endpoint: js.url } });
  const stop = new AbortController();
  await runConnector(store, box, 'bluesky-fr', { signal: stop.signal, backoff: { baseMs: 20, maxMs: 100 }, onStatus: (s) => s.postsTotal >= 4 && stop.abort() });
  await saveConnector(store.db, box, { name: 'x-macronleaks', platform: 'x', options: { endpoint: 'http://127.0.0.1:9', query: '#MacronLeaks lang:fr' }, secrets: { bearer: 'not-a-real-token' } });
  await store.db.updateTable('watch_connectors').set({ state: 'error', last_error: 'access refused (401): Unauthorized', last_error_at: new Date().toISOString() }).where('name', '=', 'x-macronleaks').execute();
}

