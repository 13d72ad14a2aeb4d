/** Thin fetch client for /api/v1: JSON in and out, CSRF header on state changes, typed errors. */

export type Role = 'admin' | 'analyst' | 'viewer';
export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  lang: 'fr' | 'en';
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface Alert {
  id: string;
  source: string;
  severity: Severity;
  title: string;
  details: Record<string, unknown>;
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

export interface Tile {
  id: string;
  value: number | null;
  href: string;
  tone?: 'critical' | 'high' | 'medium' | 'ok';
  series?: number[];
}

export interface Overview {
  org: { name: string; protectedDomains: string[]; staffCount: number };
  alerts: { open: Record<Severity, number>; last24h: number; total: number };
  recentAlerts: Alert[];
  tiles: Tile[];
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  actorId: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown> | null;
  ip: string | null;
}

export interface TokenInfo {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface OrgInfo {
  name: string;
  protectedDomains: string[];
  partnerDomains: string[];
  brandDomains: string[];
  staffCount: number;
}

export interface Domain {
  domain: string;
  kind: 'protected' | 'partner' | 'brand';
  label: string | null;
  addedAt: string;
}

export interface StaffMember {
  id: string;
  fullName: string;
  email: string;
  department: string | null;
  role: string | null;
  lang: string;
  active: boolean;
}

export interface StaffImportResult {
  created: number;
  updated: number;
  errors: Array<{ line: number; message: string }>;
}

export type MailVerdict = 'malicious' | 'suspicious' | 'clean';
export const MAIL_VERDICTS: MailVerdict[] = ['malicious', 'suspicious', 'clean'];

export interface MailSignal {
  id: string;
  weight: number;
  evidence: string;
  fr: string;
  en: string;
}

export interface MailAttachment {
  name: string;
  mimeType: string;
  /** What the bytes say the file is (exe, ole, pdf…). */
  kind: string;
  size: number;
  sha256: string;
}

export interface MailIndicators {
  domains: string[];
  urls: string[];
  ips: string[];
  addresses: string[];
  hashes: string[];
}

/** One triaged message: the verdict, never the message itself. */
export interface MailReport {
  id: string;
  receivedAt: string;
  source: string;
  reporter: string | null;
  alertId: string | null;
  messageId: string | null;
  subject: string;
  from: string;
  verdict: MailVerdict;
  score: number;
  signals: MailSignal[];
  indicators: MailIndicators;
  attachments?: MailAttachment[];
  action: { fr: string; en: string };
}

export const INDICATOR_TYPES = ['domain', 'url', 'ipv4', 'ipv6', 'cidr', 'email', 'md5', 'sha1', 'sha256'] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

/** An indicator of compromise, with how often something Rempart saw matched it. */
export interface Indicator {
  id: string;
  type: IndicatorType;
  value: string;
  source: string;
  confidence: number;
  description: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  validUntil: string | null;
  updatedAt: string;
  hits: { count: number; lastAt: string } | null;
}

export interface IndicatorInput {
  type: string;
  value: string;
  source: string;
  confidence?: number;
  description?: string | null;
}

export interface IntelImportReport {
  name: string;
  format: string;
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  indicators: { created: number; updated: number; unchanged: number; rejected: number };
}

export interface IntelImport {
  id: string;
  name: string;
  format: string;
  importedAt: string;
  report: Partial<IntelImportReport>;
}

/** A technique seen in our own alerts. */
export interface ObservedTechnique {
  technique: string;
  name: string;
  tactics: string[];
  count: number;
  firstSeen: string;
  lastSeen: string;
  alerts: Array<{ id: string; title: string; source: string; at: string }>;
}

export interface SharedTechnique {
  technique: string;
  name: string;
  match: 'exact' | 'near' | 'software';
  procedure?: string;
  via?: string;
}

/** One intrusion set ranked by the attribution model, with the evidence. */
export interface AttributionResult {
  id: string;
  name: string;
  /** Posterior probability among the known groups, 0–1. */
  score: number;
  matched: number;
  groupTechniques: number;
  shared: SharedTechnique[];
  unexplained: string[];
  sharedSoftware?: Array<{ id: string; name: string }>;
  victimMatch?: boolean;
}

export interface ActorSummary {
  id: string;
  name: string;
  aliases: string[];
  country: string | null;
  techniques: number;
}

export interface ActorProfile {
  id: string;
  name: string;
  aliases: string[];
  description: string | null;
  country: string | null;
  victims: string[];
  sectors: string[];
  techniques: Array<{ id: string; name: string; tactics: string[]; procedure: string }>;
  software: Array<{ id: string; name: string; type: string }>;
  campaigns: Array<{ id: string; name: string }>;
  /** Sources ATT&CK and MISP cite (http(s) only). */
  references?: Array<{ source: string; url: string }>;
}

/** Same bound as the server (intel import): larger files are refused before upload. */
export const INTEL_IMPORT_MAX_BYTES = 64 * 1024 * 1024;

/** Same bound as the server (MAIL_LIMITS.maxBytes): larger files are refused before upload. */
export const MAIL_MAX_BYTES = 25 * 1024 * 1024;

/** Base64 of a file's bytes, in chunks so a large file does not overflow the call stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

const ROLE_RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };
/** Same rule as the server: admin ⊃ analyst ⊃ viewer. */
export function roleAllows(role: Role, needed: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needed];
}

/** An error answered by the API (`{error:{id,message}}`) or a network failure (`status` 0). */
export class ApiError extends Error {
  constructor(
    readonly id: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
let onUnauthorized: () => void = () => undefined;

/** Called whenever the server says the session is gone (401), so the app can show the login page. */
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Calls the API; resolves to the JSON body, throws ApiError otherwise. */
export async function request<T>(method: Method, path: string, body?: unknown, opts: { quiet401?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError('network', 'network', 0);
  }
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (a proxy's error page): reported below with the status.
  }
  if (!res.ok) {
    const err = (json as { error?: { id?: string; message?: string } } | undefined)?.error;
    if (res.status === 401 && !opts.quiet401) onUnauthorized();
    throw new ApiError(err?.id ?? `http.${res.status}`, err?.message ?? `HTTP ${res.status}`, res.status);
  }
  return json as T;
}

/** Builds a query string from the defined values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

export const api = {
  me: () => request<{ user: User; csrfToken: string | null }>('GET', '/auth/me', undefined, { quiet401: true }),
  login: (username: string, password: string) =>
    request<{ user: User; csrfToken: string; expiresAt: string }>('POST', '/auth/login', { username, password }, { quiet401: true }),
  logout: () => request<{ ok: true }>('POST', '/auth/logout', undefined, { quiet401: true }),
  changePassword: (current: string, next: string) => request<{ ok: true }>('POST', '/auth/password', { current, next }),
  tokens: () => request<{ items: TokenInfo[] }>('GET', '/auth/tokens'),
  createToken: (name: string) => request<{ token: string; info: TokenInfo }>('POST', '/auth/tokens', { name }),
  revokeToken: (id: string) => request<{ revoked: boolean }>('DELETE', `/auth/tokens/${encodeURIComponent(id)}`),

  overview: () => request<Overview>('GET', '/overview'),
  alerts: (q: { severity?: string; source?: string; status?: string; limit?: number; before?: string }) =>
    request<{ items: Alert[] }>('GET', `/alerts${qs(q)}`),
  alert: (id: string) => request<{ alert: Alert }>('GET', `/alerts/${encodeURIComponent(id)}`),
  ackAlert: (id: string) => request<{ alert: Alert }>('POST', `/alerts/${encodeURIComponent(id)}/ack`),

  audit: (q: { limit?: number; before?: string; action?: string }) => request<{ items: AuditEntry[] }>('GET', `/audit${qs(q)}`),

  users: () => request<{ items: User[] }>('GET', '/users'),
  createUser: (u: { username: string; displayName?: string; role: Role; lang?: 'fr' | 'en' }) => request<{ user: User; password: string }>('POST', '/users', u),
  setUserDisabled: (id: string, disabled: boolean) => request<{ user: User }>('POST', `/users/${encodeURIComponent(id)}/${disabled ? 'disable' : 'enable'}`),
  resetPassword: (id: string) => request<{ user: User; password: string }>('POST', `/users/${encodeURIComponent(id)}/reset-password`),

  org: () => request<OrgInfo>('GET', '/org'),
  setOrgName: (name: string) => request<{ ok: true }>('PUT', '/org/name', { name }),
  staff: () => request<{ items: StaffMember[] }>('GET', '/org/staff'),
  importStaff: (csv: string) => request<StaffImportResult>('POST', '/org/staff/import', { csv }),
  domains: () => request<{ items: Domain[] }>('GET', '/org/domains'),
  addDomain: (d: { domain: string; kind: Domain['kind']; label?: string }) => request<Domain>('POST', '/org/domains', d),
  mailTriage: (input: { raw: string } | { base64: string }) => request<{ report: MailReport }>('POST', '/mail/triage', input),
  mailReports: (q: { verdict?: MailVerdict; q?: string; limit?: number }) =>
    request<{ items: MailReport[]; counts: Record<MailVerdict, number> }>('GET', `/mail/reports${qs(q)}`),
  mailReport: (id: string) => request<{ report: MailReport }>('GET', `/mail/reports/${encodeURIComponent(id)}`),
  removeDomain: (domain: string) => request<{ ok: true }>('DELETE', `/org/domains/${encodeURIComponent(domain)}`),

  intelIndicators: (q: { type?: IndicatorType; search?: string; limit?: number }) => request<{ items: Indicator[] }>('GET', `/intel/indicators${qs(q)}`),
  addIndicators: (indicators: IndicatorInput[]) =>
    request<{ created: number; updated: number; unchanged: number; rejected: number; rejectedValues: string[] }>('POST', '/intel/indicators', { indicators }),
  deleteIndicator: (id: string) => request<{ ok: true }>('DELETE', `/intel/indicators/${encodeURIComponent(id)}`),
  intelImport: (input: { name: string; content: string; source?: string }) => request<IntelImportReport>('POST', '/intel/import', input),
  intelImports: () => request<{ items: IntelImport[] }>('GET', '/intel/imports'),
  intelObserved: () => request<{ scanned: number; items: ObservedTechnique[] }>('GET', '/intel/observed'),
  intelAttribute: (input: { techniques: string[]; victim?: string; software?: string[]; limit?: number }) =>
    request<{ techniques: string[]; items: AttributionResult[] }>('POST', '/intel/attribute', input),
  intelActors: (q: { q?: string; limit?: number }) => request<{ total: number; items: ActorSummary[] }>('GET', `/intel/actors${qs(q)}`),
  intelActor: (id: string) => request<ActorProfile>('GET', `/intel/actors/${encodeURIComponent(id)}`),
};
