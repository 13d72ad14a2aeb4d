/**
 * Mail-triage signal ids that exercise cues point to. They are the ids the mail capability emits
 * (`src/mail/signals/*`), kept in one list here so that a cue naming an unknown signal fails the
 * content check instead of linking to nothing.
 */
export const SIGNAL_IDS = [
  'sender.staff_impersonation',
  'sender.lookalike_domain',
  'links.text_href_mismatch',
  'attachments.double_extension',
  'language.urgency',
  'html.password_form',
  'auth.dmarc_fail',
] as const;

export type SignalId = (typeof SIGNAL_IDS)[number];

/** Short human names of each signal, shown next to a cue. */
export const SIGNAL_LABELS: Record<SignalId, { fr: string; en: string }> = {
  'sender.staff_impersonation': { fr: 'Nom d’expéditeur usurpé', en: 'Impersonated sender name' },
  'sender.lookalike_domain': { fr: 'Domaine sosie', en: 'Lookalike domain' },
  'links.text_href_mismatch': { fr: 'Lien dont le texte ment sur la destination', en: 'Link text differs from its target' },
  'attachments.double_extension': { fr: 'Pièce jointe à double extension', en: 'Attachment with a double extension' },
  'language.urgency': { fr: 'Urgence ou pression', en: 'Urgency or pressure' },
  'html.password_form': { fr: 'Formulaire de mot de passe dans le message', en: 'Password form inside the message' },
  'auth.dmarc_fail': { fr: 'Authentification DMARC en échec', en: 'DMARC authentication failed' },
};

export function isSignalId(s: string): s is SignalId {
  return (SIGNAL_IDS as readonly string[]).includes(s);
}

/** Standard cue text for a signal, used when the organisation's own mail becomes an exercise. */
export const SIGNAL_CUES: Record<SignalId, { fr: string; en: string }> = {
  'sender.staff_impersonation': { fr: 'Le nom affiché est celui d’une personne de l’équipe, mais l’adresse ne vient pas de l’organisation.', en: 'The display name is a team member’s, but the address is not the organisation’s.' },
  'sender.lookalike_domain': { fr: 'Le domaine de l’expéditeur ou d’un lien imite un domaine connu sans l’être.', en: 'The sender’s or a link’s domain imitates a known one without being it.' },
  'links.text_href_mismatch': { fr: 'Le texte d’un lien annonce une adresse, le lien mène ailleurs.', en: 'A link’s text shows one address and leads to another.' },
  'attachments.double_extension': { fr: 'Une pièce jointe cache un programme derrière une fausse extension (.pdf.exe…).', en: 'An attachment hides a program behind a fake extension (.pdf.exe…).' },
  'language.urgency': { fr: 'Le message presse d’agir vite, avec une menace ou un délai court.', en: 'The message pushes you to act fast, with a threat or a short deadline.' },
  'html.password_form': { fr: 'Le message contient un formulaire qui demande un mot de passe.', en: 'The message contains a form asking for a password.' },
  'auth.dmarc_fail': { fr: 'Le serveur de réception signale l’échec de l’authentification DMARC.', en: 'The receiving server reports a DMARC authentication failure.' },
};
