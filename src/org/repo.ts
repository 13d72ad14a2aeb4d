import type { Generated, Selectable } from 'kysely';
import type { Db, Flag, IsoTime } from '../store/index.ts';

export interface OrgSettingsTable {
  key: string;
  value: string;
}
export interface OrgDomainsTable {
  domain: string;
  kind: 'protected' | 'partner' | 'brand';
  label: string | null;
  added_at: IsoTime;
  /** Other words naming the brand or the organisation, JSON text (migration 202). */
  aliases: string | null;
  /** 1 when the name is an ordinary word that needs phishing context (orange, free). */
  common_word: Generated<number>;
}
export interface OrgStaffTable {
  id: string;
  email: string;
  full_name: string;
  department: string | null;
  role: string | null;
  lang: string;
  aliases: string;
  active: Flag;
  created_at: IsoTime;
  updated_at: IsoTime;
}

declare module '../store/schema.ts' {
  interface Database {
    org_settings: OrgSettingsTable;
    org_domains: OrgDomainsTable;
    org_staff: OrgStaffTable;
  }
}

export type StaffRow = Selectable<OrgStaffTable>;
export type DomainRow = Selectable<OrgDomainsTable>;

export async function getSetting(db: Db, key: string): Promise<string | undefined> {
  const r = await db.selectFrom('org_settings').select('value').where('key', '=', key).executeTakeFirst();
  return r?.value;
}

export async function setSetting(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto('org_settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
