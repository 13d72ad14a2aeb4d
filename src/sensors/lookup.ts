import { findCredential, getDeployment, registryKey, resolveObservations } from '../blur/index.ts';
import type { SecretBox } from '../core/secrets.ts';
import type { Store } from '../store/index.ts';
import type { DecoyInfo, DecoyLookup } from './decoys.ts';

async function personaName(store: Store, mailbox: string): Promise<string> {
  const p = await store.db.selectFrom('blur_personas').select(['full_name', 'email']).where('email', '=', mailbox).executeTakeFirst();
  return p ? `${p.full_name} <${p.email}>` : mailbox;
}

/** A decoy account: a persona's mailbox or a honey credential's login, with where it was planted. */
async function accountInfo(store: Store, row: { id: string; deployment_id: string; login: string; service: string; mailbox: string; full_name: string }): Promise<DecoyInfo> {
  const dep = await getDeployment(store.db, row.deployment_id);
  return {
    artifactId: `credential:${row.id}`,
    artifactLabel: `${row.login} (${row.service})`,
    persona: `${row.full_name} <${row.mailbox}>`,
    mailbox: row.mailbox,
    deploymentId: row.deployment_id,
    deploymentLabel: dep?.label ?? null,
    plantedAt: dep?.deployed_at ?? dep?.created_at ?? null,
  };
}

/** The decoys registry (src/blur) seen through the sensors' interface. */
export function registryLookup(store: Store, box: SecretBox): DecoyLookup {
  let key: Buffer | undefined;
  const getKey = async () => (key ??= await registryKey(store.db, box));
  const credentials = () =>
    store.db
      .selectFrom('blur_credentials')
      .innerJoin('blur_personas', 'blur_personas.id', 'blur_credentials.persona_id')
      .select(['blur_credentials.id', 'blur_credentials.deployment_id', 'blur_credentials.login', 'blur_credentials.service', 'blur_personas.email as mailbox', 'blur_personas.full_name']);
  return {
    async byBeaconToken(token) {
      const [c] = await resolveObservations(store.db, [{ kind: 'beacon', value: token, detail: '' }]);
      if (!c) return undefined;
      const dep = await getDeployment(store.db, c.deploymentId);
      return {
        artifactId: c.artifactId,
        artifactLabel: c.title || c.path,
        persona: await personaName(store, c.mailbox),
        mailbox: c.mailbox,
        deploymentId: c.deploymentId,
        deploymentLabel: dep?.label ?? null,
        plantedAt: c.planted,
      };
    },
    async byAccount(username) {
      const u = username.trim().toLowerCase().slice(0, 200);
      if (!u) return undefined;
      const cred = await credentials().where('blur_credentials.login', '=', u).orderBy('blur_credentials.service').executeTakeFirst();
      if (cred) return accountInfo(store, cred);
      const byMail = await credentials().where('blur_personas.email', '=', u).orderBy('blur_credentials.service').executeTakeFirst();
      return byMail ? accountInfo(store, byMail) : undefined;
    },
    async checkHoneyPassword(_username, password) {
      if (!password || password.length > 200) return undefined;
      const c = await findCredential(store.db, await getKey(), password);
      if (!c) return undefined;
      const row = await credentials().where('blur_credentials.id', '=', c.id).executeTakeFirst();
      return row ? accountInfo(store, row) : undefined;
    },
  };
}
