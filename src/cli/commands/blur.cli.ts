import { resolve } from 'node:path';
import type { Command } from 'commander';
import { cliActor, audit } from '../../access/index.ts';
import { ValidationError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { loadOrgContext } from '../../org/index.ts';
import { generateKit, listDeployments, registerKit, registryKey } from '../../blur/index.ts';
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
    .option('--json', 'sortie JSON')
    .action(async (o: { out: string; personas: string; months: string; seed: string; lang: string; label?: string; json?: boolean }) =>
      withContext(async ({ store, config, box }) => {
        const org = await loadOrgContext(store.db);
        if (o.lang !== 'fr' && o.lang !== 'en') throw ValidationError('blur.lang', '--lang doit être fr ou en');
        const key = await registryKey(store.db, box);
        const out = resolve(o.out);
        const bar = progress(0, 'leurres');
        const deploymentId = newId();
        const t0 = Date.now();
        const kit = await generateKit({ org, personas: Number(o.personas), months: Number(o.months), seed: o.seed, outDir: out, key, publicUrl: config.publicUrl ?? 'http://localhost:8080', lang: o.lang, deploymentId, onProgress: (d, total, item) => { bar.setTotal(total); bar.tick(1, item); } });
        bar.stop();
        await registerKit(store, kit, { label: o.label ?? `kit ${o.seed}`, months: Number(o.months), lang: o.lang, kitDir: out });
        await audit(store.db, cliActor(), 'blur.generate', deploymentId, { out, ...kit.manifest.counts });
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
}
