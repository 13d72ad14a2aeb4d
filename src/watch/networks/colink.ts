import { OccurrenceBuilder } from './engine.ts';
import type { NetworkKind } from './types.ts';

/** Co-link: two accounts post the same (normalised) link. As in QUT, reposts count too. */
export const colink: NetworkKind = {
  type: 'colink',
  describe: 'same link',
  occurrences(table) {
    const b = new OccurrenceBuilder();
    table.posts.forEach((p, i) => {
      if (p.urls.length === 1) b.add(i, p.urls[0]);
      else if (p.urls.length > 1) for (const u of new Set(p.urls)) b.add(i, u);
    });
    return b.build(true);
  },
};
