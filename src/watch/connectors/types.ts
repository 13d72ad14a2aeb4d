import type { z } from 'zod';
import type { RawPost } from '../ingest/canonical.ts';

/** Platforms with a live connector. */
export type Platform = 'bluesky' | 'mastodon' | 'x' | 'telegram' | 'youtube';

/** A credential a connector needs: stored encrypted at rest, never printed or returned by the API. */
export interface CredentialSpec {
  key: string;
  label: { fr: string; en: string };
  /** Environment variable the CLI reads it from by default. */
  env: string;
  required: boolean;
}

/** Where each stream of a connector has got to (per instance, per video…), as strings. */
export type Cursor = Record<string, string>;

/** Posts mapped from platform events, with the cursor to save once they are stored. */
export interface Batch {
  posts: RawPost[];
  cursor: Cursor;
  /** Platform events read for this batch (posts, reposts, deletions, heartbeats excluded). */
  events: number;
}

/** What a connector is given to run. */
export interface RunContext<O> {
  options: O;
  secrets: Record<string, string>;
  /** The cursor saved by the last run (empty on the first). */
  cursor: Cursor;
  signal: AbortSignal;
  /** Stores a batch and saves its cursor (after the posts: a crash in between re-reads, never loses). */
  emit(batch: Batch): Promise<void>;
  /** Counts an event that was read but not stored, by reason (deleted, oversized, malformed…). */
  skip(reason: string, n?: number): void;
  /** A connection is up (resets the backoff and the connection-failure count). */
  connected(detail: string): void;
  /** A recoverable problem, for the status line. */
  warn(message: string): void;
}

/**
 * A live connector: one module per platform, of the same shape, registered in one list
 * (`connectors/index.ts`). `run` reads until the signal aborts and throws on a failure; the
 * runner reconnects with backoff (honouring the platform's reset headers) and resumes from the
 * saved cursor.
 */
export interface ConnectorSpec<S extends z.ZodType = z.ZodType> {
  platform: Platform;
  title: { fr: string; en: string };
  /** Options that are not secret (endpoint, instances, filters…), validated at the edges. */
  options: S;
  credentials: readonly CredentialSpec[];
  /** What the platform allows and needs, for the dashboard form (the README says the same). */
  limits: { fr: string; en: string };
  /** A short label of what it watches, for the status line, in French or English. */
  describe(options: z.infer<S>, lang: 'fr' | 'en'): string;
  run(ctx: RunContext<z.infer<S>>): Promise<void>;
}
