import { OccurrenceBuilder } from './engine.ts';
import type { NetworkKind } from './types.ts';

/** Co-repost (QUT co-retweet): two accounts repost the same item. Every message with repost_of counts. */
export const corepost: NetworkKind = {
  type: 'corepost',
  describe: 'same reposted item',
  occurrences(table) {
    const b = new OccurrenceBuilder();
    table.posts.forEach((p, i) => {
      if (p.repost_of) b.add(i, p.repost_of);
    });
    return b.build(false);
  },
};
