import type { Hit, SignalFamily } from './types.ts';

/**
 * Authentication results as the receiving server recorded them (Authentication-Results,
 * Received-SPF, ARC-Authentication-Results). Only failures count: a message without these headers
 * (an old archive, a local relay) says nothing either way.
 */
export const authSignals: SignalFamily = (a) => {
  const hits: Hit[] = [];
  const h = a.msg.headers;
  // The topmost results are the ones our own receiving server wrote.
  const results = [...(h.get('authentication-results') ?? []).slice(0, 2), ...(h.get('arc-authentication-results') ?? []).slice(0, 1)].join('; ').toLowerCase();
  const spfHeader = (h.get('received-spf') ?? [])[0]?.toLowerCase() ?? '';
  if (/\bdmarc=fail\b/.test(results)) hits.push({ id: 'auth.dmarc_fail', evidence: excerpt(results, 'dmarc=') });
  if (/\bspf=(fail|softfail)\b/.test(results) || /^(fail|softfail)\b/.test(spfHeader)) hits.push({ id: 'auth.spf_fail', evidence: excerpt(results, 'spf=') || spfHeader.slice(0, 120) });
  if (/\bdkim=fail\b/.test(results)) hits.push({ id: 'auth.dkim_fail', evidence: excerpt(results, 'dkim=') });
  if (/\bcompauth=fail\b/.test(results)) hits.push({ id: 'auth.compauth_fail', evidence: excerpt(results, 'compauth=') });
  return hits;
};

function excerpt(s: string, key: string): string {
  const i = s.indexOf(key);
  return i < 0 ? '' : s.slice(i, i + 80).split(/[;\s]/)[0];
}
