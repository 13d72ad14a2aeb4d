import { parse } from 'csv-parse/sync';
import { ValidationError } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import { fromJson, nowIso, toJson, type Db, type Store } from '../store/index.ts';
import { normalizeDomain, type OrgContext, type StaffMember } from './context.ts';
import { getSetting, setSetting, type DomainRow, type OrgDomainsTable, type StaffRow } from './repo.ts';

export const MAX_STAFF_CSV_BYTES = 5 * 1024 * 1024;
export const MAX_STAFF_ROWS = 20_000;

export async function loadOrgContext(db: Db): Promise<OrgContext> {
  const [name, domains, staff] = await Promise.all([
    getSetting(db, 'name'),
    db.selectFrom('org_domains').selectAll().execute(),
    db.selectFrom('org_staff').selectAll().where('active', '=', 1).execute(),
  ]);
  return {
    name: name ?? '',
    protectedDomains: domains.filter((d) => d.kind === 'protected').map((d) => d.domain),
    partnerDomains: domains.filter((d) => d.kind === 'partner').map((d) => d.domain),
    brandDomains: domains.filter((d) => d.kind === 'brand').map((d) => d.domain),
    brands: domains
      .filter((d) => d.kind !== 'partner' && (d.aliases || d.common_word === 1))
      .map((d) => ({ name: d.label || d.domain, domains: [d.domain], aliases: fromJson<string[]>(d.aliases, []), common: d.common_word === 1, own: d.kind === 'protected' })),
    staff: staff.map(toStaffMember),
  };
}

export function toStaffMember(r: StaffRow): StaffMember {
  return {
    fullName: r.full_name,
    email: r.email,
    aliases: fromJson<string[]>(r.aliases, []),
    department: r.department,
    role: r.role,
    lang: r.lang === 'en' ? 'en' : 'fr',
  };
}

export async function setOrgName(db: Db, name: string): Promise<void> {
  await setSetting(db, 'name', name.trim().slice(0, 200));
}

/** Other names of a brand: words of letters, digits, - or _ (3 to 63), at most 50. */
const ALIAS = /^[\p{L}\p{N}][\p{L}\p{N}_-]{2,62}$/u;

export async function addDomain(db: Db, input: string, kind: OrgDomainsTable['kind'] = 'protected', label?: string, model: { aliases?: string[]; common?: boolean } = {}): Promise<DomainRow> {
  const domain = normalizeDomain(input);
  if (!domain) throw ValidationError('org.bad_domain', `"${input.slice(0, 100)}" is not a domain name`);
  const aliases = (model.aliases ?? []).map((a) => a.trim().toLowerCase()).filter(Boolean);
  const bad = aliases.find((a) => !ALIAS.test(a));
  if (bad !== undefined) throw ValidationError('org.bad_alias', `"${bad.slice(0, 80)}" is not a name (3 to 63 letters, digits, - or _)`);
  if (aliases.length > 50) throw ValidationError('org.too_many_aliases', 'At most 50 other names per domain');
  const row = { domain, kind, label: label ?? null, added_at: nowIso(), aliases: aliases.length ? toJson(aliases) : null, common_word: model.common ? 1 : 0 };
  await db
    .insertInto('org_domains')
    .values(row)
    .onConflict((oc) => oc.column('domain').doUpdateSet({ kind, label: row.label, aliases: row.aliases, common_word: row.common_word }))
    .execute();
  return row;
}

export async function removeDomain(db: Db, input: string): Promise<boolean> {
  const domain = normalizeDomain(input) ?? input;
  const r = await db.deleteFrom('org_domains').where('domain', '=', domain).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function listDomains(db: Db): Promise<DomainRow[]> {
  return db.selectFrom('org_domains').selectAll().orderBy('kind').orderBy('domain').execute();
}

export async function listStaff(db: Db): Promise<StaffRow[]> {
  return db.selectFrom('org_staff').selectAll().orderBy('department').orderBy('full_name').execute();
}

export interface RowError {
  line: number;
  message: string;
}
export interface StaffImportResult {
  created: number;
  updated: number;
  errors: RowError[];
}

const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]{1,253}$/;
const HEADERS: Record<string, string> = {
  nom: 'full_name', name: 'full_name', full_name: 'full_name', 'nom complet': 'full_name', fullname: 'full_name',
  email: 'email', 'e-mail': 'email', mail: 'email', courriel: 'email', adresse: 'email',
  department: 'department', departement: 'department', département: 'department', service: 'department', pôle: 'department', pole: 'department', group: 'department', groupe: 'department',
  role: 'role', rôle: 'role', fonction: 'role', title: 'role', poste: 'role',
  lang: 'lang', langue: 'lang', language: 'lang',
  aliases: 'aliases', alias: 'aliases',
};

/**
 * Imports a staff directory CSV (comma or semicolon, French or English headers). Bad rows are
 * reported with their line number and skipped; the good rows land together in one transaction.
 * An address already known updates the person instead of duplicating them.
 */
export async function importStaffCsv(store: Store, text: string): Promise<StaffImportResult> {
  if (Buffer.byteLength(text) > MAX_STAFF_CSV_BYTES) throw ValidationError('org.csv_too_large', `Staff CSV is larger than ${MAX_STAFF_CSV_BYTES} bytes`);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, max_record_size: 64 * 1024 }) as string[][];
  } catch (e) {
    throw ValidationError('org.csv_unreadable', `Staff CSV cannot be read: ${(e as Error).message}`);
  }
  if (records.length === 0) throw ValidationError('org.csv_empty', 'Staff CSV is empty');
  if (records.length - 1 > MAX_STAFF_ROWS) throw ValidationError('org.csv_too_many_rows', `Staff CSV has more than ${MAX_STAFF_ROWS} rows`);
  const header = records[0].map((h) => HEADERS[h.toLowerCase().trim()] ?? '');
  if (!header.includes('email') || !header.includes('full_name'))
    throw ValidationError('org.csv_headers', 'Staff CSV needs at least a name column (nom/name) and an email column (email/courriel)');

  const errors: RowError[] = [];
  const seen = new Set<string>();
  const rows: Array<{ email: string; full_name: string; department: string | null; role: string | null; lang: string; aliases: string[] }> = [];
  records.slice(1).forEach((rec, i) => {
    const line = i + 2;
    const get = (k: string) => {
      const idx = header.indexOf(k);
      return idx >= 0 ? (rec[idx] ?? '').trim() : '';
    };
    const email = get('email').toLowerCase();
    const fullName = get('full_name').replace(/\s+/g, ' ');
    if (!fullName) return errors.push({ line, message: 'missing name' });
    if (!EMAIL.test(email)) return errors.push({ line, message: `invalid email "${email.slice(0, 80)}"` });
    if (seen.has(email)) return errors.push({ line, message: `duplicate email ${email}` });
    seen.add(email);
    const aliases = get('aliases')
      .split(/[\s,;|]+/)
      .map((a) => a.toLowerCase())
      .filter((a) => EMAIL.test(a));
    const lang = get('lang').toLowerCase().startsWith('en') ? 'en' : 'fr';
    rows.push({ email, full_name: fullName.slice(0, 200), department: get('department') || null, role: get('role') || null, lang, aliases });
  });

  let created = 0;
  let updated = 0;
  await store.transaction(async (trx) => {
    const now = nowIso();
    for (const r of rows) {
      const existing = await trx.selectFrom('org_staff').select('id').where('email', '=', r.email).executeTakeFirst();
      if (existing) {
        await trx
          .updateTable('org_staff')
          .set({ full_name: r.full_name, department: r.department, role: r.role, lang: r.lang, aliases: toJson(r.aliases), active: 1, updated_at: now })
          .where('id', '=', existing.id)
          .execute();
        updated++;
      } else {
        await trx
          .insertInto('org_staff')
          .values({ id: newId(), ...r, aliases: toJson(r.aliases), active: 1, created_at: now, updated_at: now })
          .execute();
        created++;
      }
    }
  });
  return { created, updated, errors };
}
