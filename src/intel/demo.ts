import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDataDir } from '../core/shared-data.ts';
import type { Store } from '../store/index.ts';
import { importIntelFile } from './import/index.ts';
import { upsertIndicators, type IndicatorInput } from './indicators/store.ts';
import { retroMatch } from './retro-match.ts';

// Domains publicly reported in 2017 as used against the Macron campaign; labels name the kind of
// source so the demo shows how a match cites its origin.
const DEMO_INDICATORS: IndicatorInput[] = [
  { type: 'domain', value: 'onedrive-en-marche.fr', source: 'Trend Micro — Pawn Storm (rapport avril 2017)', confidence: 80, description: 'Page de connexion piégée imitant OneDrive pour En Marche' },
  { type: 'domain', value: 'mail-en-marche.fr', source: 'Trend Micro — Pawn Storm (rapport avril 2017)', confidence: 80, description: 'Webmail piégé imitant la messagerie d’En Marche' },
  { type: 'domain', value: 'en-marche-fr.com', source: 'ANSSI / presse 2017 (scénario de démonstration)', confidence: 70, description: 'Domaine sosie utilisé pour usurper des membres de l’équipe' },
];

/**
 * The intel part of the demo: the 2017 lookalike domains as indicators and, when the shared data
 * is beside the checkout, ATT&CK Enterprise and the MISP threat-actor galaxy (a few seconds).
 * Running it twice changes nothing.
 */
export async function loadIntelDemo(store: Store, onProgress: (msg: string) => void = () => undefined): Promise<string> {
  const c = await store.transaction((trx) => upsertIndicators(trx, DEMO_INDICATORS));
  const parts = [`${c.created + c.updated + c.unchanged} indicateurs`];
  const dir = sharedDataDir();
  const attack = dir ? join(dir, 'intel/enterprise-attack.json') : undefined;
  if (attack && existsSync(attack)) {
    onProgress('import ATT&CK Enterprise…');
    const r = await importIntelFile(store, attack);
    parts.push(`ATT&CK ${r.created + r.updated + r.unchanged} objets`);
    const misp = join(dir!, 'intel/misp-threat-actor.json');
    if (existsSync(misp)) {
      const m = await importIntelFile(store, misp);
      parts.push(`MISP ${m.created + m.updated + m.unchanged} acteurs`);
    }
  } else parts.push('ATT&CK absent (../shared/data introuvable) : importez-le avec « rempart intel import »');
  const rm = await retroMatch(store);
  if (rm.matches) parts.push(`${rm.matches} observations déjà signalées correspondent à un indicateur`);
  return `intel: ${parts.join(', ')}`;
}
