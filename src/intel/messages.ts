import { registerMessages } from '../core/i18n.ts';

registerMessages({
  fr: {
    'intel.alert.indicator_match': 'Indicateur connu : {value} ({source}) vu dans {seenIn}',
    'intel.attribution.summary': 'Attribution probable : {name} ({score} %) d’après {count} techniques observées',
  },
  en: {
    'intel.alert.indicator_match': 'Known indicator: {value} ({source}) seen in {seenIn}',
    'intel.attribution.summary': 'Likely attribution: {name} ({score}%) from {count} observed techniques',
  },
});
