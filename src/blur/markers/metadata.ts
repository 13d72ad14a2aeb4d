import type { EncodeContext, Extracted, MarkerModule, Observation } from './types.ts';
import { mac } from './keys.ts';

const prefixes = ['DOC', 'REF', 'EM', 'DIR', 'CAB', 'ADM', 'CP', 'NT'];

export interface MetadataPayload {
  /** 12 hex characters, keyed: shaped like a document-management reference number. */
  code: string;
  /** The code dressed as a reference ("CAB-2017-3F9A…"): custom property, keywords, Message-ID part. */
  reference: string;
}

/**
 * Metadata identifier: a keyed code placed where document systems put reference numbers (DOCX
 * custom and core properties, XLSX keywords and description, PDF Keywords and Subject, the
 * Message-ID of mail). Removed by metadata strippers (mat2); the other markers remain.
 */
export const metadata: MarkerModule<MetadataPayload> = {
  kind: 'metadata',
  describe: 'Identifiant de métadonnées (propriétés DOCX/XLSX, Keywords PDF, Message-ID) / metadata identifier',
  encode(ctx: EncodeContext) {
    const code = mac(ctx.key, 'meta', ctx.artifactId).subarray(0, 6).toString('hex').toUpperCase();
    const reference = `${ctx.rng.pick(prefixes)}-${ctx.rng.int(2016, 2017)}-${code}`;
    return { code, reference, register: [{ kind: 'metadata', value: code, detail: reference }] };
  },
  decode(x: Extracted): Observation[] {
    const out = new Map<string, Observation>();
    for (const m of x.meta) for (const t of m.matchAll(/(?<![0-9A-Fa-f])([0-9A-Fa-f]{12})(?![0-9A-Fa-f])/g)) {
      const v = t[1].toUpperCase();
      out.set(v, { kind: 'metadata', value: v, detail: m.slice(0, 120) });
    }
    return [...out.values()];
  },
};
