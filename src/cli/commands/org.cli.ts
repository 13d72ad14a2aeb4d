import type { Command } from 'commander';
import { readFileSync, statSync } from 'node:fs';
import { audit, cliActor } from '../../access/index.ts';
import { ValidationError } from '../../core/errors.ts';
import { addDomain, importStaffCsv, listDomains, listStaff, MAX_STAFF_CSV_BYTES, removeDomain, setOrgName } from '../../org/index.ts';
import { withContext } from '../context.ts';
import { printJsonLine, printTable } from '../output.ts';

export function registerOrg(program: Command): void {
  const org = program.command('org').description('The organisation: name, staff directory, protected domains');

  org
    .command('name <name>')
    .description('Set the organisation’s name')
    .action((name: string) =>
      withContext(async ({ store }) => {
        await store.transaction(async (trx) => {
          await setOrgName(trx, name);
          await audit(trx, cliActor(), 'org.set_name', name);
        });
      }),
    );

  org
    .command('import <staff.csv>')
    .description('Import the staff directory (columns: nom/name, email, département/department, rôle/role, langue/lang)')
    .option('--json', 'JSON summary')
    .action((file: string, opts: { json?: boolean }) =>
      withContext(async ({ store }) => {
        if (statSync(file).size > MAX_STAFF_CSV_BYTES) throw ValidationError('org.csv_too_large', `${file} is larger than ${MAX_STAFF_CSV_BYTES} bytes`);
        const r = await importStaffCsv(store, readFileSync(file, 'utf8'));
        await audit(store.db, cliActor(), 'org.import_staff', file, { created: r.created, updated: r.updated, errors: r.errors.length });
        if (opts.json) printJsonLine(r);
        else {
          process.stdout.write(`${r.created} créés / created, ${r.updated} mis à jour / updated, ${r.errors.length} lignes rejetées / rows rejected\n`);
          for (const e of r.errors) process.stderr.write(`  ligne/line ${e.line}: ${e.message}\n`);
        }
      }),
    );

  org
    .command('staff')
    .description('List the staff directory')
    .option('--json', 'one JSON line per person')
    .action((opts: { json?: boolean }) =>
      withContext(async ({ store }) => {
        const rows = await listStaff(store.db);
        if (opts.json) rows.forEach((r) => printJsonLine({ email: r.email, fullName: r.full_name, department: r.department, role: r.role }));
        else printTable(rows.map((r) => ({ name: r.full_name, email: r.email, department: r.department ?? '', role: r.role ?? '' })));
      }),
    );

  const domains = org.command('domains').description('Protected, partner and brand domains');
  domains
    .command('add <domain...>')
    .option('--kind <kind>', 'protected, partner or brand', 'protected')
    .option('--name <name>', 'the brand or organisation as people name it ("La Poste")')
    .option('--alias <words>', 'comma-separated other names the lookalike matcher looks for (colissimo,laposte)')
    .option('--common', 'the name is an ordinary word (orange, free): count it only with phishing context')
    .description('Add domains (protected by default), with the other names of the brand')
    .action((names: string[], opts: { kind: string; name?: string; alias?: string; common?: boolean }) =>
      withContext(async ({ store }) => {
        if (!['protected', 'partner', 'brand'].includes(opts.kind)) throw ValidationError('org.bad_kind', '--kind is protected, partner or brand');
        const aliases = opts.alias?.split(',').map((a) => a.trim()).filter(Boolean);
        for (const n of names) {
          const d = await store.transaction(async (trx) => {
            const row = await addDomain(trx, n, opts.kind as 'protected', opts.name?.slice(0, 100), { aliases, common: opts.common });
            await audit(trx, cliActor(), 'org.add_domain', row.domain, { kind: row.kind });
            return row;
          });
          process.stdout.write(`${d.domain} (${d.kind})\n`);
        }
      }),
    );
  domains
    .command('list')
    .option('--json', 'one JSON line per domain')
    .action((opts: { json?: boolean }) =>
      withContext(async ({ store }) => {
        const rows = await listDomains(store.db);
        const aliasesOf = (d: (typeof rows)[number]) => (d.aliases ? (JSON.parse(d.aliases) as string[]) : []);
        if (opts.json) rows.forEach((d) => printJsonLine({ domain: d.domain, kind: d.kind, label: d.label, aliases: aliasesOf(d), common: d.common_word === 1 }));
        else printTable(rows.map((d) => ({ domain: d.domain, kind: d.kind, label: d.label ?? '', aliases: aliasesOf(d).join(','), common: d.common_word === 1 ? 'oui / yes' : '' })));
      }),
    );
  domains
    .command('remove <domain>')
    .action((name: string) =>
      withContext(async ({ store }) => {
        const ok = await store.transaction(async (trx) => {
          const removed = await removeDomain(trx, name);
          if (removed) await audit(trx, cliActor(), 'org.remove_domain', name);
          return removed;
        });
        if (!ok) throw ValidationError('org.domain_not_found', `No domain ${name}`);
      }),
    );
}
