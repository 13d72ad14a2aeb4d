import { cachedIndicatorMatcher } from '../intel/service.ts';
import { loadOrgContext, type OrgContext } from '../org/index.ts';
import type { Db } from '../store/index.ts';
import { triageContext } from './context.ts';
import type { TriageContext } from './signals/types.ts';

/**
 * The one triage context of an organisation: its directory and domains (or `org` when the caller
 * supplies its own, as `mail triage --org` does) and the threat-intelligence indicators stored in
 * the database. The CLI, the API/dashboard and the report mailbox all build their context here, so
 * the same message gets the same verdict whichever way it arrives.
 */
export async function orgTriageContext(db: Db, org?: OrgContext): Promise<TriageContext> {
  const intel = await cachedIndicatorMatcher(db);
  return triageContext(org ?? (await loadOrgContext(db)), {
    domain: (d) => intel.matchDomain(d),
    url: (u) => intel.matchUrl(u),
    hash: (h) => intel.matchHash(h),
  });
}
