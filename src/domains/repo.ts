import type { Selectable } from 'kysely';
import type { IsoTime } from '../store/index.ts';

export interface DomainLookalikesTable {
  domain: string;
  unicode: string;
  protected: string;
  kind: string;
  score: number;
  evidence: string;
  /** Where it was seen: a feed URL, a file, stdin. */
  source: string;
  first_seen: IsoTime;
  last_seen: IsoTime;
  times_seen: number;
  takedown_notes: string | null;
  /** DnsResolution as JSON text, when the watch resolved it. */
  resolution: string | null;
  resolved_at: IsoTime | null;
}

declare module '../store/schema.ts' {
  interface Database {
    domain_lookalikes: DomainLookalikesTable;
  }
}

export type LookalikeRow = Selectable<DomainLookalikesTable>;
