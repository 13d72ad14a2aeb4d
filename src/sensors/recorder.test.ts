import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../store/testing.ts';
import { loadSensorsOptions, scannerMatcher } from './config.ts';
import { emptyDecoyLookup } from './decoys.ts';
import { SensorRecorder } from './recorder.ts';

describe('sensor recorder bounds', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore('sqlite');
  });
  afterAll(async () => t?.cleanup());

  it('caps junk rows across many sources and counts the rest', async () => {
    const rec = new SensorRecorder(t.store, emptyDecoyLookup, loadSensorsOptions({ maxRowsPerBucket: 5, maxJunkRows: 40, flushMs: 5 }));
    for (let i = 0; i < 300; i++) rec.record({ kind: 'beacon', at: new Date(), source: `2001:db8::${i.toString(16)}`, token: `JunkToken${String(i).padStart(13, '0')}` });
    await rec.close();
    const rows = await t.store.db.selectFrom('sensor_events').select('id').execute();
    expect(rows).toHaveLength(40);
    const buckets = await t.store.db.selectFrom('sensor_buckets').selectAll().execute();
    expect(buckets.filter((b) => b.key !== 'junk|*').reduce((s, b) => s + Number(b.stored) + Number(b.overflow), 0)).toBe(300);
  });

  it('rate-limits one source to its burst and counts what it refused', async () => {
    const rec = new SensorRecorder(t.store, emptyDecoyLookup, loadSensorsOptions({ perSourceBurst: 10, perSourcePerSecond: 1, flushMs: 5 }));
    for (let i = 0; i < 100; i++) rec.record({ kind: 'beacon', at: new Date(), source: '198.51.100.1', token: 'x' });
    await rec.close();
    const dropped = await t.store.db.selectFrom('sensor_buckets').selectAll().where('key', '=', 'dropped|198.51.100.1').executeTakeFirst();
    expect(Number(dropped?.overflow)).toBeGreaterThanOrEqual(89);
  });

  it('recognises scanners by user agent and by IP range', () => {
    const m = scannerMatcher({ scannerUserAgents: ['Proofpoint', 'Slackbot'], scannerCidrs: ['192.0.2.0/24'] });
    expect(m('203.0.113.1', 'Mozilla/5.0 Proofpoint URL Defense')).toBe(true);
    expect(m('192.0.2.77', 'Mozilla/5.0')).toBe(true);
    expect(m('::ffff:192.0.2.9', undefined)).toBe(true);
    expect(m('203.0.113.1', 'Microsoft Office Word')).toBe(false);
  });
});
