import { strFromU8, unzipSync, unzlibSync } from 'fflate';
import { simpleParser } from '../core/mime.ts';
import type { Extracted } from './markers/types.ts';

/** Bounds for hostile input: a decoder never inflates more than this per file. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;
const MAX_PART_BYTES = 32 * 1024 * 1024;

const unxml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function fromOoxml(buf: Buffer): Extracted {
  let total = 0;
  const files = unzipSync(new Uint8Array(buf), {
    filter: (f) => {
      if (!/\.(xml|rels)$/.test(f.name) || f.originalSize > MAX_PART_BYTES) return false;
      total += f.originalSize;
      return total <= MAX_INPUT_BYTES;
    },
  });
  const text: string[] = [];
  const meta: string[] = [];
  const urls: string[] = [];
  for (const [name, data] of Object.entries(files)) {
    const xml = strFromU8(data);
    if (name.endsWith('.rels')) for (const m of xml.matchAll(/Target="([^"]*)"/g)) urls.push(unxml(m[1]));
    else if (name.startsWith('docProps/')) for (const m of xml.matchAll(/>([^<>]+)</g)) meta.push(unxml(m[1]));
    else if (name === 'word/document.xml' || /^word\/(header|footer)\d*\.xml$/.test(name)) {
      for (const p of xml.split(/<\/w:p>/)) {
        const t = [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unxml(m[1])).join('');
        if (t) text.push(t);
      }
    } else if (name === 'xl/sharedStrings.xml' || name.startsWith('xl/worksheets/')) {
      for (const m of xml.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)) text.push(unxml(m[1]));
    }
  }
  return { text: text.join('\n'), meta, urls };
}

const winAnsi: Record<number, string> = { 0x80: '€', 0x82: '‚', 0x84: '„', 0x85: '…', 0x8c: 'Œ', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x9c: 'œ', 0x99: '™' };

function decodeWinAnsi(hex: string): string {
  let s = '';
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const b = parseInt(hex.slice(i, i + 2), 16);
    s += winAnsi[b] ?? String.fromCharCode(b);
  }
  return s;
}

function pdfString(raw: string): string {
  if (raw.startsWith('<')) {
    const hex = raw.slice(1, -1).replace(/\s/g, '');
    if (/^feff/i.test(hex)) return Buffer.from(hex.slice(4), 'hex').swap16().toString('utf16le');
    return decodeWinAnsi(hex);
  }
  return raw.slice(1, -1).replace(/\\([()\\])/g, '$1');
}

/**
 * Minimal PDF reading for what Rempart's own writer produces and what survives simple edits: text
 * shown with Tj/TJ (hex or literal strings, WinAnsi), Info strings, URI actions. Conversions by
 * other tools are read with `pdftotext` by the leak scanner, then passed here as text.
 */
function fromPdf(buf: Buffer): Extracted {
  const raw = buf.toString('latin1');
  const text: string[] = [];
  const meta: string[] = [];
  const urls: string[] = [];
  const scan = (s: string) => {
    for (const m of s.matchAll(/(<[0-9A-Fa-f\s]*>|\((?:[^()\\]|\\.)*\))\s*Tj/g)) text.push(pdfString(m[1]));
    for (const m of s.matchAll(/\/URI\s*(\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f]*>)/g)) urls.push(pdfString(m[1]));
    for (const m of s.matchAll(/\/(Title|Author|Subject|Keywords|Creator|Producer)\s*(\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f\s]*>)/g)) meta.push(pdfString(m[2]));
  };
  scan(raw);
  let inflated = 0;
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    try {
      const out = unzlibSync(new Uint8Array(buf.subarray(start, end)));
      inflated += out.length;
      if (inflated > MAX_INPUT_BYTES) break;
      scan(Buffer.from(out).toString('latin1'));
    } catch {
      // not a Flate stream (images, fonts): ignored
    }
  }
  return { text: text.join('\n'), meta, urls };
}

async function fromEml(buf: Buffer): Promise<Extracted> {
  const m = await simpleParser(buf, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  const meta: string[] = [];
  for (const [k, v] of m.headers) if (/^(message-id|x-|user-agent|references|in-reply-to)/i.test(k)) meta.push(typeof v === 'string' ? v : JSON.stringify(v));
  if (m.messageId) meta.push(m.messageId);
  const urls: string[] = [];
  const html = typeof m.html === 'string' ? m.html : '';
  for (const u of html.matchAll(/(?:src|href)\s*=\s*["']([^"']+)["']/gi)) urls.push(u[1]);
  const attachments = m.attachments.filter((a) => a.size <= MAX_PART_BYTES).slice(0, 20).map((a) => ({ filename: a.filename ?? 'attachment', content: a.content }));
  return { text: m.text ?? '', meta, urls, attachments };
}

/** Detects the format by content (names lie) and extracts text, metadata and URLs. */
export async function extract(input: string | Buffer, filename = ''): Promise<Extracted> {
  if (typeof input === 'string') return { text: input, meta: [], urls: [] };
  if (input.length > MAX_INPUT_BYTES) input = input.subarray(0, MAX_INPUT_BYTES);
  try {
    if (input[0] === 0x50 && input[1] === 0x4b) return fromOoxml(input);
    if (input.subarray(0, 5).toString('latin1') === '%PDF-') return fromPdf(input);
    const head = input.subarray(0, 2048).toString('utf8');
    if (/\.(eml|msg)$/i.test(filename) || /^(?:From [^\n]*\n)?(?:[A-Za-z-]+:[^\n]*\r?\n)+/.test(head)) return await fromEml(input);
  } catch {
    // corrupt container: fall back to the bytes as text, still searchable for URLs and marks
  }
  const text = input.toString('utf8');
  return { text, meta: [], urls: [] };
}
