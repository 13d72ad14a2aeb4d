import type { Db } from '../store/index.ts';
import { passwordMac } from './credentials.ts';

/** The honey credential a login/password pair belongs to, if any (one HMAC and an indexed lookup). */
export async function findCredential(db: Db, key: Buffer, password: string, login?: string) {
  let q = db.selectFrom('blur_credentials').innerJoin('blur_personas', 'blur_personas.id', 'blur_credentials.persona_id').select(['blur_credentials.id', 'blur_credentials.deployment_id', 'blur_credentials.service', 'blur_credentials.login', 'blur_personas.email as mailbox', 'blur_credentials.created_at']).where('blur_credentials.password_mac', '=', passwordMac(key, password));
  if (login) q = q.where('blur_credentials.login', '=', login);
  return q.executeTakeFirst();
}
