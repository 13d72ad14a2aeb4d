import type { Transporter } from 'nodemailer';
import type { ImapFlow } from 'imapflow';
import { ValidationError } from './errors.ts';
import { lazy } from './lazy.ts';

/**
 * The one place SMTP and IMAP URLs are read and connections made, for every capability that sends
 * or reads mail (alerts, drills, training reminders, the report mailbox, decoy deployment).
 * Ports follow the schemes: smtp:// 25 (STARTTLS when offered), smtps:// 465 (implicit TLS),
 * imap:// 143, imaps:// 993. nodemailer and imapflow load on first use.
 */

export interface SmtpTarget {
  host: string;
  port: number;
  /** Implicit TLS (smtps://). */
  secure: boolean;
  user?: string;
  pass?: string;
  /** `?ignoreTLS=true`: never upgrade with STARTTLS (local test sinks). */
  ignoreTLS: boolean;
}

export interface ImapTarget {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  /** The folder named by the URL path (default INBOX). */
  mailbox: string;
}

function url(raw: string, errorId: string, example: string): URL {
  try {
    return new URL(raw);
  } catch {
    throw ValidationError(errorId, `Invalid URL, expected ${example}`);
  }
}

/** Reads `smtp://user:pass@host:port` or `smtps://…` (user and password URL-encoded). */
export function parseSmtpUrl(raw: string, errorId = 'config.smtp_url'): SmtpTarget {
  const u = url(raw, errorId, 'smtp://user:password@host:port');
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw ValidationError(errorId, 'SMTP URL must start with smtp:// or smtps://');
  if (!u.hostname) throw ValidationError(errorId, 'SMTP URL has no host');
  const secure = u.protocol === 'smtps:';
  return {
    host: u.hostname,
    port: Number(u.port) || (secure ? 465 : 25),
    secure,
    user: u.username ? decodeURIComponent(u.username) : undefined,
    pass: u.username ? decodeURIComponent(u.password) : undefined,
    ignoreTLS: u.searchParams.get('ignoreTLS') === 'true',
  };
}

/** Reads `imap://user:pass@host:port/FOLDER` or `imaps://…` (user and password URL-encoded). */
export function parseImapUrl(raw: string, errorId = 'config.imap_url'): ImapTarget {
  const u = url(raw, errorId, 'imap://user:password@host:port/INBOX');
  if (u.protocol !== 'imap:' && u.protocol !== 'imaps:') throw ValidationError(errorId, 'IMAP URL must start with imap:// or imaps:// / schéma imap:// ou imaps:// attendu');
  if (!u.hostname) throw ValidationError(errorId, 'IMAP URL has no host');
  if (!u.username) throw ValidationError(errorId, 'IMAP URL has no user / identifiant manquant dans l’URL');
  const secure = u.protocol === 'imaps:';
  return {
    host: u.hostname,
    port: Number(u.port) || (secure ? 993 : 143),
    secure,
    user: decodeURIComponent(u.username),
    pass: decodeURIComponent(u.password),
    mailbox: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

const nodemailer = lazy(async () => (await import('nodemailer')).default);
const imapflow = lazy(async () => (await import('imapflow')).ImapFlow);

export interface SmtpOptions {
  /** Connection, greeting and socket timeout (default 15 s). */
  timeoutMs?: number;
  /** Keep a pool of connections for a batch of sends (drills). */
  pool?: { maxConnections: number; maxMessages: number };
}

/** A nodemailer transport for an SMTP URL. */
export async function smtpTransport(raw: string | SmtpTarget, opts: SmtpOptions = {}): Promise<Transporter> {
  const t = typeof raw === 'string' ? parseSmtpUrl(raw) : raw;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  return (await nodemailer()).createTransport({
    host: t.host,
    port: t.port,
    secure: t.secure,
    auth: t.user ? { user: t.user, pass: t.pass ?? '' } : undefined,
    ignoreTLS: t.ignoreTLS,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    ...(opts.pool ? { pool: true, maxConnections: opts.pool.maxConnections, maxMessages: opts.pool.maxMessages } : {}),
  });
}

export interface ImapOptions {
  socketTimeoutMs?: number;
  /** Accept self-signed certificates (decoy deployment to a lab server). */
  insecureTls?: boolean;
}

/** An IMAP client (not yet connected) for a target. */
export async function imapClient(t: ImapTarget, opts: ImapOptions = {}): Promise<ImapFlow> {
  const ImapFlowClass = await imapflow();
  return new ImapFlowClass({
    host: t.host,
    port: t.port,
    secure: t.secure,
    auth: { user: t.user, pass: t.pass },
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: opts.socketTimeoutMs ?? 60_000,
    ...(opts.insecureTls ? { tls: { rejectUnauthorized: false } } : {}),
  });
}
