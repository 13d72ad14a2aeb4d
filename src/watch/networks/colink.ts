import { OccurrenceBuilder } from './engine.ts';
import type { NetworkKind } from './types.ts';

/** Co-link: two accounts post the same (normalised) link. As in QUT, reposts count too. */
export const colink: NetworkKind = {
  type: 'colink',
  describe: 'same link',
  occurrences(table) {
    const b = new OccurrenceBuilder();
    table.posts.forEach((p, i) => {
      for (const u of new Set(p.urls)) b.add(i, u);
    });
    return b.build(true);
  },
};
