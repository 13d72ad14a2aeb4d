import type { SensorEvent, SensorKind } from '../../api.ts';
import type { MsgKey } from '../../i18n.ts';

/** One colour per sensor kind (never a severity colour: these say what, not how bad). */
export const KIND_COLOR: Record<SensorKind, string> = {
  beacon: '#1c3f94',
  portal: '#7a3fc0',
  log: '#0e7490',
  dns: '#8a6a3b',
};

/** What happened, in the words of the person watching: "canary document opened", "honey credential used"… */
export function eventWhat(e: Pick<SensorEvent, 'kind' | 'honey_password' | 'decoy'>): MsgKey {
  switch (e.kind) {
    case 'beacon':
      return e.decoy?.kind === 'message' ? 'sensors.what.mailOpened' : e.decoy ? 'sensors.what.docOpened' : 'sensors.what.beacon';
    case 'portal':
      return e.honey_password ? 'sensors.what.honeyUsed' : 'sensors.what.portalTried';
    case 'log':
      return 'sensors.what.mailboxLogin';
    case 'dns':
      return 'sensors.what.dns';
  }
}
