export { parseMessage, MAIL_LIMITS, type ParsedMessage, type ParsedAttachment } from './parse/parse.ts';
export { triage, judge, explain, RULE_FAMILIES, scoreSignals, ACTIONS, type AttachmentSummary, type Verdict, type Signal, type Indicators, type VerdictLabel } from './verdict.ts';
export { triageContext } from './context.ts';
export { readMessages, type RawItem } from './sources.ts';
export { SIGNALS, THRESHOLDS, type SignalId } from './weights.ts';
export type { TriageContext } from './signals/types.ts';
