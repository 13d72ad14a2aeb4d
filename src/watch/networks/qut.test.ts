import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDataDir } from '../../core/shared-data.ts';
import { ingestQutCsv } from '../ingest/formats.ts';
import { coordinationNetwork, nodesAtLeast, selfLoops } from './index.ts';

const dir = sharedDataDir();
const watchDir = dir ? join(dir, 'watch') : undefined;

interface Case {
  window: number;
  min_weight: number;
  loops: boolean;
  nodes: number;
}

describe.skipIf(!watchDir)('QUT coordination-network-toolkit fixture (skipped: shared data absent)', () => {
  const input = watchDir ? readFileSync(join(watchDir, 'qut-coretweet-test-input.csv'), 'utf8') : '';
  const expected = watchDir ? (JSON.parse(readFileSync(join(watchDir, 'qut-coretweet-expected.json'), 'utf8')) as { cases: Case[] }) : { cases: [] };

  it('reads the QUT CSV with its byte-order mark', () => {
    const r = ingestQutCsv(input);
    expect(r.issues).toEqual([]);
    expect(r.posts).toHaveLength(15);
    expect(r.posts[0].id).toBe('0');
    expect(r.posts[0].repost_of).toBe('rtid0');
    expect(r.posts[1].created_at).toBe('1970-01-01T00:00:59.000Z');
  });

  it('lists at least one case', () => expect(expected.cases.length).toBeGreaterThan(0));

  for (const c of expected.cases) {
    it(`reproduces ${c.nodes} nodes for window ${c.window}, min weight ${c.min_weight}, loops ${c.loops}`, () => {
      const net = coordinationNetwork(ingestQutCsv(input).posts, 'corepost', c.window);
      expect(nodesAtLeast(net, c.min_weight, c.loops)).toHaveLength(c.nodes);
    });
  }

  it('reports the double repost of uid0 within one second as a self-loop of weight 2', () => {
    const net = coordinationNetwork(ingestQutCsv(input).posts, 'corepost', 1);
    expect(selfLoops(net)).toEqual([{ user: 'uid0', weight: 2 }]);
  });
});
