import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './config.ts';

describe('configuration', () => {
  it('defaults to the embedded SQLite database on port 8080', () => {
    const c = loadConfig({ REMPART_CONFIG: '/nonexistent.json' });
    expect(c.databaseUrl).toBe('sqlite:./data/rempart.db');
    expect(c.port).toBe(8080);
  });

  it('lets the environment override the config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const f = join(dir, 'rempart.config.json');
    writeFileSync(f, JSON.stringify({ port: 9000, lang: 'en' }));
    const c = loadConfig({ REMPART_CONFIG: f, REMPART_PORT: '9100' });
    expect(c.port).toBe(9100);
    expect(c.lang).toBe('en');
  });

  it('names the bad key and its variable', () => {
    expect(() => loadConfig({ REMPART_CONFIG: '/nonexistent.json', REMPART_PORT: 'huit' })).toThrow(/"port" \(REMPART_PORT\)/);
    expect(() => loadConfig({ REMPART_CONFIG: '/nonexistent.json', REMPART_DATABASE_URL: 'mysql://x' })).toThrow(/databaseUrl/);
  });

  it('names an unknown key in the config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const f = join(dir, 'rempart.config.json');
    writeFileSync(f, JSON.stringify({ prot: 1 }));
    expect(() => loadConfig({ REMPART_CONFIG: f })).toThrow(/prot/);
  });

  it('refuses a config file that is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const f = join(dir, 'rempart.config.json');
    writeFileSync(f, '{port: 1');
    expect(() => loadConfig({ REMPART_CONFIG: f })).toThrow(/not valid JSON/);
  });
});
