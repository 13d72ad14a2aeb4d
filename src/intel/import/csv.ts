import { parse } from 'csv-parse/sync';
import { ValidationError } from '../../core/errors.ts';
import type { Tx } from '../../store/index.ts';
import { upsertIndicators, type IndicatorInput } from '../indicators/store.ts';
import { emptyReport, type ImportReport } from './report.ts';

const COLUMNS: Record<string, keyof IndicatorInput> = {
  type: 'type',
  value: 'value',
  indicator: 'value',
  valeur: 'value',
  source: 'source',
  confidence: 'confidence',
  confiance: 'confidence',
  description: 'description',
  comment: 'description',
  first_seen: 'firstSeen',
  last_seen: 'lastSeen',
  valid_until: 'validUntil',
  expires: 'validUntil',
};

/**
 * Imports a CSV list of indicators. With a header row the columns are named (type, value, source,
 * confidence, description, first_seen, last_seen, valid_until); without one every line is a bare value
 * whose type is guessed. Rows that do not parse are counted as rejected, not fatal.
 */
export async function importIndicatorCsv(trx: Tx, text: string, name: string, defaultSource: string): Promise<ImportReport> {
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true, comment: '#', max_record_size: 64 * 1024 }) as string[][];
  } catch (e) {
    throw ValidationError('intel.bad_csv', `Not a readable CSV file: ${(e as Error).message.slice(0, 200)}`);
  }
  const report = emptyReport(name, 'csv');
  const header = rows[0]?.map((h) => COLUMNS[h.toLowerCase().replace(/[\s-]/g, '_')]);
  const hasHeader = !!header && header.includes('value');
  const inputs: IndicatorInput[] = [];
  for (const row of hasHeader ? rows.slice(1) : rows) {
    report.read++;
    const input: IndicatorInput = { type: 'auto', value: row[0] ?? '', source: defaultSource };
    if (hasHeader)
      header.forEach((k, i) => {
        const v = row[i];
        if (!k || v === undefined || v === '') return;
        if (k === 'confidence') input.confidence = Number(v);
        else (input as unknown as Record<string, string>)[k] = v;
      });
    inputs.push(input);
  }
  report.indicators = await upsertIndicators(trx, inputs);
  return report;
}
