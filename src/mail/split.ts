import { createHash } from 'node:crypto';

/** Fixed 70/30 split of a labelled corpus by file name, so training and validation never mix. */
export function inTrainingSplit(fileName: string): boolean {
  // Salted: the corpus's own dev/held-out split may already be a plain hash of the name.
  return createHash('sha256').update(`rempart-split:${fileName}`).digest()[0] < 179; // 179/256 ≈ 70 %
}
