import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { ValidationError } from '../core/errors.ts';

/**
 * Sensor settings. Defaults suit one organisation; `REMPART_SENSORS_CONFIG` may name a JSON file
 * that overrides any field (for instance to add the IP ranges of the organisation's own mail filter).
 */
export const sensorsOptionsSchema = z.object({
  /** Rows kept per artifact × source; further hits only increment a counter. */
  maxRowsPerBucket: z.number().int().min(1).max(100_000).default(50),
  /** Rows kept in all for requests whose token is no decoy's (scans, guessing), whatever the source. */
  maxJunkRows: z.number().int().min(0).max(1_000_000).default(5_000),
  /** Hits per source per second before the source is only counted. */
  perSourcePerSecond: z.number().positive().max(1_000_000).default(20),
  /** Burst allowed above that rate. */
  perSourceBurst: z.number().positive().max(1_000_000).default(60),
  /** Hits waiting to be written; beyond this, hits are counted, not queued (flood). */
  maxQueue: z.number().int().min(100).max(1_000_000).default(50_000),
  /** Milliseconds between two batch writes. */
  flushMs: z.number().int().min(5).max(10_000).default(100),
  /**
   * User agents of mail-security scanners and link previewers that fetch every URL of a mail
   * before the reader does: their hits are stored with scanner=1 and raise no alert.
   */
  scannerUserAgents: z
    .array(z.string())
    .default([
      'Proofpoint', 'Mimecast', 'Barracuda', 'Symantec', 'MessageLabs', 'Forcepoint', 'FireEye', 'Trend ?Micro', 'Sophos', 'Cisco ?IronPort',
      'SafeLinks', 'Microsoft Office Protocol Discoverer', 'BingPreview', 'Googlebot', 'Google-Safety', 'GoogleImageProxy', 'Slackbot', 'Slack-ImgProxy',
      'facebookexternalhit', 'Twitterbot', 'LinkedInBot', 'WhatsApp', 'TelegramBot', 'Discordbot', 'SkypeUriPreview', 'redditbot', 'Applebot',
      'curl/', 'python-requests', 'Go-http-client', 'zgrab', 'masscan', 'Nmap', 'censys', 'Expanse', 'VirusTotal',
    ]),
  /** IPv4 CIDR ranges of scanners (the organisation's mail filter, preview services). */
  scannerCidrs: z.array(z.string()).default([]),
  /** DNS zone whose names are canaries: `<token>.<zone>`. */
  dnsZone: z.string().default('canary.invalid'),
});

export type SensorsOptions = z.infer<typeof sensorsOptionsSchema>;

/** Defaults overlaid with the file named by REMPART_SENSORS_CONFIG and with `overrides`. */
export function loadSensorsOptions(overrides: Partial<SensorsOptions> = {}, env: NodeJS.ProcessEnv = process.env): SensorsOptions {
  let fromFile: unknown = {};
  const file = env.REMPART_SENSORS_CONFIG;
  if (file && existsSync(file)) {
    try {
      fromFile = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw ValidationError('sensors.bad_config', `${file}: ${(e as Error).message}`);
    }
  }
  const r = sensorsOptionsSchema.safeParse({ ...(fromFile as object), ...overrides });
  if (!r.success) throw ValidationError('sensors.bad_config', `Sensor settings: ${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}`);
  return r.data;
}

function ipv4ToInt(ip: string): number | undefined {
  const m = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

/** Builds the scanner test from the ignore-lists. Patterns are matched case-insensitively. */
export function scannerMatcher(opts: Pick<SensorsOptions, 'scannerUserAgents' | 'scannerCidrs'>): (ip: string, ua: string | undefined) => boolean {
  const ua = opts.scannerUserAgents.length ? new RegExp(opts.scannerUserAgents.join('|'), 'i') : undefined;
  const ranges = opts.scannerCidrs.flatMap((c) => {
    const [base, bits] = c.split('/');
    const b = ipv4ToInt(base);
    const n = bits === undefined ? 32 : Number(bits);
    if (b === undefined || !Number.isInteger(n) || n < 0 || n > 32) return [];
    const mask = n === 0 ? 0 : (~0 << (32 - n)) >>> 0;
    return [{ net: (b & mask) >>> 0, mask }];
  });
  return (ip, agent) => {
    if (ua && agent && ua.test(agent)) return true;
    const v = ipv4ToInt(ip);
    return v !== undefined && ranges.some((r) => ((v & r.mask) >>> 0) === r.net);
  };
}
