import { resolve } from 'node:path';
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliActor, audit } from '../../access/index.ts';
import { ValidationError } from '../../core/errors.ts';
import { createDeployment, deployMailboxImap, listDeployments, parseImapUrl, type KitManifest } from '../../blur/index.ts';
import { withContext } from '../context.ts';
import { printJsonLine, printTable, progress } from '../output.ts';

/** `rempart blur generate|list`: decoy kits. */
export function registerBlur(program: Command): void {
  const blur = program.command('blur').description('Leurres : personas, boîtes, documents, identifiants piégés / decoys');
  blur
    .command('generate')
    .description('Génère un kit de leurres dans DIR et l’enregistre / generate and register a decoy kit')
    .requiredOption('--out <dir>', 'dossier du kit / kit folder')
    .option('--personas <n>', 'nombre de personas', '5')
    .option('--months <m>', 'mois de courrier', '3')
    .option('--seed <s>', 'graine (reproductible)', 'rempart')
    .option('--lang <fr|en>', 'langue', 'fr')
    .option('--label <text>', 'libellé du déploiement')
    .option('--maildir', 'écrire aussi chaque boîte au format Maildir / also write Maildir')
    .option('--json', 'sortie JSON')
    .action(async (o: { out: string; personas: string; months: string; seed: string; lang: string; label?: string; maildir?: boolean; json?: boolean }) =>
      withContext(async ({ store, config, box }) => {
        if (o.lang !== 'fr' && o.lang !== 'en') throw ValidationError('blur.lang', '--lang doit être fr ou en');
        const bar = progress(0, 'leurres');
        const t0 = Date.now();
        const r = await createDeployment(store, box, config, cliActor(), { personas: Number(o.personas), months: Number(o.months), seed: o.seed, lang: o.lang, label: o.label, maildir: o.maildir, outDir: resolve(o.out), onProgress: (_d, total, item) => { bar.setTotal(total); bar.tick(1, item); } });
        bar.stop();
        const deploymentId = r.id;
        const out = r.out;
        const kit = { manifest: { counts: r.counts } };
        const summary = { deployment: deploymentId, out, ...kit.manifest.counts, seconds: (Date.now() - t0) / 1000 };
        if (o.json) printJsonLine(summary);
        else process.stdout.write(`Kit ${deploymentId} : ${summary.messages} messages, ${summary.documents} documents, ${summary.credentials} identifiants piégés → ${out}\n`);
      }),
    );
  blur
    .command('list')
    .description('Liste les déploiements de leurres / list decoy deployments')
    .option('--json', 'sortie JSON')
    .action(async (o: { json?: boolean }) =>
      withContext(async ({ store }) => {
        const rows = await listDeployments(store.db);
        if (o.json) for (const r of rows) printJsonLine(r);
        else printTable(rows.map((r) => ({ id: r.id, label: r.label, status: r.status, personas: r.personas, messages: r.messages, documents: r.documents, created: r.created_at, kit: r.kit_dir })));
      }),
    );
  blur
    .command('deploy')
    .description('Dépose une boîte leurre du kit sur un compte IMAP (reprend sans doublon) / upload a decoy mailbox over IMAP')
    .requiredOption('--imap <url>', 'imap://utilisateur:motdepasse@hôte:port (ou imaps://)')
    .option('--mailbox <email>', 'boîte du kit à déposer (défaut : la première)')
    .argument('<kit>', 'dossier du kit')
    .action(async (kitDir: string, o: { imap: string; mailbox?: string }) =>
      withContext(async ({ store }) => {
        const manifest = JSON.parse(readFileSync(join(resolve(kitDir), 'manifest.json'), 'utf8')) as KitManifest;
        const mailbox = o.mailbox ?? manifest.personas[0]?.email;
        if (!mailbox) throw ValidationError('blur.no_mailbox', 'Kit sans boîte / empty kit');
        const target = parseImapUrl(o.imap);
        const bar = progress(0, 'IMAP');
        const r = await deployMailboxImap(resolve(kitDir), manifest, mailbox, target, (_d, total) => { bar.setTotal(total); bar.tick(); });
        bar.stop();
        const redacted = `${target.secure ? 'imaps' : 'imap'}://${target.user}@${target.host}:${target.port}`;
        await store.db.updateTable('blur_deployments').set({ status: 'deployed', target: redacted, deployed_at: new Date().toISOString() }).where('id', '=', manifest.deploymentId).execute();
        await audit(store.db, cliActor(), 'blur.deploy', manifest.deploymentId, { target: redacted, ...r });
        process.stdout.write(`${mailbox} → ${redacted} : ${r.uploaded} envoyés, ${r.skipped} déjà présents / uploaded, already present\n`);
      }),
    );
}
