import { unzipSync, type Unzipped } from 'fflate';
import type { Hit, SignalFamily } from './types.ts';
import type { ParsedAttachment } from '../parse/parse.ts';

/** Archive limits: depth, entries and total expanded bytes, against zip bombs. */
export const ARCHIVE_LIMITS = { maxDepth: 3, maxEntries: 500, maxExpandedBytes: 50 * 1024 * 1024, maxRatio: 200 };

type Kind = 'exe' | 'elf' | 'macho' | 'script' | 'lnk' | 'iso' | 'onenote' | 'ole' | 'zip' | 'rar' | '7z' | 'gzip' | 'rtf' | 'pdf' | 'html' | 'mobileconfig' | 'image' | 'other';

const SCRIPT_EXT = /\.(js|jse|vbs|vbe|wsf|wsh|hta|ps1|bat|cmd|scr|pif|com|cpl|msi|msix|appx|jar|reg|vb|lnk|url|iqy|slk|library-ms|search-ms|chm|xll|appref-ms)$/i;
const DOC_EXT = /\.(pdf|docx?|xlsx?|pptx?|txt|jpe?g|png|gif|zip|rtf|odt|csv|html?)$/i;

function startsWith(b: Uint8Array, sig: number[], at = 0): boolean {
  if (b.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false;
  return true;
}

/** What a file is, from its first bytes: names lie, magic numbers do not. */
export function sniff(b: Uint8Array, name: string): Kind {
  if (startsWith(b, [0x4d, 0x5a])) return 'exe';
  if (startsWith(b, [0x7f, 0x45, 0x4c, 0x46])) return 'elf';
  if (startsWith(b, [0xcf, 0xfa, 0xed, 0xfe]) || startsWith(b, [0xca, 0xfe, 0xba, 0xbe])) return 'macho';
  if (startsWith(b, [0x4c, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00])) return 'lnk';
  if (startsWith(b, [0x43, 0x44, 0x30, 0x30, 0x31], 0x8001) || startsWith(b, [0x43, 0x44, 0x30, 0x30, 0x31], 0x9001)) return 'iso';
  if (startsWith(b, [0xe4, 0x52, 0x5c, 0x7b, 0x8c, 0xd8, 0xa7, 0x4d])) return 'onenote';
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(b, [0x52, 0x61, 0x72, 0x21])) return 'rar';
  if (startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return '7z';
  if (startsWith(b, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(b, [0x7b, 0x5c, 0x72, 0x74])) return 'rtf';
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47]) || startsWith(b, [0xff, 0xd8, 0xff]) || startsWith(b, [0x47, 0x49, 0x46, 0x38])) return 'image';
  const head = Buffer.from(b.subarray(0, 2048)).toString('latin1').toLowerCase();
  if (/<plist|payloadtype|com\.apple\./.test(head) && /payload/.test(head)) return 'mobileconfig';
  if (/<(!doctype html|html|head|body|script|form|iframe)\b/.test(head)) return 'html';
  if (SCRIPT_EXT.test(name) && !/[\x00-\x08\x0e-\x1f]/.test(head)) return 'script';
  return 'other';
}

function contains(b: Uint8Array, needle: string, limit = 5 * 1024 * 1024): boolean {
  return Buffer.from(b.subarray(0, limit)).includes(needle, 0, 'latin1');
}

const AUTOEXEC = /(auto_?open|autoexec|document_open|workbook_open|auto_close|document_close|shell\s*\(|wscript\.shell|createobject|powershell|urldownloadtofile)/i;

function checkFile(name: string, b: Uint8Array, depth: number, hits: Hit[], budget: { entries: number; bytes: number }): void {
  const add = (id: Hit['id'], evidence: string) => {
    if (!hits.some((h) => h.id === id)) hits.push({ id, evidence });
  };
  const kind = sniff(b, name);
  const lower = name.toLowerCase();
  if (/\.[a-z0-9]{2,4}\s*\.[a-z0-9]{2,4}$/i.test(lower) && DOC_EXT.test(lower.replace(/\.[a-z0-9]+$/i, '')) && (SCRIPT_EXT.test(lower) || /\.(exe|html?|iso|img|zip|lnk)$/i.test(lower)))
    add('attachments.double_extension', name);
  if (/\s{5,}\.[a-z]{2,4}$/i.test(name) || /\u202e/.test(name)) add('attachments.double_extension', name);
  switch (kind) {
    case 'exe':
    case 'elf':
    case 'macho':
    case 'lnk':
    case 'script':
    case 'onenote':
      add('attachments.executable', `${name} (${kind})`);
      break;
    case 'iso':
      add('attachments.disk_image', name);
      break;
    case 'mobileconfig':
      add('attachments.mobileconfig', name);
      break;
    case 'rtf':
      if (contains(b, '\\objdata') || contains(b, '\\objupdate') || contains(b, '\\objautlink') || contains(b, '\\objlink')) add('attachments.rtf_object', name);
      break;
    case 'pdf':
      if (['/JavaScript', '/JS ', '/JS(', '/Launch', '/OpenAction', '/EmbeddedFile', '/AA ', '/AA<<', '/SubmitForm', '/RichMedia'].some((k) => contains(b, k))) add('attachments.pdf_active', name);
      break;
    case 'html': {
      const t = Buffer.from(b.subarray(0, 2 * 1024 * 1024)).toString('utf8').toLowerCase();
      if (/<form\b|type\s*=\s*["']?password|atob\s*\(|window\.location|document\.write/.test(t)) add('attachments.html_form', name);
      else add('attachments.html', name);
      break;
    }
    case 'ole':
      // OLE compound file: VBA storage names appear in the directory as UTF-16.
      if (contains(b, 'V\x00B\x00A\x00') || contains(b, '_VBA_PROJECT') || contains(b, 'Attribute VB_')) {
        add('attachments.office_macro', name);
        if (AUTOEXEC.test(Buffer.from(b.subarray(0, 5 * 1024 * 1024)).toString('latin1'))) add('attachments.macro_autoexec', name);
      }
      break;
    case 'zip':
      checkZip(name, b, depth, hits, budget);
      break;
    case 'rar':
    case '7z':
    case 'gzip':
      if (depth > 0) add('attachments.nested_archive', `${name} inside an archive`);
      break;
    case 'image':
    case 'other':
      if (/\.(iso|img|vhdx?)$/i.test(lower)) add('attachments.disk_image', name);
      break;
    default: {
      const never: never = kind;
      void never;
    }
  }
}

function checkZip(name: string, b: Uint8Array, depth: number, hits: Hit[], budget: { entries: number; bytes: number }): void {
  const add = (id: Hit['id'], evidence: string) => {
    if (!hits.some((h) => h.id === id)) hits.push({ id, evidence });
  };
  if (depth >= ARCHIVE_LIMITS.maxDepth) {
    add('attachments.nested_archive', `${name}: archives nested deeper than ${ARCHIVE_LIMITS.maxDepth}`);
    return;
  }
  // Encryption flag (bit 0 of the general-purpose flags) in any local header.
  for (let i = 0; i + 8 < b.length && i < 4 * 1024 * 1024; i++) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x03 && b[i + 3] === 0x04 && (b[i + 6] & 1) === 1) {
      add('attachments.encrypted_archive', name);
      return;
    }
  }
  let files: Unzipped;
  try {
    let declared = 0;
    files = unzipSync(b, {
      filter(f) {
        budget.entries++;
        declared += f.originalSize;
        if (budget.entries > ARCHIVE_LIMITS.maxEntries || declared > ARCHIVE_LIMITS.maxExpandedBytes || f.originalSize > Math.max(1, f.size) * ARCHIVE_LIMITS.maxRatio) throw new Error('limit');
        return true;
      },
    });
  } catch (e) {
    if ((e as Error).message === 'limit') add('attachments.archive_bomb', name);
    return;
  }
  // An OOXML document is a zip: macros live in vbaProject.bin.
  if (files['word/vbaProject.bin'] || files['xl/vbaProject.bin'] || files['ppt/vbaProject.bin']) {
    add('attachments.office_macro', name);
    const bin = files['word/vbaProject.bin'] ?? files['xl/vbaProject.bin'] ?? files['ppt/vbaProject.bin'];
    if (AUTOEXEC.test(Buffer.from(bin).toString('latin1'))) add('attachments.macro_autoexec', name);
    return;
  }
  if (files['[Content_Types].xml']) {
    // Remote template injection, as in APT28's 2017 documents: an external attachedTemplate.
    const rels = files['word/_rels/settings.xml.rels'];
    if (rels && /TargetMode="External"/i.test(Buffer.from(rels).toString('utf8')) && /attachedTemplate/i.test(Buffer.from(rels).toString('utf8'))) add('attachments.office_macro', `${name}: remote template`);
    return;
  }
  for (const [inner, content] of Object.entries(files)) {
    budget.bytes += content.length;
    if (budget.bytes > ARCHIVE_LIMITS.maxExpandedBytes) {
      add('attachments.archive_bomb', name);
      return;
    }
    const k = sniff(content, inner);
    if (k === 'zip' || k === 'rar' || k === '7z' || k === 'gzip') add('attachments.nested_archive', `${name}!${inner}`);
    checkFile(`${name}!${inner}`, content, depth + 1, hits, budget);
  }
}

/** Attachments, judged by content. Every attachment's sha256 goes into the indicators. */
export const attachmentSignals: SignalFamily = (a, ctx) => {
  const hits: Hit[] = [];
  const budget = { entries: 0, bytes: 0 };
  for (const att of a.msg.attachments.slice(0, 100)) {
    checkAttachment(att, hits, budget);
    const known = ctx.indicators?.hash?.(att.sha256);
    if (known) hits.push({ id: 'attachments.known_bad', evidence: `${att.filename || att.sha256} (${known.source})` });
  }
  return hits;
};

function checkAttachment(att: ParsedAttachment, hits: Hit[], budget: { entries: number; bytes: number }): void {
  // Inline images of a newsletter are not attachments anyone opens.
  if (att.inline && att.mimeType.startsWith('image/')) return;
  checkFile(att.filename || '(sans nom)', att.content, 0, hits, budget);
}
