import type { IsoTime } from '../../store/index.ts';

export interface IntelTaxiiObjectsTable {
  collection: string;
  stix_id: string;
  /** ISO `modified` (else `created`) of this version; '' when the object has neither (SCOs). */
  version: string;
  type: string;
  spec_version: string;
  /** When this version entered the collection (TAXII `date_added`). */
  date_added: IsoTime;
  /** The STIX object, JSON. */
  object: string;
}

export interface IntelTaxiiSyncTable {
  collection: string;
  cursor_at: IsoTime;
  cursor_id: string;
}

declare module '../../store/schema.ts' {
  interface Database {
    intel_taxii_objects: IntelTaxiiObjectsTable;
    intel_taxii_sync: IntelTaxiiSyncTable;
  }
}
