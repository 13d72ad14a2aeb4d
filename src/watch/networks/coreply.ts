import { OccurrenceBuilder } from './engine.ts';
import type { NetworkKind } from './types.ts';

/** Co-reply: two accounts reply to the same message (reposts excluded, as in QUT). */
export const coreply: NetworkKind = {
  type: 'coreply',
  describe: 'reply to the same message',
  occurrences(table) {
    const b = new OccurrenceBuilder();
    table.posts.forEach((p, i) => {
      if (p.reply_to && !p.repost_of) b.add(i, p.reply_to);
    });
    return b.build(false);
  },
};
