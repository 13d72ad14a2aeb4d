import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { TooLargeError, ValidationError, NotFoundError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { nowIso, toJson, type Store, type Tx } from '../../store/index.ts';
import { recordImport } from '../repo.ts';
import { importIndicatorCsv } from './csv.ts';
import { importMispEvent, importMispGalaxy, looksLikeMispEvent, looksLikeMispGalaxy } from './misp.ts';
import { DEFAULT_LIMITS, type ImportLimits, type ImportReport } from './report.ts';
import { importStixBundle } from './stix.ts';

export type { ImportReport, ImportLimits } from './report.ts';
export { DEFAULT_LIMITS } from './report.ts';

// Non-STIX JSON (MISP) and CSV are read whole; bigger ones are refused rather than risk memory.
const MAX_WHOLE_FILE = 100 * 1024 * 1024;

export interface ImportOptions {
  format?: 'auto' | 'stix' | 'misp-galaxy' | 'misp-event' | 'csv';
  /** Source label for indicators from CSV files without a source column. */
  source?: string;
  limits?: Partial<ImportLimits>;
  /** Called as the input is read: bytes so far, total bytes. */
  onProgress?: (done: number, total: number) => void;
}

type Format = Exclude<ImportOptions['format'], 'auto' | undefined>;

/** Guesses the format from the first kilobytes: a STIX bundle is streamed, MISP is read whole. */
export function sniffFormat(head: string, name: string): Format {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (!text.startsWith('{') && !text.startsWith('[')) return 'csv';
  if (/"type"\s*:\s*"bundle"/.test(text) || /"spec_version"\s*:/.test(text)) return 'stix';
  if (/"(Event|response)"\s*:/.test(text)) return 'misp-event';
  // PyMISP's to_json(): a bare event, no wrapper.
  if (/"info"\s*:/.test(text) && /"(Attribute|Object|Orgc|threat_level_id)"\s*:/.test(text)) return 'misp-event';
  if (/"values"\s*:\s*\[/.test(text) || /"category"\s*:/.test(text) || /"authors"\s*:/.test(text)) return 'misp-galaxy';
  return name.endsWith('.csv') ? 'csv' : 'stix';
}

async function runImport(trx: Tx, format: Format, name: string, open: () => Readable, readWhole: () => string, opts: ImportOptions, limits: ImportLimits): Promise<ImportReport> {
  if (format === 'stix') return importStixBundle(trx, open(), { name, limits });
  const text = readWhole();
  if (format === 'csv') return importIndicatorCsv(trx, text, name, opts.source ?? name);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw ValidationError('intel.bad_json', `Not valid JSON: ${(e as Error).message.slice(0, 200)}`);
  }
  if (format === 'misp-event' || (looksLikeMispEvent(doc) && !looksLikeMispGalaxy(doc))) return importMispEvent(trx, doc, name, limits.maxObjects);
  return importMispGalaxy(trx, doc, name);
}

async function importWith(store: Store, rawName: string, size: number, head: string, open: () => Readable, readWhole: () => string, opts: ImportOptions): Promise<ImportReport> {
  // The name labels stored rows; PostgreSQL text cannot hold U+0000.
   
  const name = rawName.replace(/\u0000/g, '').slice(0, 300);
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  if (size > limits.maxBytes) throw TooLargeError('intel.too_large', `${name} is larger than ${limits.maxBytes} bytes`);
  const format = !opts.format || opts.format === 'auto' ? sniffFormat(head, name) : opts.format;
  if (format !== 'stix' && size > Math.min(MAX_WHOLE_FILE, limits.maxBytes)) throw TooLargeError('intel.too_large', `${name}: ${format} files over ${MAX_WHOLE_FILE} bytes are not read whole`);
  return store.transaction(async (trx) => {
    const report = await runImport(trx, format, name, open, readWhole, opts, limits);
    await recordImport(trx, { id: newId(), name: name.slice(0, 300), format: report.format, report: toJson(report), imported_at: nowIso() });
    return report;
  });
}

/**
 * Imports one file of threat knowledge or indicators (STIX 2.0/2.1 bundle, MISP galaxy, MISP event,
 * CSV) in a single transaction: a file that fails half-way leaves the database as it was.
 */
export async function importIntelFile(store: Store, path: string, opts: ImportOptions = {}): Promise<ImportReport> {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw NotFoundError('intel.no_file', `${path}: no such file`);
  }
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(Math.min(size, 8192));
  readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const open = () => {
    const s = createReadStream(path, { highWaterMark: 1024 * 1024 });
    let done = 0;
    if (opts.onProgress) s.on('data', (c) => opts.onProgress?.((done += c.length), size));
    return s;
  };
  const readWhole = () => readFileSync(path, 'utf8');
  return importWith(store, basename(path), size, buf.toString('utf8'), open, readWhole, opts);
}

/** The same for content received over the API. */
export async function importIntelText(store: Store, name: string, text: string, opts: ImportOptions = {}): Promise<ImportReport> {
  return importWith(store, name, Buffer.byteLength(text), text.slice(0, 8192), () => Readable.from([Buffer.from(text)]), () => text, opts);
}
