/** What an import did, printed by the CLI and returned by the API. */
export interface ImportReport {
  name: string;
  format: 'stix' | 'misp-galaxy' | 'misp-event' | 'csv';
  specVersion?: string;
  /** Objects (or rows, or attributes) read from the input. */
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Previously imported objects that the new version revoked or deprecated. */
  removed: number;
  revoked: number;
  deprecated: number;
  /** Object types Rempart does not keep, with counts (course-of-action, x-mitre-analytic…). */
  ignoredTypes: Record<string, number>;
  /** Relationship types not kept (mitigates, detects, revoked-by…) or pointing at skipped objects. */
  ignoredRelationships: Record<string, number>;
  indicators: { created: number; updated: number; unchanged: number; rejected: number };
}

export function emptyReport(name: string, format: ImportReport['format']): ImportReport {
  return {
    name,
    format,
    read: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    removed: 0,
    revoked: 0,
    deprecated: 0,
    ignoredTypes: {},
    ignoredRelationships: {},
    indicators: { created: 0, updated: 0, unchanged: 0, rejected: 0 },
  };
}

export function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** Bounds on hostile or runaway inputs. */
export interface ImportLimits {
  maxBytes: number;
  maxObjects: number;
  maxDepth: number;
  maxStringBytes: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  // ATT&CK Enterprise is ~40 MB and 25,000 objects; a full OpenCTI export can be ten times that.
  maxBytes: 1024 * 1024 * 1024,
  maxObjects: 2_000_000,
  maxDepth: 64,
  maxStringBytes: 4 * 1024 * 1024,
};
