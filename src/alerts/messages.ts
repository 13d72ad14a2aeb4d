import { registerMessages } from '../core/i18n.ts';

registerMessages({
  fr: { 'alerts.mail.intro': 'Alerte Rempart ({severity}) émise par le module {source} :' },
  en: { 'alerts.mail.intro': 'Rempart alert ({severity}) raised by {source}:' },
});
