import { audit, systemActor } from '../access/index.ts';
import { raiseAlert, type AlertInput } from '../alerts/index.ts';
import { addDomain, importStaffCsv, setOrgName } from '../org/index.ts';
import { loadIntelDemo } from '../intel/demo.ts';
import type { Store } from '../store/index.ts';
import { loadConfig } from '../core/config.ts';
import type { SecretBox } from '../core/secrets.ts';
import { loadDrillDemo } from '../drill/demo.ts';
import { loadMailDemo } from '../mail/demo.ts';
import { blurDemoStep } from '../blur/demo.ts';
import { sensorsDemoStep } from '../sensors/demo.ts';
import { leaksDemoStep } from '../leaks/demo.ts';
import { DEMO_DOMAIN, DEMO_ORG_NAME, demoStaffCsv } from './staff.ts';
import { demoTrainingStep } from '../train/index.ts';
import { loadWatchDemo } from '../watch/demo.ts';
import { loadDomainsDemo } from '../domains/demo.ts';

/** Where the demo writes files (decoy kits) and the address beacons point to: the running instance's, not the shell's. */
export interface DemoEnv {
  dataDir: string;
  publicUrl?: string;
}

/** A step of the demo: loads one capability's part of the 2017 story and says what it did. */
export type DemoStep = (store: Store, box: SecretBox, env: DemoEnv) => Promise<string>;

const orgStep: DemoStep = async (store) => {
  await setOrgName(store.db, DEMO_ORG_NAME);
  await addDomain(store.db, DEMO_DOMAIN, 'protected', 'domaine principal');
  await addDomain(store.db, 'emmanuel-macron.fr', 'protected', 'site du candidat');
  await addDomain(store.db, 'imprimerie-durand.fr', 'partner', 'imprimeur');
  const r = await importStaffCsv(store, demoStaffCsv());
  return `organisation ${DEMO_ORG_NAME}: ${r.created + r.updated} staff, domains ${DEMO_DOMAIN}, emmanuel-macron.fr`;
};

const demoAlerts: AlertInput[] = [
  {
    source: 'mail',
    severity: 'critical',
    title: 'Hameçonnage signalé : « Mounir Mahjoubi » depuis en-marche-fr.com demande d’ouvrir deux pièces jointes',
    details: {
      from: 'Mounir Mahjoubi <m.mahjoubi@en-marche-fr.com>',
      reportedBy: 'lea.fontaine@en-marche.fr',
      signals: ['usurpation d’un membre de l’équipe', 'domaine sosie de en-marche.fr', 'leurre « alerte de sécurité »'],
      action: 'Bloquer en-marche-fr.com, prévenir l’équipe, vérifier qui a ouvert les pièces jointes.',
    },
    dedupKey: 'demo:mail:mahjoubi',
  },
  {
    source: 'sensors',
    severity: 'critical',
    title: 'Leurre touché : document « Budget meetings avril » ouvert depuis une adresse inconnue',
    details: { decoy: 'Budget_meetings_avril_v3.docx', mailbox: 'b.henry@en-marche.fr (boîte leurre)', planted: '2017-04-12', inference: 'La boîte leurre a été consultée après le 12 avril.' },
    dedupKey: 'demo:sensor:budget',
  },
  {
    source: 'watch',
    severity: 'medium',
    title: 'Pic de diffusion : #MacronLeaks (+4 800 % en 1 h), 62 % du volume par des comptes coordonnés',
    details: { hashtag: '#MacronLeaks', ratio: 48, coordinatedShare: 0.62 },
    dedupKey: 'demo:watch:macronleaks',
  },
  {
    source: 'intel',
    severity: 'info',
    title: 'Attribution : APT28 (Fancy Bear) en tête — domaines sosies déjà attribués à Pawn Storm et logiciels X-Agent/Zebrocy ; les techniques seules ne suffisent pas (rempart intel attribute)',
    details: {
      techniques: ['T1566.001', 'T1583.001', 'T1078', 'T1114.002'],
      software: ['X-Agent', 'Zebrocy'],
      indicators: ['onedrive-en-marche.fr', 'mail-en-marche.fr'],
      victim: 'France',
      election: true,
      date: '2017-04-15',
    },
    dedupKey: 'demo:intel:apt28',
  },
];

const alertsStep: DemoStep = async (store) => {
  let n = 0;
  for (const a of demoAlerts) if ((await raiseAlert(store, { ...a, dedupWindowMs: 3650 * 86400_000 })).created) n++;
  return `${n} alerts`;
};

/** Every capability's demo step, in story order. Each later capability adds its line. */
export const demoSteps: DemoStep[] = [orgStep, loadDomainsDemo, alertsStep, loadDrillDemo, demoTrainingStep, loadMailDemo, loadWatchDemo, blurDemoStep, (store) => loadIntelDemo(store, (m) => process.stderr.write(`  … ${m}\n`)), sensorsDemoStep, leaksDemoStep];

/** Loads the demo scenario; running it twice does not duplicate anything. */
export async function loadDemo(store: Store, box: SecretBox, onStep: (msg: string) => void = () => undefined, env: DemoEnv = loadConfig(process.env)): Promise<void> {
  for (const step of demoSteps) onStep(await step(store, box, env));
  await audit(store.db, systemActor, 'demo.load', DEMO_DOMAIN);
}
