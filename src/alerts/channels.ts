import { createHmac } from 'node:crypto';
import { smtpTransport } from '../core/mail-transport.ts';
import { z } from 'zod';
import { ValidationError } from '../core/errors.ts';
import { t, type Lang } from '../core/i18n.ts';
import type { Alert } from './service.ts';
import type { ChannelKind } from './repo.ts';

export const channelConfigSchemas = {
  webhook: z.object({ url: z.string().url(), secret: z.string().min(16).optional() }).strict(),
  slack: z.object({ url: z.string().url() }).strict(),
  smtp: z
    .object({
      to: z.array(z.string().email()).min(1).max(50),
      /** smtp://… ; defaults to the server's REMPART_SMTP_URL. */
      smtpUrl: z.string().url().optional(),
      from: z.string().min(3).optional(),
      lang: z.enum(['fr', 'en']).default('fr'),
    })
    .strict(),
} satisfies Record<ChannelKind, z.ZodType>;

export type ChannelConfig = {
  webhook: z.infer<typeof channelConfigSchemas.webhook>;
  slack: z.infer<typeof channelConfigSchemas.slack>;
  smtp: z.infer<typeof channelConfigSchemas.smtp>;
};

export function parseChannelConfig<K extends ChannelKind>(kind: K, config: unknown): ChannelConfig[K] {
  const schema = channelConfigSchemas[kind];
  if (!schema) throw ValidationError('alert.bad_channel_kind', `Unknown channel kind ${kind}`);
  const r = schema.safeParse(config);
  if (!r.success) {
    const i = r.error.issues[0];
    throw ValidationError('alert.bad_channel_config', `Channel setting "${i.path.join('.')}": ${i.message}`);
  }
  return r.data as ChannelConfig[K];
}

export interface SendContext {
  smtp?: { url: string; from: string };
  /** Base URL of the dashboard, for links in messages. */
  publicUrl?: string;
  timeoutMs?: number;
}

/** Signature a webhook receiver checks: hex HMAC-SHA256 of `${timestamp}.${body}` with the shared secret. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function alertPayload(alert: Alert, publicUrl?: string) {
  return {
    type: 'rempart.alert',
    alert: { ...alert, url: publicUrl ? `${publicUrl.replace(/\/$/, '')}/alerts/${alert.id}` : undefined },
  };
}

async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<void> {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  await res.body?.cancel().catch(() => undefined);
  if (!res.ok) throw new Error(`HTTP ${res.status} from ${new URL(url).host}`);
}

const SEVERITY_EMOJI: Record<string, string> = { critical: '🔴', high: '🟠', medium: '🟡', low: '🔵', info: '⚪' };

/** Sends one alert on one channel. Throws on any failure so the queue retries. */
export async function sendAlert(kind: ChannelKind, config: unknown, alert: Alert, ctx: SendContext): Promise<void> {
  const timeoutMs = ctx.timeoutMs ?? 10_000;
  switch (kind) {
    case 'webhook': {
      const c = parseChannelConfig('webhook', config);
      const body = JSON.stringify(alertPayload(alert, ctx.publicUrl));
      const ts = Math.floor(Date.now() / 1000).toString();
      const headers: Record<string, string> = { 'x-rempart-timestamp': ts, 'x-rempart-alert-id': alert.id };
      if (c.secret) headers['x-rempart-signature'] = `sha256=${signWebhook(c.secret, ts, body)}`;
      return post(c.url, body, headers, timeoutMs);
    }
    case 'slack': {
      const c = parseChannelConfig('slack', config);
      const text = `${SEVERITY_EMOJI[alert.severity] ?? ''} *[${alert.severity.toUpperCase()}] ${alert.title}* (${alert.source})`;
      return post(c.url, JSON.stringify({ text }), {}, timeoutMs);
    }
    case 'smtp': {
      const c = parseChannelConfig('smtp', config);
      const url = c.smtpUrl ?? ctx.smtp?.url;
      if (!url) throw new Error('No SMTP server configured (REMPART_SMTP_URL or the channel smtpUrl)');
      const transport = await smtpTransport(url, { timeoutMs });
      const lang: Lang = c.lang;
      try {
        await transport.sendMail({
          from: c.from ?? ctx.smtp?.from ?? 'rempart@localhost',
          to: c.to,
          subject: `[Rempart ${alert.severity}] ${alert.title}`,
          text: `${t(lang, 'alerts.mail.intro', { source: alert.source, severity: alert.severity })}\n\n${alert.title}\n\n${JSON.stringify(alert.details, null, 2)}\n`,
        });
      } finally {
        transport.close();
      }
      return;
    }
    default: {
      const never: never = kind;
      throw new Error(`Unknown channel ${String(never)}`);
    }
  }
}
