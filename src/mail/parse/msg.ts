import type MsgReaderType from '@kenjiuno/msgreader';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { RempartError } from '../../core/errors.ts';
import { sniff } from '../signals/attachments.ts';
import { MAIL_LIMITS } from './parse.ts';

type MsgReader = MsgReaderType;
let MsgReaderClass: typeof MsgReaderType | undefined;
/**
 * @kenjiuno/msgreader is CommonJS with its class on `exports.default`. A default import gives that
 * class under bundlers and vitest but the whole `exports` object under Node's ESM loader (the
 * shipped CLI refused every .msg so): require it and pick the class either way, on first use.
 */
function msgReaderClass(): typeof MsgReaderType {
  if (!MsgReaderClass) {
    const m = createRequire(import.meta.url)('@kenjiuno/msgreader') as { default?: typeof MsgReaderType } & typeof MsgReaderType;
    MsgReaderClass = typeof m.default === 'function' ? m.default : m;
  }
  return MsgReaderClass;
}

/** An Outlook .msg starts with the OLE compound-file signature. */
export function isOutlookMsg(bytes: Uint8Array): boolean {
  return sniff(bytes.subarray(0, 8), '') === 'ole';
}

const encodeWord = (s: string) => (/^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`);
const address = (name: string | undefined, email: string | undefined) => {
  const e = (email ?? '').replace(/[\r\n<>]/g, '').trim();
  const n = (name ?? '').replace(/[\r\n"]/g, '').trim();
  return n && n !== e ? `"${encodeWord(n)}" <${e}>` : `<${e}>`;
};
const b64 = (data: Uint8Array) => Buffer.from(data).toString('base64').replace(/.{76}/g, '$&\r\n');

/** Header lines of the original transport headers, without the MIME structure ones (rebuilt here). */
function keptTransportHeaders(headers: string): string[] {
  const out: string[] = [];
  let skip = false;
  for (const line of headers.replace(/\r?\n/g, '\n').split('\n')) {
    if (!line) continue;
    if (/^[ \t]/.test(line)) {
      if (!skip && out.length) out[out.length - 1] += `\r\n${line}`;
      continue;
    }
    skip = /^(content-type|content-transfer-encoding|mime-version|content-disposition)\s*:/i.test(line) || !/^[!-9;-~]+:/.test(line);
    if (!skip) out.push(line);
  }
  return out;
}

/**
 * Converts an Outlook .msg (OLE compound file) into an RFC 5322 message that triage reads like any
 * other: the original transport headers when Outlook kept them (Received, Authentication-Results…),
 * else headers rebuilt from the MAPI properties; the text and HTML bodies; every attachment by
 * content. Bounded by the mail limits; a malformed file is a `mail.msg_unreadable` error.
 */
export function msgToEml(bytes: Uint8Array): Buffer {
  if (bytes.length > MAIL_LIMITS.maxBytes) throw new RempartError('mail.too_large', `Outlook message is ${(bytes.length / 1048576).toFixed(1)} MB, above the ${MAIL_LIMITS.maxBytes / 1048576} MB limit`, 413);
  let data: ReturnType<MsgReader['getFileData']>;
  let reader: MsgReader;
  try {
    const MsgReader = msgReaderClass();
    reader = new MsgReader(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    data = reader.getFileData();
  } catch (e) {
    throw new RempartError('mail.msg_unreadable', `Not a readable Outlook message: ${(e as Error).message}`.slice(0, 300));
  }
  if ((data as { error?: string }).error) throw new RempartError('mail.msg_unreadable', `Not a readable Outlook message: ${(data as { error?: string }).error}`);
  const attachments = (data.attachments ?? []).slice(0, MAIL_LIMITS.maxParts);
  const headers = data.headers ? keptTransportHeaders(data.headers) : [];
  if (!headers.length) {
    headers.push(`From: ${address(data.senderName, data.senderSmtpAddress ?? data.senderEmail)}`);
    const to = (data.recipients ?? []).filter((r) => (r.recipType ?? 'to') === 'to').map((r) => address(r.name, r.smtpAddress ?? r.email));
    const cc = (data.recipients ?? []).filter((r) => r.recipType === 'cc').map((r) => address(r.name, r.smtpAddress ?? r.email));
    if (to.length) headers.push(`To: ${to.join(', ')}`);
    if (cc.length) headers.push(`Cc: ${cc.join(', ')}`);
    headers.push(`Subject: ${encodeWord((data.subject ?? '').replace(/[\r\n]+/g, ' '))}`);
    const date = data.clientSubmitTime ?? data.creationTime;
    if (date && !Number.isNaN(Date.parse(date))) headers.push(`Date: ${new Date(date).toUTCString()}`);
    if (data.messageId) headers.push(`Message-ID: ${data.messageId.replace(/[\r\n]/g, '')}`);
  }
  const boundary = `rempart-msg-${randomBytes(8).toString('hex')}`;
  const alt = `${boundary}-alt`;
  const html = data.bodyHtml ?? (data.html ? Buffer.from(data.html).toString('utf8') : undefined);
  const parts: string[] = [];
  const bodies = [`--${alt}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(Buffer.from(data.body ?? '', 'utf8'))}`];
  if (html) bodies.push(`--${alt}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(Buffer.from(html, 'utf8'))}`);
  parts.push(`--${boundary}\r\nContent-Type: multipart/alternative; boundary="${alt}"\r\n\r\n${bodies.join('\r\n')}\r\n--${alt}--`);
  let total = 0;
  for (const a of attachments) {
    let file: { fileName: string; content: Uint8Array };
    try {
      file = reader.getAttachment(a);
    } catch {
      continue; // one unreadable attachment does not lose the message
    }
    total += file.content.length;
    if (total > MAIL_LIMITS.maxBytes) throw new RempartError('mail.too_large', 'Outlook message attachments exceed the size limit', 413);
    const name = encodeWord((file.fileName || 'attachment').replace(/["\r\n]/g, '_'));
    parts.push(`--${boundary}\r\nContent-Type: application/octet-stream; name="${name}"\r\nContent-Disposition: attachment; filename="${name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(file.content)}`);
  }
  const head = [...headers, 'MIME-Version: 1.0', `Content-Type: multipart/mixed; boundary="${boundary}"`].join('\r\n');
  return Buffer.from(`${head}\r\n\r\n${parts.join('\r\n')}\r\n--${boundary}--\r\n`, 'utf8');
}
