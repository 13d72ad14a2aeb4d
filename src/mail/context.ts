import { buildMatcher } from '../domains/index.ts';
import type { OrgContext } from '../org/context.ts';
import type { TriageContext } from './signals/types.ts';

/** The triage context for an organisation: its directory and one lookalike matcher built once. */
export function triageContext(org: OrgContext, indicators?: TriageContext['indicators']): TriageContext {
  return { org, matcher: buildMatcher(org.protectedDomains, { brands: org.brandDomains, brandSpecs: org.brands }), indicators };
}
