import { normalizeText } from '../text.ts';
import { OccurrenceBuilder } from './engine.ts';
import type { NetworkKind } from './types.ts';

/** Co-text (QUT co-tweet): identical text after lower-casing, removing @mentions and collapsing spaces. */
export const cotext: NetworkKind = {
  type: 'cotext',
  describe: 'identical text',
  occurrences(table) {
    const b = new OccurrenceBuilder();
    table.posts.forEach((p, i) => {
      if (p.repost_of) return;
      const t = normalizeText(p.text);
      if (t) b.add(i, t);
    });
    return b.build(false);
  },
};
