import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { audit, cliActor } from '../../access/index.ts';
import { registryKey } from '../../blur/index.ts';
import { havePdftotext, registerGenuine, renderReport, scanLeaks } from '../../leaks/index.ts';
import { withContext } from '../context.ts';
import { printJsonLine, progress } from '../output.ts';

/** `rempart leaks scan|register`: leak forensics. */
export function registerLeaks(program: Command): void {
  const leaks = program.command('leaks').description('Analyse de fuites : leurres, authentiques, falsifications / leak forensics');
  leaks
    .command('scan')
    .description('Analyse une fuite (zip, tar, tar.gz, mbox, Maildir, .eml, dossier) / scan a dump')
    .argument('<paths...>', 'fichiers ou dossiers')
    .option('--json', 'une ligne JSON par élément / one JSON line per item')
    .option('--report <file>', 'rapport HTML autonome / self-contained HTML report')
    .action(async (paths: string[], o: { json?: boolean; report?: string }) =>
      withContext(async ({ store, box }) => {
        // `… --json | head` closes the pipe early: stop quietly instead of crashing.
        process.stdout.on('error', (e: NodeJS.ErrnoException) => {
          if (e.code === 'EPIPE') process.exit(0);
        });
        if (!havePdftotext()) process.stderr.write('pdftotext absent (apt-get install poppler-utils) : PDF convertis lus par le lecteur intégré seulement\n');
        const bar = progress(0, 'fuite');
        const { id, summary, items } = await scanLeaks(store, box, cliActor(), paths.map((p) => resolve(p)), {
          onItem: (r) => {
            bar.tick(1, r.path.slice(-40));
            if (o.json) printJsonLine({ path: r.path, verdict: r.verdict, artifact: r.artifact, persona: r.persona, mailbox: r.mailbox, planted: r.planted, markers: r.markers.map((m) => m.kind), ...(r.diff ? { diff: r.diff } : {}), ...(r.reason ? { reason: r.reason } : {}), ...(r.error ? { error: r.error } : {}) });
          },
        });
        bar.stop();
        if (o.report) writeFileSync(resolve(o.report), renderReport(items, summary, { paths }));
        const c = summary.counts;
        process.stderr.write(`Rapport ${id} : ${summary.items} éléments, ${c.decoy} leurres, ${c['tampered-decoy']} leurres modifiés, ${c.genuine} authentiques, ${c.unverified} non vérifiés, ${c.unrelated} sans rapport, ${c.error} illisibles (${(summary.bytes / 1e6 / Math.max(summary.seconds, 0.001)).toFixed(1)} Mo/s)\n`);
      }),
    );
  leaks
    .command('register')
    .description('Enregistre les empreintes des vrais documents (jamais les fichiers) / register genuine documents')
    .argument('<paths...>', 'fichiers ou dossiers')
    .action(async (paths: string[]) =>
      withContext(async ({ store, box }) => {
        const key = await registryKey(store.db, box);
        const r = await registerGenuine(store, key, paths.map((p) => resolve(p)));
        await audit(store.db, cliActor(), 'leaks.register', null, { ...r });
        process.stdout.write(`${r.files} documents enregistrés (${r.withText} avec empreinte de contenu), ${r.skipped} ignorés\n`);
      }),
    );
}
