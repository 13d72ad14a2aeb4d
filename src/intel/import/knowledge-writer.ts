import type { Tx } from '../../store/index.ts';
import { removeKnowledge, writeObjects, writeRelationships, type IntelObjectRow, type IntelRelationshipRow } from '../repo.ts';
import type { ImportReport } from './report.ts';

/**
 * Decides, for each incoming object, whether it is new, newer than what is stored, or already
 * known, and writes in batches inside the caller's transaction. Importing the same file twice
 * therefore writes nothing the second time.
 */
export class KnowledgeWriter {
  private objInserts: IntelObjectRow[] = [];
  private objUpdates: IntelObjectRow[] = [];
  private removals: string[] = [];

  constructor(
    private readonly trx: Tx,
    private readonly known: Map<string, string>,
    private readonly report: ImportReport,
  ) {}

  async object(row: IntelObjectRow): Promise<void> {
    const have = this.known.get(row.id);
    if (have === undefined) this.objInserts.push(row);
    else if (row.modified > have) this.objUpdates.push(row);
    else {
      this.report.unchanged++;
      return;
    }
    this.known.set(row.id, row.modified);
    if (this.objInserts.length + this.objUpdates.length >= 500) await this.flushObjects();
  }

  /** A revoked or deprecated object: forget an older stored copy. */
  retire(id: string, modified: string): void {
    const have = this.known.get(id);
    if (have !== undefined && modified > have) {
      this.removals.push(id);
      this.known.delete(id);
    }
  }

  async flushObjects(): Promise<void> {
    this.report.created += this.objInserts.length;
    this.report.updated += this.objUpdates.length;
    await writeObjects(this.trx, this.objInserts, this.objUpdates);
    this.objInserts = [];
    this.objUpdates = [];
  }

  async relationships(rows: IntelRelationshipRow[]): Promise<void> {
    const inserts: IntelRelationshipRow[] = [];
    const updates: IntelRelationshipRow[] = [];
    for (const r of rows) {
      const have = this.known.get(r.id);
      if (have === undefined) inserts.push(r);
      else if (r.modified > have) updates.push(r);
      else {
        this.report.unchanged++;
        continue;
      }
      this.known.set(r.id, r.modified);
    }
    this.report.created += inserts.length;
    this.report.updated += updates.length;
    await writeRelationships(this.trx, inserts, updates);
  }

  async finish(): Promise<void> {
    await this.flushObjects();
    this.report.removed += this.removals.length;
    await removeKnowledge(this.trx, this.removals);
  }
}
