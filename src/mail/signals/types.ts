import type { DomainMatcher } from '../../domains/index.ts';
import type { ContentModel } from '../content-model.ts';
import type { LiveAuthOptions } from '../live-auth.ts';
import type { OrgContext } from '../../org/context.ts';
import type { ParsedMessage } from '../parse/parse.ts';
import type { SignalId } from '../weights.ts';

/** A finding before weighting: which rule fired and on what. */
export interface Hit {
  id: SignalId;
  /** The header, URL, attachment name or phrase that triggered it. */
  evidence: string;
}

export interface Link {
  href: string;
  host: string;
  /** Visible text of the link (HTML) or '' for bare URLs in text. */
  text: string;
}

/** What every signal family reads: the parsed message plus derived views computed once. */
export interface Analysis {
  msg: ParsedMessage;
  fromAddress: string;
  fromDomain: string;
  fromName: string;
  links: Link[];
  /** Visible text: the text part, or the HTML stripped of tags. Lower-cased. */
  visibleText: string;
  html: string;
}

export interface TriageContext {
  org: OrgContext;
  matcher: DomainMatcher;
  /** Optional look-up of known-bad indicators (threat intelligence). */
  indicators?: {
    domain(d: string): { source: string; value: string } | undefined;
    url?(u: string): { source: string; value: string } | undefined;
    hash?(h: string): { source: string; value: string } | undefined;
  };
  /** The content model to use: undefined for the shipped one, null for rules alone (evaluation). */
  contentModel?: ContentModel | null;
  /** Live SPF/DKIM/DMARC verification (off when absent). */
  liveAuth?: LiveAuthOptions;
}

/** A family of signals: pure, reads the analysis and the organisation, returns hits. */
export type SignalFamily = (a: Analysis, ctx: TriageContext) => Hit[];
