/**
 * Threat intelligence: what other capabilities may use. Mail triage, domains, sensors and watch
 * look indicators up with `loadIndicatorMatcher(db)` and report what they saw as ATT&CK techniques
 * through `OBSERVATION_TECHNIQUES`.
 */
import type { AlertInput } from '../alerts/index.ts';
import { t, type Lang } from '../core/i18n.ts';
import type { AttributionResult } from './attribution.ts';
import './messages.ts';
import type { IndicatorMatch } from './indicators/matcher.ts';

export { loadIndicatorMatcher, buildIndicatorMatcher, type IndicatorMatch, type IndicatorMatcher } from './indicators/matcher.ts';
export { normalizeIndicator, guessIndicatorType, INDICATOR_TYPES, type IndicatorType } from './indicators/normalize.ts';
export { upsertIndicators, listIndicators, deleteIndicator, type Indicator, type IndicatorInput } from './indicators/store.ts';
export { OBSERVATION_TECHNIQUES, techniquesForObservations, type ObservationKind } from './observations.ts';
export { importIntelFile, importIntelText, type ImportReport, type ImportOptions } from './import/index.ts';
export { loadKnowledge, type Knowledge, type Group, type Technique } from './knowledge.ts';
export { attribute, buildAttributionModel, techniqueId, type AttributionResult, type AttributionOptions } from './attribution.ts';
export { findActors, actorProfile, actorSummary, type ActorProfile } from './actors.ts';

/**
 * The alert another capability raises when something it saw matches an indicator: it names the
 * indicator, its source and where it was seen, so the analyst can judge the source's weight.
 */
export function indicatorAlert(capability: string, match: IndicatorMatch, seenIn: string, details: Record<string, unknown> = {}, lang: Lang = 'fr'): AlertInput {
  return {
    source: capability,
    severity: match.confidence >= 75 ? 'high' : 'medium',
    title: t(lang, 'intel.alert.indicator_match', { value: match.value, source: match.source, seenIn }).slice(0, 300),
    details: { indicator: match, seenIn, ...details },
    dedupKey: `intel:${capability}:${match.type}:${match.value}:${seenIn}`.slice(0, 300),
  };
}
export { currentKnowledge, cachedIndicatorMatcher } from './service.ts';
export { exportStixBundle, type Finding, type StixObject } from './export/stix.ts';
export { exportMispEvent } from './export/misp.ts';
export { findingsFromAlerts } from './export/findings.ts';
export { intelCounts, intelTiles } from './tile.ts';

/** One sentence for an incident page or an alert: the best-ranked group and how sure the model is. */
export function attributionSummary(best: AttributionResult, observed: number, lang: Lang = 'fr'): string {
  return t(lang, 'intel.attribution.summary', { name: best.name, score: Math.round(best.score * 100), count: observed });
}
