import { DEMO_LABEL } from '../blur/demo.ts';
import type { SecretBox } from '../core/secrets.ts';
import type { Store } from '../store/index.ts';
import { LogSensor } from './logs/sensor.ts';
import { createSensors } from './service.ts';

/** Address the demo attacker uses (documented in 2017 reporting on the campaign's phishing infrastructure). */
const DEMO_SOURCE = '185.86.148.227';

/**
 * The 2017 story, sensors side: late April, a decoy document from the demo deployment is opened from
 * the attacker's address and a decoy account is tried on the IMAP server. Idempotent.
 */
export async function sensorsDemoStep(store: Store, box: SecretBox): Promise<string> {
  const done = await store.db.selectFrom('sensor_events').select('id').where('source', '=', DEMO_SOURCE).executeTakeFirst();
  if (done) return 'capteurs : déjà en place';
  const dep = await store.db.selectFrom('blur_deployments').select('id').where('label', '=', DEMO_LABEL).executeTakeFirst();
  if (!dep) return 'capteurs : pas de déploiement de leurres de démo, rien à toucher';
  const beacon = await store.db
    .selectFrom('blur_markers')
    .innerJoin('blur_artifacts', 'blur_artifacts.id', 'blur_markers.artifact_id')
    .select(['blur_markers.value'])
    .where('blur_artifacts.deployment_id', '=', dep.id)
    .where('blur_markers.kind', '=', 'beacon')
    // documents first: an opened document is the story; a mail image otherwise
    .orderBy((eb) => eb.case().when('blur_artifacts.kind', '=', 'message').then(1).else(0).end())
    .executeTakeFirst();
  const account = await store.db.selectFrom('blur_personas').select('email').where('deployment_id', '=', dep.id).executeTakeFirst();
  const sensors = createSensors(store, box);
  let alerts = 0;
  if (beacon) {
    const r = await sensors.recorder.recordNow({ kind: 'beacon', at: new Date(Date.UTC(2017, 3, 28, 1, 14)), source: DEMO_SOURCE, userAgent: 'Microsoft Office Word 2014', token: beacon.value, headers: { 'user-agent': 'Microsoft Office Word 2014' } });
    alerts += r.alerts;
  }
  if (account) {
    const logs = new LogSensor(sensors.lookup, sensors.recorder, '/var/log/mail.log', 'dovecot');
    await logs.line(`2017-04-28T03:12:44+02:00 mx1 dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<${account.email}>, method=PLAIN, rip=${DEMO_SOURCE}, lip=10.0.0.2, TLS`, 1);
    alerts += logs.stats.alerts;
  }
  await sensors.recorder.close();
  return `capteurs : balise ouverte et compte leurre essayé depuis ${DEMO_SOURCE} (${alerts} alertes)`;
}
