/**
 * What Rempart observes, as ATT&CK techniques. Other capabilities name their observation kind
 * (`mail.attachment_phishing`) and intel turns a set of them into techniques for attribution.
 * Only mappings a defender would defend in a report are listed: each line is the technique ATT&CK
 * itself describes for that behaviour.
 */
export const OBSERVATION_TECHNIQUES = {
  /** Triage verdict: phishing with a malicious or lure attachment. */
  'mail.attachment_phishing': 'T1566.001',
  /** Triage verdict: phishing with a link to a malicious or credential page. */
  'mail.link_phishing': 'T1566.002',
  /** Phishing through a third-party service (social network, webmail of a partner). */
  'mail.service_phishing': 'T1566.003',
  /** Link to a credential-harvesting page: phishing for information. */
  'mail.credential_harvest_link': 'T1598.003',
  /** The sender impersonates a colleague, a partner or a service. */
  'mail.impersonation': 'T1656',
  /** The sender is a real, compromised mailbox of a partner. */
  'mail.compromised_sender': 'T1586.002',
  /** The attachment asks to enable macros or run a file. */
  'mail.malicious_file': 'T1204.002',
  /** OAuth consent phishing: the attacker asks for an application token. */
  'mail.oauth_consent': 'T1528',
  /** A lookalike of a protected domain was registered. */
  'domains.lookalike_registered': 'T1583.001',
  /** A lookalike mail account was set up (free webmail in a staff member's name). */
  'domains.email_account_created': 'T1585.002',
  /** A honey credential was used to log in. */
  'sensors.honey_credential_used': 'T1078',
  /** A decoy mailbox was accessed remotely. */
  'sensors.mailbox_accessed': 'T1114.002',
  /** Many accounts tried with few passwords. */
  'sensors.password_spray': 'T1110.003',
  /** Many passwords tried on one account. */
  'sensors.password_guessing': 'T1110.001',
  /** Login through VPN/remote access with stolen credentials. */
  'sensors.remote_service_login': 'T1133',
  /** A decoy document on a file share was read. */
  'sensors.file_share_accessed': 'T1039',
  /** Decoy documents appeared in a leak: data was taken from mail or shares and exfiltrated. */
  'leaks.documents_exfiltrated': 'T1567',
} as const;

export type ObservationKind = keyof typeof OBSERVATION_TECHNIQUES;

/** The techniques for a list of observation kinds; unknown kinds are returned apart. */
export function techniquesForObservations(kinds: string[]): { techniques: string[]; unknown: string[] } {
  const techniques = new Set<string>();
  const unknown: string[] = [];
  for (const k of kinds) {
    const t = (OBSERVATION_TECHNIQUES as Record<string, string>)[k];
    if (t) techniques.add(t);
    else unknown.push(k);
  }
  return { techniques: [...techniques], unknown };
}
