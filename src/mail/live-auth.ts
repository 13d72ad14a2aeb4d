import type { DNSResolver } from 'mailauth';
import { lazy } from '../core/lazy.ts';
import { createDnsResolver } from '../domains/resolve.ts';
import type { Hit } from './signals/types.ts';

/**
 * Optional live verification of SPF, DKIM and DMARC with mailauth (4.13.x: 7.x needs Node 22), off
 * by default: a forwarded report has lost its envelope, and a message months old may fail DKIM
 * because its sender rotated keys. The DNS resolver is injected, so tests answer from memory and a
 * deployment can point at its own resolver; every query is bounded by a timeout.
 */
export interface LiveAuthOptions {
  resolver: DNSResolver;
  /** Client IP and envelope sender, when known (the report mailbox knows neither: they are read from the Received chain). */
  ip?: string;
  sender?: string;
  /** Name of our receiving server, written in the results. */
  mta?: string;
  /** Whole check, all queries included (default 5 s). */
  timeoutMs?: number;
}

/**
 * A resolver over real DNS servers (e.g. ["127.0.0.1:5353"]), each query limited in time: the
 * lookalike-domain resolver, queried the way mailauth's default (`dns.resolve(name, rrtype)`) is.
 */
export function dnsResolver(servers: string[], timeoutMs = 2000): DNSResolver {
  const r = createDnsResolver({ servers, timeoutMs, tries: 1 });
  return (name, rrtype) => r.resolve(name, rrtype) as Promise<string[] | string[][]>;
}

// mailauth (and the HTTP client it brings) costs a third of a second to load: only for --live-auth.
const mailauth = lazy(() => import('mailauth'));

/** Hits from a live check, with the ids the recorded results use, so each failure counts once. */
export async function liveAuthHits(raw: Uint8Array, opts: LiveAuthOptions): Promise<Hit[]> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  let timer: NodeJS.Timeout | undefined;
  const { authenticate } = await mailauth();
  const result = await Promise.race([
    authenticate(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), {
      resolver: opts.resolver,
      ip: opts.ip,
      sender: opts.sender,
      mta: opts.mta ?? 'rempart',
      trustReceived: !opts.ip,
      disableArc: true,
      disableBimi: true,
    }),
    new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
  if (!result) return [{ id: 'auth.live_unavailable', evidence: `no answer within ${timeoutMs} ms` }];
  const hits: Hit[] = [];
  const spf = result.spf && typeof result.spf === 'object' ? result.spf.status?.result : undefined;
  if (spf === 'fail' || spf === 'softfail') hits.push({ id: 'auth.spf_fail', evidence: `vérifié en direct / checked live: spf=${spf} (${(result.spf as { domain?: string }).domain ?? ''})` });
  const dkim = result.dkim?.results ?? [];
  const failed = dkim.find((d) => d.status?.result === 'fail' || d.status?.result === 'neutral');
  if (failed && !dkim.some((d) => d.status?.result === 'pass')) hits.push({ id: 'auth.dkim_fail', evidence: `vérifié en direct / checked live: dkim=${failed.status.result} d=${failed.signingDomain ?? '?'}${failed.status.comment ? ` (${failed.status.comment})` : ''}` });
  const dmarc = result.dmarc && typeof result.dmarc === 'object' ? result.dmarc : undefined;
  if (dmarc?.status?.result === 'fail') hits.push({ id: 'auth.dmarc_fail', evidence: `vérifié en direct / checked live: dmarc=fail header.from=${dmarc.domain ?? '?'} p=${dmarc.policy ?? '?'}` });
  return hits;
}
