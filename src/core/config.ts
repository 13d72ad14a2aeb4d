import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { ValidationError } from './errors.ts';

/** Every setting Rempart reads, with its default. Environment wins over `rempart.config.json`. */
export const configSchema = z
  .object({
    /** `sqlite:PATH` (embedded, default) or `postgres://…`. */
    databaseUrl: z
      .string()
      .refine((s) => /^sqlite:.+/.test(s) || /^postgres(ql)?:\/\//.test(s), {
        message: 'must be sqlite:PATH or postgres://…',
      })
      .default('sqlite:./data/rempart.db'),
    host: z.string().min(1).default('127.0.0.1'),
    port: z.coerce.number().int().min(0).max(65535).default(8080),
    /** Where the embedded database, the secret key file and generated kits live. */
    dataDir: z.string().min(1).default('./data'),
    /** 32-byte key (hex or base64) that encrypts webhook secrets and SMTP passwords at rest. */
    secretKey: z.string().min(32).optional(),
    /** Public base URL of this server, used in beacons and report links. */
    publicUrl: z.string().url().optional(),
    /** Hours a dashboard session stays valid without activity. */
    sessionTtlHours: z.coerce.number().positive().max(24 * 30).default(12),
    /** Largest JSON request body accepted by the API, in bytes. */
    bodyLimit: z.coerce.number().int().positive().max(200 * 1024 * 1024).default(1024 * 1024),
    /** Marks cookies `Secure`; set when Rempart is served behind TLS. */
    secureCookies: z.coerce.boolean().default(false),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Default language of messages and auto-replies. */
    lang: z.enum(['fr', 'en']).default('fr'),
    smtp: z
      .object({
        /** smtp://user:pass@host:port or smtps://… */
        url: z.string().url(),
        from: z.string().min(3),
      })
      .optional(),
    /** The report mailbox staff forward doubtful mail to: imap://user:password@host:port/INBOX. */
    reportImapUrl: z.string().regex(/^imaps?:\/\//, 'must be imap://… or imaps://…').optional(),
    /** Seconds between two passes of the alert delivery worker. */
    deliveryIntervalSeconds: z.coerce.number().positive().default(5),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

const ENV_KEYS: Record<string, keyof Config> = {
  REMPART_DATABASE_URL: 'databaseUrl',
  REMPART_HOST: 'host',
  REMPART_PORT: 'port',
  REMPART_DATA_DIR: 'dataDir',
  REMPART_SECRET_KEY: 'secretKey',
  REMPART_PUBLIC_URL: 'publicUrl',
  REMPART_SESSION_TTL_HOURS: 'sessionTtlHours',
  REMPART_BODY_LIMIT: 'bodyLimit',
  REMPART_SECURE_COOKIES: 'secureCookies',
  REMPART_LOG_LEVEL: 'logLevel',
  REMPART_LANG: 'lang',
  REMPART_DELIVERY_INTERVAL_SECONDS: 'deliveryIntervalSeconds',
  REMPART_REPORT_IMAP_URL: 'reportImapUrl',
};

/**
 * Reads `rempart.config.json` (or REMPART_CONFIG), overlays the environment and validates.
 * A bad value stops start-up with a message that names the key.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Record<keyof Config, unknown>> = {},
): Config {
  const file = env.REMPART_CONFIG ?? 'rempart.config.json';
  let fromFile: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      fromFile = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      throw ValidationError('config.unreadable', `${resolve(file)} is not valid JSON: ${(e as Error).message}`);
    }
    if (typeof fromFile !== 'object' || fromFile === null || Array.isArray(fromFile)) {
      throw ValidationError('config.unreadable', `${resolve(file)} must contain a JSON object`);
    }
  }
  const merged: Record<string, unknown> = { ...fromFile };
  for (const [envKey, key] of Object.entries(ENV_KEYS)) {
    const v = env[envKey];
    if (v !== undefined && v !== '') merged[key] = key === 'secureCookies' ? v === 'true' || v === '1' : v;
  }
  if (env.REMPART_SMTP_URL) {
    merged.smtp = { url: env.REMPART_SMTP_URL, from: env.REMPART_SMTP_FROM ?? 'rempart@localhost' };
  }
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) merged[k] = v;
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue.path.join('.') || '(root)';
    const envName = Object.entries(ENV_KEYS).find(([, k]) => k === issue.path[0])?.[0];
    throw ValidationError(
      'config.invalid',
      `Invalid configuration for "${key}"${envName ? ` (${envName})` : ''}: ${issue.message}`,
      { key },
    );
  }
  return parsed.data;
}
