import { parseBeaconPath } from '../../blur/index.ts';

/** Log formats the sensors read. `auto` guesses per line. */
export type LogFormat = 'dovecot' | 'postfix' | 'access' | 'm365' | 'google' | 'jsonl' | 'csv';
export const LOG_FORMATS: readonly LogFormat[] = ['dovecot', 'postfix', 'access', 'm365', 'google', 'jsonl', 'csv'];

/** One authentication or request seen in a log line. */
export interface AuthEvent {
  format: LogFormat;
  at?: Date;
  user?: string;
  ip?: string;
  success?: boolean;
  /** Beacon token when the line is a request for a canary path (access logs). */
  token?: string;
  service?: string;
}

/** Longer lines are cut: no real auth log line is this long, a hostile one may be. */
export const MAX_LINE = 8192;
const MAX_FIELD = 200;

const clip = (s: string | undefined): string | undefined => {
  const v = s?.trim();
  return v ? v.slice(0, MAX_FIELD) : undefined;
};
const ipOf = (s: string | undefined): string | undefined => {
  const v = s?.trim().replace(/^\[|\]$/g, '');
  return v && /^[0-9a-fA-F.:]{2,45}$/.test(v) ? v : undefined;
};
function date(s: string | undefined): Date | undefined {
  if (!s) return undefined;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Syslog "Nov 28 10:00:00" (no year: the current one) or an ISO prefix. */
function syslogDate(line: string): Date | undefined {
  const iso = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)/.exec(line);
  if (iso) return date(iso[1]);
  const m = /^([A-Z][a-z]{2}) +(\d{1,2}) (\d\d):(\d\d):(\d\d)/.exec(line);
  if (!m) return undefined;
  const mon = MONTHS.indexOf(m[1].toLowerCase());
  if (mon < 0) return undefined;
  return new Date(Date.UTC(new Date().getUTCFullYear(), mon, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])));
}

/** Dovecot: `imap-login: Login: user=<x>, … rip=IP`, `auth failed … user=<x>`, `auth: passwd-file(x,IP): …`. */
export function parseDovecot(line: string): AuthEvent | undefined {
  if (!/dovecot/i.test(line) && !/\b(imap|pop3|submission|managesieve)-login:/.test(line)) return undefined;
  const service = /\b(imap|pop3|submission|managesieve|lmtp)-login\b/.exec(line)?.[1];
  let user = /\buser=<([^>]{0,300})>/.exec(line)?.[1];
  let ip = ipOf(/\brip=([0-9a-fA-F.:]+)/.exec(line)?.[1]);
  const worker = /\b(?:auth|auth-worker)(?:\(\d+\))?: [\w-]+\(([^,()]{1,300}),([0-9a-fA-F.:]+)(?:,[^)]*)?\)/.exec(line);
  if (!user && worker) {
    user = worker[1];
    ip ??= ipOf(worker[2]);
  }
  if (!user) return undefined;
  const success = /\bLogin: user=/.test(line) ? true : /auth failed|unknown user|password mismatch|Password mismatch|failed/i.test(line) ? false : undefined;
  return { format: 'dovecot', at: syslogDate(line), user: clip(user), ip, success, service };
}

/** Postfix smtpd: `client=host[IP], sasl_method=…, sasl_username=x` (authenticated submission). */
export function parsePostfix(line: string): AuthEvent | undefined {
  if (!/postfix\//.test(line)) return undefined;
  const user = /\bsasl_username=([^\s,]{1,300})/.exec(line)?.[1];
  if (!user) return undefined;
  const ip = ipOf(/\bclient=[^[\s]*\[([0-9a-fA-F.:]+)\]/.exec(line)?.[1]);
  return { format: 'postfix', at: syslogDate(line), user: clip(user), ip, success: true, service: 'smtp' };
}

const ACCESS = /^(\S{1,64}) \S{1,64} (\S{1,300}) \[([^\]]{1,40})\] "([A-Z]{1,10}) (\S{1,4096})(?: [^"]{0,20})?" (\d{3}) /;
/** nginx / Apache common and combined formats: basic-auth user and canary paths. */
export function parseAccess(line: string): AuthEvent | undefined {
  const m = ACCESS.exec(line);
  if (!m) return undefined;
  const [, ip, user, when, , path, status] = m;
  const token = path.includes('/c/') ? parseBeaconPath(path.split('?', 1)[0]) : undefined;
  const u = user === '-' ? undefined : clip(decodeURIComponentSafe(user));
  if (!u && !token) return undefined;
  const d = /^(\d\d)\/(\w{3})\/(\d{4}):(\d\d):(\d\d):(\d\d) ([+-]\d{4})$/.exec(when);
  const at = d ? date(`${d[3]}-${String(MONTHS.indexOf(d[2].toLowerCase()) + 1).padStart(2, '0')}-${d[1]}T${d[4]}:${d[5]}:${d[6]}${d[7].slice(0, 3)}:${d[7].slice(3)}`) : undefined;
  return { format: 'access', at, user: u, ip: ipOf(ip), success: u ? Number(status) < 400 : undefined, token, service: 'http' };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

type Json = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
function dig(o: unknown, path: string): unknown {
  let cur = o;
  for (const k of path.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Json)[k];
  }
  return cur;
}
const first = (o: unknown, paths: string[]): string | undefined => {
  for (const p of paths) {
    const v = str(dig(o, p));
    if (v) return v;
  }
  return undefined;
};

/**
 * One JSON object per line: Microsoft Entra / 365 sign-in logs (Graph `signIns`), Google Workspace
 * login audit (Reports API `activities`), or anything with a user and an IP field.
 */
export function parseJsonLine(line: string): AuthEvent | undefined {
  const s = line.trim();
  if (!s.startsWith('{')) return undefined;
  let o: unknown;
  try {
    o = JSON.parse(s);
  } catch {
    return undefined;
  }
  if (!o || typeof o !== 'object') return undefined;
  const google = dig(o, 'actor.email') !== undefined || dig(o, 'id.applicationName') === 'login';
  const m365 = dig(o, 'userPrincipalName') !== undefined;
  const user = first(o, ['userPrincipalName', 'actor.email', 'user', 'username', 'email', 'UserId', 'login']);
  if (!user) return undefined;
  const ip = ipOf(first(o, ['ipAddress', 'ip', 'ip_address', 'ClientIP', 'clientIp', 'remote_addr']));
  const at = date(first(o, ['createdDateTime', 'id.time', 'time', 'timestamp', 'CreationTime', 'date']));
  let success: boolean | undefined;
  const code = dig(o, 'status.errorCode');
  if (typeof code === 'number') success = code === 0;
  const events = dig(o, 'events');
  if (Array.isArray(events)) {
    const names = events.map((e) => str(dig(e, 'name')) ?? '');
    if (names.includes('login_success')) success = true;
    else if (names.includes('login_failure')) success = false;
  }
  return { format: m365 ? 'm365' : google ? 'google' : 'jsonl', at, user: clip(user), ip, success, service: m365 ? 'microsoft365' : google ? 'google' : undefined };
}

/** Splits one CSV line (quotes, doubled quotes). Exports from the admin consoles are one record per line. */
export function splitCsvLine(line: string, max = 200): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === ';' || c === '\t') {
      out.push(cur);
      cur = '';
      if (out.length >= max) return out;
    } else cur += c;
  }
  out.push(cur);
  return out;
}

const USER_COLUMNS = /^(user ?principal ?name|username|user name|user|utilisateur|e-?mail|adresse e-mail|login|actor)$/i;
const IP_COLUMNS = /^(ip ?address|ip|adresse ip|client ip)$/i;
const DATE_COLUMNS = /^(date(\s*\(utc\))?|time|created ?date ?time|date et heure|timestamp)$/i;
const STATUS_COLUMNS = /^(status|statut|event name|event|résultat|result)$/i;

/** Column positions of a sign-in export's header, or undefined if the line is not such a header. */
export interface CsvHeader {
  user: number;
  ip: number;
  date: number;
  status: number;
  google: boolean;
}
export function parseCsvHeader(line: string): CsvHeader | undefined {
  const cols = splitCsvLine(line.replace(/^\ufeff/, '')).map((c) => c.trim());
  const idx = (re: RegExp) => cols.findIndex((c) => re.test(c));
  const user = idx(USER_COLUMNS);
  if (user < 0 || (idx(IP_COLUMNS) < 0 && idx(DATE_COLUMNS) < 0)) return undefined;
  return { user, ip: idx(IP_COLUMNS), date: idx(DATE_COLUMNS), status: idx(STATUS_COLUMNS), google: cols.some((c) => /^event (name|description)$/i.test(c)) };
}

export function parseCsvRow(line: string, h: CsvHeader): AuthEvent | undefined {
  const f = splitCsvLine(line);
  const user = clip(f[h.user]);
  if (!user || !/[@\w]/.test(user)) return undefined;
  const status = h.status >= 0 ? (f[h.status] ?? '') : '';
  const success = /success|réussi|login_success|succès/i.test(status) ? true : /fail|échec|interrupt/i.test(status) ? false : undefined;
  return { format: h.google ? 'google' : 'm365', at: date(h.date >= 0 ? f[h.date] : undefined), user, ip: ipOf(h.ip >= 0 ? f[h.ip] : undefined), success, service: h.google ? 'google' : 'microsoft365' };
}

/**
 * Parses log lines of any supported format, keeping the CSV header it met. Never throws: a line
 * it does not understand gives undefined.
 */
export class LineParser {
  private header: CsvHeader | undefined;
  constructor(private readonly format: LogFormat | 'auto' = 'auto') {}

  parse(raw: string): AuthEvent | undefined {
    const line = raw.length > MAX_LINE ? raw.slice(0, MAX_LINE) : raw;
    if (!line.trim()) return undefined;
    const f = this.format;
    if (f === 'csv' || ((f === 'auto' || f === 'm365' || f === 'google') && !line.trimStart().startsWith('{'))) {
      const h = parseCsvHeader(line);
      if (h) {
        this.header = h;
        return undefined;
      }
      if (this.header) return parseCsvRow(line, this.header);
      if (f === 'csv') return undefined;
    }
    switch (f) {
      case 'dovecot':
        return parseDovecot(line);
      case 'postfix':
        return parsePostfix(line);
      case 'access':
        return parseAccess(line);
      case 'm365':
      case 'google':
      case 'jsonl':
        return parseJsonLine(line);
      default:
        return parseJsonLine(line) ?? parsePostfix(line) ?? parseDovecot(line) ?? parseAccess(line);
    }
  }
}
