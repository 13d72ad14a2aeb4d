import { OccurrenceBuilder } from './engine.ts';
import type { NetworkKind } from './types.ts';

/** Co-hashtag: the same sequence of hashtags, in order (reposts excluded: they copy the original's). */
export const cohashtag: NetworkKind = {
  type: 'cohashtag',
  describe: 'identical hashtag sequence',
  occurrences(table) {
    const b = new OccurrenceBuilder();
    table.posts.forEach((p, i) => {
      if (p.repost_of || p.hashtags.length === 0) return;
      b.add(i, p.hashtags.map((h) => `#${h.toLowerCase()}`).join(' '));
    });
    return b.build(false);
  },
};
