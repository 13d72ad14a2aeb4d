import { describe, expect, it } from 'vitest';
import { toCsv, toGexf, toGraphml } from './export.ts';
import { coordinationNetwork, detectCoordination } from './networks/index.ts';
import type { Post } from './post.ts';

function post(id: number, user: string, t: number, item: string): Post {
  return { id: String(id), platform: 't', author: { id: user }, text: '', created_at: new Date(t * 1000).toISOString(), urls: [], hashtags: [], mentions: [], repost_of: item };
}

describe('network exports', () => {
  const posts = [post(1, '=HYPERLINK("x")', 0, 'a'), post(2, 'b<&>"', 5, 'a'), post(3, 'c', 7, 'a')];
  const r = detectCoordination(coordinationNetwork(posts, 'corepost', 60));

  it('writes GEXF and GraphML with escaped account ids', () => {
    const gexf = toGexf(r);
    expect(gexf).toContain('<gexf xmlns="http://gexf.net/1.3" version="1.3">');
    expect(gexf).toContain('id="b&lt;&amp;&gt;&quot;"');
    expect(gexf.match(/<edge /g)).toHaveLength(6);
    expect(toGraphml(r).match(/<node /g)).toHaveLength(3);
  });

  it('writes CSV that a spreadsheet will not run as a formula', () => {
    const csv = toCsv(r).split('\n');
    expect(csv[0]).toBe('user_1,user_2,weight,lift,significant');
    expect(csv.some((l) => l.startsWith(`"'=HYPERLINK(""x"")"`))).toBe(true);
    expect(csv.some((l) => l.startsWith('='))).toBe(false);
  });
});
