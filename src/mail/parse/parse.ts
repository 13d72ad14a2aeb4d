import PostalMime, { type Email } from 'postal-mime';
import { isOutlookMsg, msgToEml } from './msg.ts';
import { createHash } from 'node:crypto';
import { RempartError } from '../../core/errors.ts';

/** Hard bounds on one message. A larger or deeper message gets a clear error, never a crash. */
export const MAIL_LIMITS = {
  /** Raw size; real phishing is small, 100 MB messages are refused before parsing. */
  maxBytes: 25 * 1024 * 1024,
  maxDepth: 30,
  maxParts: 2000,
  maxHeaderBytes: 512 * 1024,
  /** Text and HTML kept for analysis; the rest is ignored (but counted). */
  maxBodyChars: 2 * 1024 * 1024,
  maxRfc822Depth: 3,
  parseTimeoutMs: 10_000,
};

export interface ParsedAttachment {
  filename: string;
  mimeType: string;
  content: Uint8Array;
  sha256: string;
  size: number;
  inline: boolean;
}

export interface ParsedMessage {
  messageId: string | null;
  subject: string;
  date: string | null;
  from: { name: string; address: string } | null;
  replyTo: Array<{ name: string; address: string }>;
  to: Array<{ name: string; address: string }>;
  returnPath: string | null;
  /** Header values by lower-case name, all occurrences, in order. */
  headers: Map<string, string[]>;
  text: string;
  html: string;
  attachments: ParsedAttachment[];
  sizeBytes: number;
  sha256: string;
  /** Notes about what the parser had to cut (too many parts, truncated body). */
  truncated: string[];
}

function countParts(raw: Uint8Array): number {
  // Each MIME part header carries a Content-Type; counting them bounds the breadth a nesting limit misses.
  let n = 0;
  const needle = [0x0a, 0x63, 0x6f, 0x6e, 0x74, 0x65, 0x6e, 0x74, 0x2d, 0x74, 0x79, 0x70, 0x65]; // "\ncontent-type"
  outer: for (let i = 0; i < raw.length - needle.length; i++) {
    if (raw[i] !== 0x0a) continue;
    for (let j = 1; j < needle.length; j++) if ((raw[i + j] | 0x20) !== needle[j]) continue outer;
    n++;
  }
  return n;
}

function mailbox(a: unknown): { name: string; address: string } | null {
  if (!a || typeof a !== 'object') return null;
  const m = a as { name?: string; address?: string; group?: Array<{ name?: string; address?: string }> };
  if (m.group) return m.group[0] ? { name: m.group[0].name ?? '', address: (m.group[0].address ?? '').toLowerCase() } : null;
  return { name: (m.name ?? '').trim(), address: (m.address ?? '').trim().toLowerCase() };
}

/**
 * Parses a raw RFC 5322 message within MAIL_LIMITS. Throws `mail.too_large`, `mail.too_many_parts`
 * or `mail.unparseable` with a message a person can act on.
 */
export async function parseMessage(raw: Uint8Array | string): Promise<ParsedMessage> {
  let bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
  // Outlook .msg files are converted to RFC 5322 first (src/mail/parse/msg.ts).
  if (typeof raw !== 'string' && isOutlookMsg(bytes)) bytes = msgToEml(bytes);
  if (bytes.length > MAIL_LIMITS.maxBytes) throw new RempartError('mail.too_large', `Message is ${(bytes.length / 1048576).toFixed(1)} MB, above the ${MAIL_LIMITS.maxBytes / 1048576} MB limit`, 413);
  if (bytes.length === 0) throw new RempartError('mail.unparseable', 'Empty message');
  const parts = countParts(bytes);
  if (parts > MAIL_LIMITS.maxParts) throw new RempartError('mail.too_many_parts', `Message has ${parts} MIME parts, above the ${MAIL_LIMITS.maxParts} limit`);
  let email: Email;
  try {
    let timer: NodeJS.Timeout | undefined;
    email = await Promise.race([
      PostalMime.parse(bytes, { maxNestingDepth: MAIL_LIMITS.maxDepth, maxHeadersSize: MAIL_LIMITS.maxHeaderBytes, maxRfc822NestingDepth: MAIL_LIMITS.maxRfc822Depth, attachmentEncoding: 'arraybuffer' }),
      new Promise<never>((_, rej) => {
        timer = setTimeout(() => rej(new Error(`parsing took longer than ${MAIL_LIMITS.parseTimeoutMs} ms`)), MAIL_LIMITS.parseTimeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
  } catch (e) {
    throw new RempartError('mail.unparseable', `Cannot parse the message: ${(e as Error).message}`);
  }
  const headers = new Map<string, string[]>();
  for (const h of email.headers ?? []) {
    const list = headers.get(h.key);
    if (list) list.push(h.value);
    else headers.set(h.key, [h.value]);
  }
  const truncated: string[] = [];
  let text = email.text ?? '';
  let html = email.html ?? '';
  if (text.length > MAIL_LIMITS.maxBodyChars) {
    text = text.slice(0, MAIL_LIMITS.maxBodyChars);
    truncated.push('text');
  }
  if (html.length > MAIL_LIMITS.maxBodyChars) {
    html = html.slice(0, MAIL_LIMITS.maxBodyChars);
    truncated.push('html');
  }
  const attachments: ParsedAttachment[] = (email.attachments ?? []).map((a) => {
    const content = a.content instanceof ArrayBuffer ? new Uint8Array(a.content) : typeof a.content === 'string' ? Buffer.from(a.content) : new Uint8Array(a.content as unknown as ArrayBuffer);
    return {
      filename: (a.filename ?? '').slice(0, 255),
      mimeType: (a.mimeType ?? 'application/octet-stream').toLowerCase(),
      content,
      sha256: createHash('sha256').update(content).digest('hex'),
      size: content.length,
      inline: a.disposition === 'inline' || !!a.related,
    };
  });
  // Broken From headers ("Brand team ,_<x@y>") defeat address parsers: fall back to the raw header.
  let from = mailbox(email.from);
  const rawFrom = headers.get('from')?.[0];
  if ((!from || !from.address) && rawFrom) {
    const addr = /<\s*([^<>\s]+@[^<>\s]+)\s*>/.exec(rawFrom)?.[1] ?? /[^\s<>"',;]+@[^\s<>"',;]+/.exec(rawFrom)?.[0];
    if (addr) from = { name: rawFrom.split('<')[0].replace(/["',_]+/g, ' ').replace(/\s+/g, ' ').trim(), address: addr.toLowerCase() };
  }
  const list = (v: unknown) => (Array.isArray(v) ? v.map(mailbox).filter((x): x is { name: string; address: string } => !!x) : []);
  return {
    messageId: email.messageId ?? null,
    subject: (email.subject ?? '').slice(0, 1000),
    date: email.date ?? null,
    from,
    replyTo: list(email.replyTo),
    to: list(email.to),
    returnPath: email.returnPath ? String(email.returnPath).replace(/[<>]/g, '').toLowerCase() : null,
    headers,
    text,
    html,
    attachments,
    sizeBytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    truncated,
  };
}

export function header(msg: ParsedMessage, name: string): string | undefined {
  return msg.headers.get(name.toLowerCase())?.[0];
}

export function domainOf(address: string | null | undefined): string {
  if (!address) return '';
  const at = address.lastIndexOf('@');
  return at >= 0 ? address.slice(at + 1).toLowerCase().replace(/[>\s]/g, '') : '';
}
