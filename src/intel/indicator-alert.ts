import type { AlertInput } from '../alerts/index.ts';
import { t, type Lang } from '../core/i18n.ts';
import type { IndicatorMatch } from './indicators/matcher.ts';
import './messages.ts';

/**
 * The alert a capability raises when something it saw matches an indicator: it names the
 * indicator, its source and where it was seen, so the analyst can judge the source's weight.
 */
export function indicatorAlertFor(capability: string, match: IndicatorMatch, seenIn: string, details: Record<string, unknown> = {}, lang: Lang = 'fr'): AlertInput {
  return {
    source: capability,
    severity: match.confidence >= 75 ? 'high' : 'medium',
    title: t(lang, 'intel.alert.indicator_match', { value: match.value, source: match.source, seenIn }).slice(0, 300),
    details: { indicator: match, seenIn, ...details },
    dedupKey: `intel:${capability}:${match.type}:${match.value}:${seenIn}`.slice(0, 300),
  };
}
