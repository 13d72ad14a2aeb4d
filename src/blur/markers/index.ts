import { beacon } from './beacon.ts';
import { facts } from './facts.ts';
import { fingerprint } from './fingerprint.ts';
import { metadata } from './metadata.ts';
import type { Extracted, MarkerModule, Observation } from './types.ts';
import { watermark } from './watermark.ts';

export type { Extracted, MarkerKind, MarkerModule, Observation, EncodeContext } from './types.ts';
export { beacon, parseBeaconPath, BEACON_PATH } from './beacon.ts';
export { watermark, applySynonyms, readSlots, canonicalWords } from './watermark.ts';
export { metadata } from './metadata.ts';
export { facts, inventFacts, frenchIban, ibanValid, formatIban, formatAmount, factValues, type Facts } from './facts.ts';
export { fingerprint, textSignature } from './fingerprint.ts';

/** Every marker kind. Adding one is a file and a line here. */
export const markerModules: ReadonlyArray<MarkerModule<object>> = [beacon, watermark, metadata, facts, fingerprint];

/** Runs every decoder on an extracted artifact. Decoders are pure: the registry resolves the values. */
export function decodeAll(x: Extracted, key: Buffer): Observation[] {
  return markerModules.flatMap((m) => m.decode(x, key));
}
