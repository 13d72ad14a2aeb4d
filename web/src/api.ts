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

export type LookalikeKind = 'homoglyph' | 'mixed-script' | 'typo' | 'affix' | 'tld-swap' | 'subdomain' | 'punycode' | 'hosting' | 'alias';

/** A span of a lookalike's Unicode form to highlight: the lookalike letter, the added word… */
export interface Mark {
  start: number;
  end: number;
}

export interface DnsResolution {
  a: string[];
  aaaa: string[];
  mx: Array<{ exchange: string; priority: number }>;
  ns: string[];
  resolvedAt: string;
  errors?: string[];
}

export interface Lookalike {
  domain: string;
  unicode: string;
  protected: string;
  kind: LookalikeKind;
  score: number;
  evidence: string;
  source: string;
  first_seen: string;
  last_seen: string;
  times_seen: number;
  takedown_notes: string | null;
  resolution: DnsResolution | null;
  resolved_at: string | null;
  marks: Mark[];
}

export interface LookalikeMatch {
  domain: string;
  unicode: string;
  protected: string;
  kind: LookalikeKind;
  score: number;
  evidence: string;
  target: 'protected' | 'brand';
  marks: Mark[];
  /** The brand as people name it, the word found, and whether that word is an ordinary one (orange, free). */
  brand?: string;
  word?: string;
  wordKind?: 'distinctive' | 'common';
  /** Why, in words, from the server (French and English). */
  explanation?: { fr: string; en: string };
  reasonsText?: { fr: string[]; en: string[] };
  kindText?: { fr: string; en: string };
}

/** What the lookalike matcher watches: the organisation's domains, its brands, and the built-in brands. */
export interface WatchedDomains {
  protectedDomains: string[];
  brandDomains: string[];
  builtinBrands: number;
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

/** Counts of one drill campaign (or one group of it), as the server computes them. */
export interface DrillFunnel {
  targeted: number;
  sent: number;
  opened: number;
  clicked: number;
  submitted: number;
  reported: number;
  scannerClicks: number;
  /** Clicked or submitted, over sent, in percent. */
  phishPronePct: number;
  reportPct: number;
}

export type DrillStatus = 'scheduled' | 'running' | 'completed' | 'cancelled';
export type PhishDifficulty = 'very-difficult' | 'moderately-difficult' | 'least-difficult';

export interface DrillCampaign {
  id: string;
  name: string;
  template_id: string;
  lang: string;
  group_name: string | null;
  status: DrillStatus;
  anonymous: number;
  sender_domain: string;
  impersonated_email: string | null;
  window_start: string;
  window_end: string;
  created_by: string;
  created_at: string;
  funnel: DrillFunnel | null;
}

export interface DrillTemplate {
  id: string;
  lang: 'fr' | 'en';
  kind: string;
  name: string;
  subject: string;
  landing: string;
  impersonates: boolean;
  difficulty: PhishDifficulty;
  cueLevel: 'few' | 'some' | 'many';
  premiseAlignment: 'high' | 'medium' | 'low';
  cues: Array<{ category: string; text: string }>;
  source: 'builtin' | 'imported';
}

export interface DrillPreview {
  id: string;
  lang: string;
  subject: string;
  fromName: string;
  fromLocal: string;
  html: string;
  text: string;
}

export interface DrillResults {
  campaign: { id: string; name: string; template_id: string; lang: string; status: DrillStatus; group_name: string | null; created_at: string; anonymous: number };
  funnel: DrillFunnel;
  byGroup: Array<{ group: string } & DrillFunnel>;
  timeToFirstReportSeconds: number | null;
  medianTimeToReportSeconds: number | null;
  people: Array<{ email: string; fullName: string | null; department: string | null; stage: string; sentAt: string | null; clickedAt: string | null; submittedAt: string | null; reportedAt: string | null }>;
}

export interface DrillTimeline {
  t: number[];
  bucketSeconds: number;
  sent: number[];
  opened: number[];
  clicked: number[];
  submitted: number[];
  reported: number[];
}

export interface RepeatOffender {
  email: string;
  fullName: string | null;
  failures: number;
  campaigns: string[];
}

export interface DrillLaunch {
  name: string;
  templateId: string;
  lang?: 'fr' | 'en';
  group?: string;
  windowStart: string;
  windowEnd: string;
  hours?: string;
  tz?: string;
  senderDomain: string;
  impersonate?: string;
  anonymous?: boolean;
}

export interface Lesson {
  id: string;
  lang: 'fr' | 'en';
  title: string;
  summary: string;
  minutes: number;
  order: number;
  topics: string[];
  exercises: string;
  sources: Array<{ title: string; url: string }>;
}

export interface TrainAssignment {
  id: string;
  staffEmail: string;
  department: string | null;
  lessonId: string;
  exerciseSet: string;
  lang: 'fr' | 'en';
  reason: string;
  lureKind: string | null;
  failedStep: string | null;
  drillRef: string | null;
  assignedBy: string;
  assignedAt: string;
  dueAt: string;
  status: 'assigned' | 'completed' | 'cancelled';
  overdue: boolean;
  lessonReadAt: string | null;
  completedAt: string | null;
  notifiedAt: string | null;
  remindersSent: number;
}

export interface TrainGroupReport {
  department: string;
  people: number;
  assigned: number;
  completed: number;
  overdue: number;
  completionRate: number | null;
  answered: number;
  accuracy: number | null;
}

export interface TrainPersonReport {
  staffEmail: string;
  department: string | null;
  answered: number;
  correct: number;
  streak: number;
  bestStreak: number;
  lessonsCompleted: number;
  lastActivityAt: string | null;
  assigned: number;
  completed: number;
  overdue: number;
}

export interface TrainProgress {
  people: TrainPersonReport[];
  groups: TrainGroupReport[];
  totals: Omit<TrainGroupReport, 'department'>;
}

/** Public lesson pages, served by the same server without a session. */
export const PUBLIC_LESSON_BASE: Record<'fr' | 'en', string> = { fr: '/apprendre', en: '/learn' };

export type SensorKind = 'beacon' | 'portal' | 'log' | 'dns';
export const SENSOR_KINDS: SensorKind[] = ['beacon', 'portal', 'log', 'dns'];
export type DecoyKind = 'message' | 'docx' | 'xlsx' | 'pdf' | 'credentials';
export const DECOY_KINDS: DecoyKind[] = ['message', 'docx', 'xlsx', 'pdf', 'credentials'];

/** One touch of a decoy (or a scanner passing by), as the sensors recorded it. */
export interface SensorEvent {
  id: string;
  kind: SensorKind;
  at: string;
  /** IP address, or `file:line` for log sensors. */
  source: string;
  user_agent: string | null;
  headers: Record<string, string>;
  token: string | null;
  username: string | null;
  honey_password: boolean;
  artifact_id: string | null;
  persona: string | null;
  mailbox: string | null;
  deployment_id: string | null;
  planted_at: string | null;
  scanner: boolean;
  alert_id: string | null;
  decoy: { title: string; kind: DecoyKind } | null;
}

export interface SensorTimeline {
  from: string;
  to: string;
  days: Array<{ day: string; counts: Record<SensorKind, number> }>;
}

export interface DeploymentSummary {
  id: string;
  label: string;
  status: 'generated' | 'deployed' | 'partial';
  personas: number;
  createdAt: string;
  deployedAt: string | null;
  lastTouch: string | null;
  touches: number;
}

export interface DeploymentDetail {
  deployment: { id: string; label: string; status: DeploymentSummary['status']; personas: number; months: number; lang: string; target: string | null; messages: number; documents: number; createdAt: string; deployedAt: string | null };
  counts: Partial<Record<DecoyKind, number>>;
  personas: Array<{ id: string; fullName: string; email: string; department: string; role: string; counts: Partial<Record<DecoyKind, number>>; touches: number; lastTouch: string | null }>;
  documents: Array<{ id: string; personaId: string; mailbox: string; kind: DecoyKind; title: string; plantedAt: string; size: number }>;
  credentials: Array<{ id: string; personaId: string; service: string; login: string }>;
  touched: Array<{ artifactId: string; title: string | null; kind: DecoyKind | null; mailbox: string | null; plantedAt: string | null; touches: number; lastTouch: string }>;
}

export interface DecoyMessage {
  id: string;
  from: string;
  to: string;
  cc: string;
  subject: string;
  date: string | null;
  messageId: string | null;
  inReplyTo: string | null;
  text: string;
  attachments: Array<{ filename: string; size: number; contentType: string }>;
}

export type LeakVerdict = 'decoy' | 'tampered-decoy' | 'genuine' | 'unverified' | 'unrelated' | 'error';
export const LEAK_VERDICTS: LeakVerdict[] = ['tampered-decoy', 'unverified', 'decoy', 'genuine', 'unrelated', 'error'];

export interface LeakSummary {
  items: number;
  bytes: number;
  seconds: number;
  counts: Record<LeakVerdict, number>;
}

export interface LeakItem {
  path: string;
  verdict: LeakVerdict;
  artifact: string | null;
  persona: string | null;
  mailbox: string | null;
  planted: string | null;
  markers: Array<{ kind: string; value: string; detail: string }>;
  size: number;
  sha256?: string;
  title?: string;
  deployment?: string | null;
  similarity?: number;
  diff?: { removed: string[]; added: string[]; coverage: number };
  reason?: string;
  error?: { id: string; message: string };
}

export interface LeakReportSummary {
  id: string;
  createdAt: string;
  paths: string[];
  summary: LeakSummary | null;
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
  drillTemplates: () => request<{ items: DrillTemplate[] }>('GET', '/drill/templates'),
  drillPreview: (id: string, lang: 'fr' | 'en') => request<DrillPreview>('GET', `/drill/templates/${encodeURIComponent(id)}/preview${qs({ lang })}`),
  drillCampaigns: () => request<{ items: DrillCampaign[]; trend: Array<{ id: string; name: string; createdAt: string } & DrillFunnel>; repeatOffenders: RepeatOffender[] }>('GET', '/drill/campaigns'),
  drillCampaign: (id: string) => request<DrillResults>('GET', `/drill/campaigns/${encodeURIComponent(id)}`),
  drillTimeline: (id: string, bucket?: number) => request<DrillTimeline>('GET', `/drill/campaigns/${encodeURIComponent(id)}/timeline${qs({ bucket })}`),
  drillCsvUrl: (id: string) => `/api/v1/drill/campaigns/${encodeURIComponent(id)}/results.csv`,
  launchDrill: (input: DrillLaunch) => request<{ campaign: DrillCampaign; recipients: number; skipped: Array<{ email: string; reason: string }> }>('POST', '/drill/campaigns', input),
  cancelDrill: (id: string) => request<{ ok: true }>('POST', `/drill/campaigns/${encodeURIComponent(id)}/cancel`),

  lessons: (lang: 'fr' | 'en') => request<Lesson[]>('GET', `/train/lessons${qs({ lang })}`),
  assignments: (q: { status?: TrainAssignment['status']; overdue?: boolean; limit?: number } = {}) =>
    request<TrainAssignment[]>('GET', `/train/assignments${qs({ status: q.status, overdue: q.overdue ? 'true' : undefined, limit: q.limit })}`),
  trainProgress: () => request<TrainProgress>('GET', '/train/progress'),
  sendTrainingMail: () => request<{ sent: number; failed: number; assigned: number; reminders: number }>('POST', '/train/mail'),

  removeDomain: (domain: string) => request<{ ok: true }>('DELETE', `/org/domains/${encodeURIComponent(domain)}`),

  lookalikes: (limit = 1000) => request<{ items: Lookalike[] }>('GET', `/domains/lookalikes${qs({ limit })}`),
  setTakedownNotes: (domain: string, notes: string) => request<{ ok: true }>('PUT', `/domains/lookalikes/${encodeURIComponent(domain)}/notes`, { notes }),
  watchedDomains: () => request<WatchedDomains>('GET', '/domains/watched'),
  matchDomain: (domain: string) => request<{ match: LookalikeMatch | null }>('GET', `/domains/match${qs({ domain })}`),
  sensorEvents: (q: { kind?: SensorKind; deployment?: string; limit?: number; before?: string }) => request<{ events: SensorEvent[] }>('GET', `/sensors/events${qs(q)}`),
  sensorTimeline: (q: { days?: number; until?: string }) => request<SensorTimeline>('GET', `/sensors/timeline${qs(q)}`),
  deployments: () => request<{ deployments: DeploymentSummary[] }>('GET', '/sensors/deployments'),
  deployment: (id: string) => request<DeploymentDetail>('GET', `/blur/deployments/${encodeURIComponent(id)}`),
  createDeployment: (b: { personas: number; months: number; seed: string; lang: 'fr' | 'en'; label?: string }) =>
    request<{ id: string; counts: { messages: number; documents: number; credentials: number } }>('POST', '/blur/deployments', b),
  decoyMailbox: (id: string, mailbox: string, q: { folder?: 'INBOX' | 'Sent'; limit?: number; offset?: number }) =>
    request<{ total: number; messages: Array<{ id: string; subject: string; date: string; threadId?: string }> }>('GET', `/blur/deployments/${encodeURIComponent(id)}/mailboxes/${encodeURIComponent(mailbox)}${qs(q)}`),
  decoyMessage: (id: string) => request<DecoyMessage>('GET', `/blur/messages/${encodeURIComponent(id)}`),
  leakReports: () => request<{ reports: LeakReportSummary[] }>('GET', '/leaks/reports'),
  leakReport: (id: string) => request<LeakReportSummary & { summary: LeakSummary; items: LeakItem[] }>('GET', `/leaks/reports/${encodeURIComponent(id)}`),
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
