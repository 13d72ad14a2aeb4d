import type { SecretBox } from '../../src/core/secrets.ts';
import { blurDemoStep } from '../../src/blur/demo.ts';
import { leaksDemoStep } from '../../src/leaks/demo.ts';
import { addDomain, importStaffCsv } from '../../src/org/index.ts';
import { createSensors } from '../../src/sensors/index.ts';
import { sensorsDemoStep } from '../../src/sensors/demo.ts';
import type { Store } from '../../src/store/index.ts';

/**
 * Decoys, sensors and leaks through the real services: the demo's decoy deployment, its two
 * touches from the attacker's address, a scanner fetching the same beacon, and the leak-day scan.
 */
export async function seedDefend(store: Store, box: SecretBox, env: { dataDir: string }): Promise<void> {
  await addDomain(store.db, 'en-marche.fr', 'protected');
  await importStaffCsv(store, 'nom;email;pôle\nMounir Mahjoubi;mounir.mahjoubi@en-marche.fr;numérique\n');
  await blurDemoStep(store, box, env);
  await sensorsDemoStep(store, box);
  const beacon = await store.db.selectFrom('sensor_events').select('token').where('kind', '=', 'beacon').executeTakeFirstOrThrow();
  const sensors = createSensors(store, box);
  await sensors.recorder.recordNow({ kind: 'beacon', at: new Date(Date.UTC(2017, 3, 27, 8, 2)), source: '66.102.8.1', userAgent: 'Mozilla/5.0 (compatible; Google-Safety)', token: beacon.token ?? undefined, scanner: true });
  await sensors.recorder.close();
  await leaksDemoStep(store, box, env);
}
