import { rfc5322Date, parisOffset } from './timezone.ts';
import type { Address } from './mailbox.ts';

/** A message ready to serialise: headers and parts decided, markers applied. */
export interface MimeMessage {
  messageId: string;
  inReplyTo?: string;
  references: string[];
  from: Address;
  to: Address[];
  cc: Address[];
  date: Date;
  /** Minutes east of UTC; -1 means Paris local time at that date. */
  tzOffset: number;
  subject: string;
  text: string;
  html?: string;
  calendar?: string;
  attachments: Array<{ filename: string; contentType: string; content: Buffer }>;
  lang: 'fr' | 'en';
  userAgent: string;
}

const CRLF = '\r\n';

function needsEncoding(s: string): boolean {
  return /[^\x20-\x7e]/.test(s);
}

/** RFC 2047 encoded-word (B), split so that no encoded word exceeds 75 characters. */
export function encodeWord(s: string): string {
  if (!needsEncoding(s)) return s;
  const words: string[] = [];
  let chunk = '';
  for (const ch of s) {
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`).join(`${CRLF} `);
}

function addr(a: Address): string {
  const name = needsEncoding(a.name) ? encodeWord(a.name) : /[",.;:<>@()]/.test(a.name) ? `"${a.name.replace(/["\\]/g, '\\$&')}"` : a.name;
  return name ? `${name} <${a.email}>` : `<${a.email}>`;
}

/** Quoted-printable (RFC 2045) of UTF-8 text, lines kept under 76 characters, CRLF line ends. */
export function quotedPrintable(text: string): string {
  const lines = text.replace(/\r?\n/g, '\n').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const bytes = Buffer.from(line, 'utf8');
    let cur = '';
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      const last = i === bytes.length - 1;
      let enc = (b >= 33 && b <= 126 && b !== 61) || (b === 32 && !last) ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
      if (b === 32 && last) enc = '=20';
      if (cur.length + enc.length > 75) {
        out.push(`${cur}=`);
        cur = '';
      }
      cur += enc;
    }
    out.push(cur);
  }
  return out.join(CRLF);
}

function base64Lines(b: Buffer): string {
  return (b.toString('base64').match(/.{1,76}/g) ?? []).join(CRLF);
}

function boundary(seed: string, n: number): string {
  return `----=_Part_${n}_${Buffer.from(seed).toString('hex').slice(0, 20)}`;
}

function textPart(type: string, body: string, extra = ''): string {
  return `Content-Type: ${type}; charset=UTF-8${extra}${CRLF}Content-Transfer-Encoding: quoted-printable${CRLF}${CRLF}${quotedPrintable(body)}`;
}

function filenameParam(name: string): string {
  return needsEncoding(name) ? `filename*=UTF-8''${encodeURIComponent(name)}` : `filename="${name}"`;
}

/** Serialises a message as RFC 5322 with CRLF line ends (the form IMAP APPEND and .eml files use). */
export function buildEml(m: MimeMessage): Buffer {
  const offset = m.tzOffset === -1 ? parisOffset(m.date) : m.tzOffset;
  const h: string[] = [
    `Date: ${rfc5322Date(m.date, offset)}`,
    `From: ${addr(m.from)}`,
    `To: ${m.to.map(addr).join(`,${CRLF} `)}`,
  ];
  if (m.cc.length) h.push(`Cc: ${m.cc.map(addr).join(`,${CRLF} `)}`);
  h.push(`Subject: ${encodeWord(m.subject)}`, `Message-ID: <${m.messageId}>`);
  if (m.inReplyTo) h.push(`In-Reply-To: <${m.inReplyTo}>`);
  if (m.references.length) h.push(`References: ${m.references.map((r) => `<${r}>`).join(`${CRLF} `)}`);
  h.push(`MIME-Version: 1.0`, `Content-Language: ${m.lang === 'fr' ? 'fr-FR' : 'en-GB'}`, `User-Agent: ${m.userAgent}`);

  let n = 0;
  const alt = () => {
    const parts = [textPart('text/plain', m.text)];
    if (m.html) parts.push(textPart('text/html', m.html));
    if (m.calendar) parts.push(textPart('text/calendar', m.calendar, '; method=REQUEST'));
    if (parts.length === 1) return parts[0];
    const b = boundary(m.messageId, n++);
    return `Content-Type: multipart/alternative; boundary="${b}"${CRLF}${CRLF}${parts.map((p) => `--${b}${CRLF}${p}${CRLF}`).join('')}--${b}--`;
  };
  let body = alt();
  if (m.attachments.length || m.calendar) {
    const b = boundary(m.messageId, n++);
    const parts = [body];
    for (const a of m.attachments) parts.push(`Content-Type: ${a.contentType}; name="${needsEncoding(a.filename) ? encodeWord(a.filename) : a.filename}"${CRLF}Content-Disposition: attachment; ${filenameParam(a.filename)}${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}${base64Lines(a.content)}`);
    if (m.calendar) parts.push(`Content-Type: application/ics; name="invite.ics"${CRLF}Content-Disposition: attachment; filename="invite.ics"${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}${base64Lines(Buffer.from(m.calendar))}`);
    body = `Content-Type: multipart/mixed; boundary="${b}"${CRLF}${CRLF}${parts.map((p) => `--${b}${CRLF}${p}${CRLF}`).join('')}--${b}--`;
  }
  return Buffer.from(`${h.join(CRLF)}${CRLF}${body}${CRLF}`, 'utf8');
}

/** One mbox (mboxrd) entry: "From " line, LF line ends, ">From " escaping. */
export function mboxEntry(eml: Buffer, sender: string, date: Date): string {
  const text = eml.toString('utf8').replace(/\r\n/g, '\n').replace(/^(>*From )/gm, '>$1');
  return `From ${sender} ${date.toUTCString().replace(/GMT$/, '').replace(/,/, '').trim()}\n${text}${text.endsWith('\n') ? '' : '\n'}\n`;
}

const icsDate = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** An iCalendar REQUEST for a meeting invitation (RFC 5545). */
export function buildInvite(i: { uid: string; start: Date; minutes: number; summary: string; location: string; organizer: Address; attendees: Address[]; stamp: Date }): string {
  const esc = (s: string) => s.replace(/[\\;,]/g, '\\$&').replace(/\n/g, '\\n');
  return [
    'BEGIN:VCALENDAR',
    'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN',
    'VERSION:2.0',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:${i.uid}`,
    `DTSTAMP:${icsDate(i.stamp)}`,
    `DTSTART:${icsDate(i.start)}`,
    `DTEND:${icsDate(new Date(i.start.getTime() + i.minutes * 60000))}`,
    `SUMMARY:${esc(i.summary)}`,
    `LOCATION:${esc(i.location)}`,
    `ORGANIZER;CN=${esc(i.organizer.name)}:mailto:${i.organizer.email}`,
    ...i.attendees.map((a) => `ATTENDEE;CN=${esc(a.name)};ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:${a.email}`),
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}
