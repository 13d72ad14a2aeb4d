import type { Occurrences } from './engine.ts';
import type { PostTable } from './table.ts';

export const NETWORK_TYPES = ['corepost', 'colink', 'coreply', 'cotext', 'cosimilar', 'cohashtag'] as const;
export type NetworkType = (typeof NETWORK_TYPES)[number];

/** Options some network types read. */
export interface NetworkOptions {
  /** cosimilar: Jaccard similarity at or above which two texts are near-duplicates (QUT default 0.9). */
  similarity?: number;
  /** cosimilar: texts with fewer distinct tokens are ignored (QUT's MinDocSizeSimilarity, 5). */
  minTokens?: number;
}

/** One network type: which key a message carries. Adding a type is a file and a line in the registry. */
export interface NetworkKind {
  type: NetworkType;
  /** What the shared key is, for people. */
  describe: string;
  occurrences(table: PostTable, opts: NetworkOptions): Occurrences;
}
