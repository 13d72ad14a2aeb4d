import type { Command } from 'commander';

/** A group of top-level verbs, loaded only when one of its verbs runs (or for its own help). */
export interface CommandGroup {
  /** Top-level verbs the group registers, with the one-line description `rempart --help` shows. */
  verbs: Record<string, string>;
  load: () => Promise<(program: Command) => void>;
}

/**
 * Every command group. A verb imports its capability only when it runs, so `rempart --version`
 * and `rempart org staff` do not pay for the mail model, ATT&CK or the server. Adding a
 * capability's commands is a file and an entry here; its descriptions here must match its file
 * (a test checks it).
 */
export const commandGroups: CommandGroup[] = [
  { verbs: { serve: 'Start the dashboard and API (http://127.0.0.1:8080 by default)', migrate: 'Apply pending database migrations (also done automatically at start)' }, load: async () => (await import('./core.cli.ts')).registerCore },
  { verbs: { user: 'Dashboard users: add, list, disable, reset-password, token' }, load: async () => (await import('./user.cli.ts')).registerUser },
  { verbs: { alerts: 'Alerts: list, ack, channels, deliver' }, load: async () => (await import('./alerts.cli.ts')).registerAlerts },
  { verbs: { org: 'The organisation: name, staff directory, protected domains' }, load: async () => (await import('./org.cli.ts')).registerOrg },
  { verbs: { demo: 'Load the 2017 campaign scenario (staff, domains, alerts) so the dashboard comes alive' }, load: async () => (await import('./demo.cli.ts')).registerDemo },
  { verbs: { drill: 'Phishing drills: templates, launch, status, report' }, load: async () => (await import('./drill.cli.ts')).registerDrill },
  { verbs: { train: 'Formation : leçons, exercices « hameçonnage ou pas ? », affectations / Training' }, load: async () => (await import('./train.cli.ts')).registerTrain },
  { verbs: { domains: 'Lookalike domains: match a stream of new domains against protected ones' }, load: async () => (await import('./domains.cli.ts')).registerDomains },
  { verbs: { mail: 'Mail triage: explainable phishing verdicts' }, load: async () => (await import('./mail.cli.ts')).registerMail },
  { verbs: { watch: 'Influence watch: coordinated accounts, bursts, slanted sources, narratives' }, load: async () => (await import('./watch.cli.ts')).registerWatch },
  { verbs: { blur: 'Leurres : personas, boîtes, documents, identifiants piégés / decoys' }, load: async () => (await import('./blur.cli.ts')).registerBlur },
  { verbs: { intel: 'Threat intelligence: ATT&CK and MISP knowledge, indicators, attribution' }, load: async () => (await import('./intel.cli.ts')).registerIntel },
  { verbs: { sensors: 'Capteurs : balises, portail piégé, journaux, DNS / sensors' }, load: async () => (await import('./sensors.cli.ts')).registerSensors },
  { verbs: { leaks: 'Analyse de fuites : leurres, authentiques, falsifications / leak forensics' }, load: async () => (await import('./leaks.cli.ts')).registerLeaks },
];
