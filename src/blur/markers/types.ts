import type { Rng } from '../random.ts';

export type MarkerKind = 'beacon' | 'watermark' | 'metadata' | 'fact' | 'fingerprint';

/** What a decoder sees of an artifact, whatever its format (see extract.ts). */
export interface Extracted {
  /** Visible text, in reading order. */
  text: string;
  /** Metadata values (document properties, PDF info, mail headers), unparsed. */
  meta: string[];
  /** URLs referenced by the file (relationships, link annotations, HTML sources, text). */
  urls: string[];
  /** Files attached to a message (mail only), identified separately. */
  attachments?: Array<{ filename: string; content: Buffer }>;
}

/** A value found in an artifact that the registry may know. `value` is what is stored in blur_markers. */
export interface Observation {
  kind: MarkerKind;
  value: string;
  /** Human explanation: which channel, where. */
  detail: string;
}

/** Per-artifact encoding context. `key` is the registry key: tokens and MACs derive from it. */
export interface EncodeContext {
  key: Buffer;
  artifactId: string;
  rng: Rng;
  publicUrl: string;
}

/** One marker kind: a module with the same shape, registered in markers/index.ts. */
export interface MarkerModule<P> {
  kind: MarkerKind;
  /** What the marker is and what it survives, for the manifest. */
  describe: string;
  /** Derives what to embed; `register` lists the registry rows that will recognise it. */
  encode(ctx: EncodeContext, text?: string): P & { register: Observation[] };
  /** Finds this marker's values in an extracted artifact. */
  decode(x: Extracted, key: Buffer): Observation[];
}
