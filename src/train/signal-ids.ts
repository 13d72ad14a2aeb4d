/**
 * Mail-triage signal ids that exercise cues point to. They are the ids the mail capability emits
 * (`src/mail/signals/*`), kept in one list here so that a cue naming an unknown signal fails the
 * content check instead of linking to nothing.
 */
export const SIGNAL_IDS = [
  'sender.display_name_impersonation',
  'domains.lookalike',
  'links.text_href_mismatch',
  'attachments.double_extension',
  'language.urgency',
  'html.password_form',
  'auth.dmarc_fail',
] as const;

export type SignalId = (typeof SIGNAL_IDS)[number];

/** Short human names of each signal, shown next to a cue. */
export const SIGNAL_LABELS: Record<SignalId, { fr: string; en: string }> = {
  'sender.display_name_impersonation': { fr: 'Nom d’expéditeur usurpé', en: 'Impersonated sender name' },
  'domains.lookalike': { fr: 'Domaine sosie', en: 'Lookalike domain' },
  'links.text_href_mismatch': { fr: 'Lien dont le texte ment sur la destination', en: 'Link text differs from its target' },
  'attachments.double_extension': { fr: 'Pièce jointe à double extension', en: 'Attachment with a double extension' },
  'language.urgency': { fr: 'Urgence ou pression', en: 'Urgency or pressure' },
  'html.password_form': { fr: 'Formulaire de mot de passe dans le message', en: 'Password form inside the message' },
  'auth.dmarc_fail': { fr: 'Authentification DMARC en échec', en: 'DMARC authentication failed' },
};

export function isSignalId(s: string): s is SignalId {
  return (SIGNAL_IDS as readonly string[]).includes(s);
}
