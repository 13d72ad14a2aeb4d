import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../core/config.ts';
import { createLogger } from '../core/logger.ts';
import { startServer } from './serve.ts';

describe('first start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rempart-first-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates an admin, prints its one-time password once, and never stores it in clear', async () => {
    const config = loadConfig({ REMPART_CONFIG: '/none', REMPART_DATABASE_URL: `sqlite:${join(dir, 'f.db')}`, REMPART_DATA_DIR: dir, REMPART_PORT: '0' });
    const logger = createLogger('debug');
    const said: string[] = [];
    const s1 = await startServer(config, logger, { announce: (m) => said.push(m), worker: false });
    expect(said).toHaveLength(1);
    const password = /one-time password : (\S+)/.exec(said[0])?.[1];
    expect(password).toBeTruthy();
    const res = await fetch(`${s1.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
    expect(res.status).toBe(200);
    await s1.close();

    const s2 = await startServer(config, logger, { announce: (m) => said.push(m), worker: false });
    await s2.close();
    expect(said).toHaveLength(1);
    const db = readFileSync(join(dir, 'f.db'));
    expect(db.includes(Buffer.from(password!))).toBe(false);
  });
});
