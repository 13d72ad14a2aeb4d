/**
 * Threat intelligence: what other capabilities may use. Mail triage, domains, sensors and watch
 * look indicators up with `loadIndicatorMatcher(db)` (or `cachedIndicatorMatcher`), raise
 * `indicatorAlert(…)` on a match, and report what they saw as ATT&CK techniques through
 * `OBSERVATION_TECHNIQUES`.
 */
import { t, type Lang } from '../core/i18n.ts';
import type { AttributionResult } from './attribution.ts';
import './messages.ts';

export { loadIndicatorMatcher, buildIndicatorMatcher, type IndicatorMatch, type IndicatorMatcher } from './indicators/matcher.ts';
export { normalizeIndicator, guessIndicatorType, INDICATOR_TYPES, type IndicatorType } from './indicators/normalize.ts';
export { upsertIndicators, listIndicators, deleteIndicator, type Indicator, type IndicatorInput } from './indicators/store.ts';
export { OBSERVATION_TECHNIQUES, techniquesForObservations, type ObservationKind } from './observations.ts';
export { importIntelFile, importIntelText, type ImportReport, type ImportOptions } from './import/index.ts';
export { loadKnowledge, type Knowledge, type Group, type Technique } from './knowledge.ts';
export { attribute, buildAttributionModel, techniqueId, type AttributionResult, type AttributionOptions } from './attribution.ts';
export { findActors, actorProfile, actorSummary, type ActorProfile } from './actors.ts';
export { currentKnowledge, cachedIndicatorMatcher } from './service.ts';
export { exportStixBundle, type Finding, type StixObject } from './export/stix.ts';
export { exportMispEvent } from './export/misp.ts';
export { buildMispFeed, gatherMispExport, type MispFeed } from './export/misp-feed.ts';
export { findingsFromAlerts } from './export/findings.ts';
export { intelCounts, intelTiles } from './tile.ts';
export { indicatorAlertFor as indicatorAlert } from './indicator-alert.ts';
export { retroMatch } from './retro-match.ts';
export { observedTechniques, indicatorHits, type ObservedTechnique, type IndicatorHits } from './sightings.ts';

/** One sentence for an incident page or an alert: the best-ranked group and how sure the model is. */
export function attributionSummary(best: AttributionResult, observed: number, lang: Lang = 'fr'): string {
  return t(lang, 'intel.attribution.summary', { name: best.name, score: Math.round(best.score * 100), count: observed });
}
export { decide, type AttributionVerdict, type InfrastructureEvidence } from './attribution.ts';
export { infrastructureEvidence, type InfrastructureLookup } from './actor-intel.ts';
