/** A source a profile cites: shown as a link, so only plain http(s) addresses are kept. */
export interface Reference {
  source: string;
  url: string;
}

const MAX_REFS = 60;
const MAX_URL = 600;

/** A reference address worth keeping: absolute http(s), bounded, no control characters or spaces. */
export function safeUrl(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length > MAX_URL || /[\s\u0000-\u001f\u007f]/.test(v)) return undefined;
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * STIX `external_references` (or MISP `meta.refs`, plain strings) as references: http(s) only,
 * one per address, at most 60. A hostile feed cannot plant a `javascript:` link on an actor page.
 */
export function referenceList(refs: unknown): Reference[] {
  if (!Array.isArray(refs)) return [];
  const out = new Map<string, Reference>();
  for (const r of refs) {
    if (out.size >= MAX_REFS) break;
    const rec = typeof r === 'object' && r !== null ? (r as Record<string, unknown>) : undefined;
    const url = safeUrl(rec ? rec.url : r);
    if (!url || out.has(url)) continue;
    const name = rec && typeof rec.source_name === 'string' ? rec.source_name : new URL(url).hostname;
    out.set(url, { source: name.replace(/[\u0000-\u001f]/g, '').slice(0, 200), url });
  }
  return [...out.values()];
}
