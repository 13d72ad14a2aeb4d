import type { Command } from 'commander';
import { audit, cliActor } from '../../access/index.ts';
import { NotFoundError, ValidationError } from '../../core/errors.ts';
import {
  actorProfile,
  attribute,
  buildAttributionModel,
  decide,
  deleteIndicator,
  infrastructureEvidence,
  loadIndicatorMatcher,
  exportMispEvent,
  buildMispFeed,
  gatherMispExport,
  exportStixBundle,
  findingsFromAlerts,
  retroMatch,
  findActors,
  importIntelFile,
  listIndicators,
  loadKnowledge,
  techniqueId,
  techniquesForObservations,
  upsertIndicators,
  type ImportReport,
  type Knowledge,
} from '../../intel/index.ts';
import { loadOrgContext } from '../../org/index.ts';
import type { Db } from '../../store/index.ts';
import { withContext } from '../context.ts';
import { printJsonLine, printTable, progress } from '../output.ts';

async function knowledgeOrFail(db: Db): Promise<Knowledge> {
  const k = await loadKnowledge(db);
  if (k.groups.length === 0) throw NotFoundError('intel.no_knowledge', 'Aucun groupe connu : importez d’abord ATT&CK (rempart intel import enterprise-attack.json) / no groups known: import ATT&CK first');
  return k;
}

function summary(r: ImportReport): string {
  const ignored = Object.values(r.ignoredTypes).reduce((a, b) => a + b, 0);
  const ind = r.indicators;
  const knowledge = r.format === 'stix' || r.format === 'misp-galaxy';
  return [
    `${r.name} (${r.format}${r.specVersion ? ` ${r.specVersion}` : ''}) : ${r.read} lus / read${ignored ? `, ${ignored} de types ignorés / of ignored types` : ''}`,
    knowledge ? `${r.created} créés / created, ${r.updated} mis à jour / updated, ${r.unchanged} inchangés / unchanged, ${r.removed} retirés / removed` : '',
    knowledge ? `${r.revoked} révoqués / revoked, ${r.deprecated} obsolètes / deprecated` : '',
    ind.created + ind.updated + ind.unchanged + ind.rejected
      ? `indicateurs / indicators : ${ind.created} créés / created, ${ind.updated} mis à jour / updated, ${ind.unchanged} inchangés / unchanged, ${ind.rejected} rejetés / rejected`
      : '',
  ]
    .filter(Boolean)
    .join('\n  ');
}

export function registerIntel(program: Command): void {
  const intel = program.command('intel').description('Threat intelligence: ATT&CK and MISP knowledge, indicators, attribution');

  intel
    .command('import <path...>')
    .description('Import STIX 2.0/2.1 bundles, MISP galaxies or events, CSV indicator lists (one transaction per file)')
    .option('--format <format>', 'auto, stix, misp-galaxy, misp-event or csv', 'auto')
    .option('--source <label>', 'source label for CSV indicators without a source column')
    .option('--json', 'one JSON report per file')
    .action((paths: string[], opts: { format: string; source?: string; json?: boolean }) =>
      withContext(async ({ store }) => {
        if (!['auto', 'stix', 'misp-galaxy', 'misp-event', 'csv'].includes(opts.format)) throw ValidationError('intel.bad_format', '--format is auto, stix, misp-galaxy, misp-event or csv');
        let newIndicators = 0;
        for (const path of paths) {
          const bar = progress(1, `Import ${path.split('/').pop()}`, { delayMs: 300 });
          let last = 0;
          try {
            const r = await importIntelFile(store, path, {
              format: opts.format as 'auto',
              source: opts.source,
              onProgress: (done, total) => {
                bar.setTotal(total);
                bar.tick(done - last);
                last = done;
              },
            });
            newIndicators += r.indicators.created + r.indicators.updated;
            await audit(store.db, cliActor(), 'intel.import', path, { created: r.created, updated: r.updated, indicators: r.indicators.created });
            if (opts.json) printJsonLine(r);
            else process.stdout.write(`${summary(r)}\n`);
          } finally {
            bar.stop();
          }
        }
        const rm = newIndicators ? await retroMatch(store) : { alerts: 0 };
        if (rm.alerts && !opts.json) process.stdout.write(`${rm.alerts} alertes : des observations déjà signalées correspondent à un indicateur / alerts: earlier findings match an indicator\n`);
      }),
    );

  intel
    .command('attribute')
    .description('Rank intrusion sets for observed ATT&CK techniques, with the evidence')
    .option('--technique <id...>', 'observed technique (T1566.001); repeat or list', [])
    .option('--observation <kind...>', 'observation kinds (mail.attachment_phishing, domains.lookalike_registered, sensors.honey_credential_used…)', [])
    .option('--victim <country-or-sector>', 'victim country or sector stated by the incident')
    .option('--software <name...>', 'software seen in the incident (X-Agent, Zebrocy, S0023…)', [])
    .option('--indicator <value...>', 'domain, IP, URL or hash seen in the incident, looked up against actor-tagged indicators', [])
    .option('--election', 'the incident happened around an election')
    .option('--date <iso>', 'date of the incident')
    .option('--limit <n>', 'groups to show', '10')
    .option('--json', 'one JSON line per group, best first, then the verdict')
    .action((opts: { technique: string[]; observation: string[]; victim?: string; software: string[]; indicator: string[]; election?: boolean; date?: string; limit: string; json?: boolean }) =>
      withContext(async ({ store }) => {
        const given = opts.technique.flatMap((t) => t.split(','));
        const bad = given.filter((t) => !techniqueId(t));
        if (bad.length) throw ValidationError('intel.bad_technique', `Pas un identifiant de technique / not a technique id: ${bad.join(', ')}`);
        const fromObs = techniquesForObservations(opts.observation);
        if (fromObs.unknown.length) throw ValidationError('intel.bad_observation', `Observation inconnue / unknown observation: ${fromObs.unknown.join(', ')}`);
        const techniques = [...given, ...fromObs.techniques];
        if (!techniques.length && !opts.software.length && !opts.indicator.length) throw ValidationError('intel.no_technique', 'Donnez au moins une --technique, --observation, --software ou --indicator / give at least one');
        if (opts.date && !Number.isFinite(Date.parse(opts.date))) throw ValidationError('intel.bad_date', `--date: not a date: ${opts.date}`);
        const k = await knowledgeOrFail(store.db);
        const model = buildAttributionModel(k);
        const infra = infrastructureEvidence(k, await loadIndicatorMatcher(store.db), opts.indicator.flatMap((v) => v.split(',')).filter(Boolean));
        const all = attribute(model, techniques, { victim: opts.victim, software: opts.software, infrastructure: infra.evidence, election: opts.election, date: opts.date });
        const verdict = decide(model, all, { techniques: techniques.length, software: opts.software.length, infrastructure: infra.evidence.length });
        const results = all.slice(0, Math.max(1, Number(opts.limit) || 10));
        if (opts.json) {
          for (const r of results) printJsonLine(r);
          printJsonLine({ verdict, infrastructure: { matched: infra.evidence.length, unmatched: infra.unmatched, untagged: infra.untagged, ambiguous: infra.ambiguous, skipped: infra.skipped } });
          return;
        }
        const out = process.stdout;
        if (verdict.status === 'attributed' && verdict.best) out.write(`Attribution : ${verdict.best.id} ${verdict.best.name} (${Math.round(verdict.best.score * 100)} %)\n`);
        else {
          out.write(`Pas d’attribution fiable / no confident attribution${verdict.best ? ` — piste / lead: ${verdict.best.name} (${Math.round(verdict.best.score * 100)} %)` : ''} [${verdict.reasons.join(', ')}]\n`);
          if (verdict.settle.length) out.write(`Ce qui trancherait / what would settle it:\n${verdict.settle.map((s) => `  ${s.kind} ${s.value === s.name ? s.name : `${s.value} ${s.name}`} → ${s.group}`).join('\n')}\n`);
        }
        if (opts.indicator.length) out.write(`indicateurs / indicators: ${infra.evidence.length} liés à un acteur / actor-tagged, ${infra.untagged.length} sans acteur / untagged, ${infra.unmatched.length} inconnus / unknown${infra.ambiguous.length ? `, ${infra.ambiguous.length} ambigus / ambiguous` : ''}\n`);
        const c1 = (x: number) => (x >= 0 ? `+${x.toFixed(1)}` : x.toFixed(1));
        printTable(
            results.map((r, i) => ({
              rang: i + 1,
              id: r.id,
              groupe: r.name,
              score: r.score.toFixed(3),
              techniques: c1(r.contributions.techniques),
              logiciels: c1(r.contributions.software),
              infra: c1(r.contributions.infrastructure),
              victimes: c1(r.contributions.victimology),
              communes: [...r.shared.map((s) => (s.match === 'exact' ? s.technique : `~${s.technique}`)), ...(r.sharedSoftware ?? []).map((s) => s.name), ...(r.sharedInfrastructure ?? []).map((e) => e.indicator)].join(' '),
            })),
          );
      }),
    );

  intel
    .command('actor <name>')
    .description('Show a group found by its ATT&CK id, name or any alias (Fancy Bear, Sofacy…)')
    .option('--json', 'JSON')
    .action((name: string, opts: { json?: boolean }) =>
      withContext(async ({ store }) => {
        const k = await knowledgeOrFail(store.db);
        const found = findActors(k, name);
        if (!found.length) throw NotFoundError('intel.actor_not_found', `Aucun groupe ne s’appelle / no group is called "${name}"`);
        for (const g of found) {
          const p = actorProfile(k, g);
          if (opts.json) printJsonLine({ ...p, techniques: p.techniques.map((t) => t.id), software: p.software.map((s) => s.name), campaigns: p.campaigns.map((c) => c.name) });
          else {
            process.stdout.write(`${p.id} ${p.name}${p.country ? ` (${p.country})` : ''}\n  alias : ${p.aliases.join(', ')}\n`);
            process.stdout.write(`  ${p.techniques.length} techniques : ${p.techniques.map((t) => t.id).join(' ')}\n`);
            process.stdout.write(`  logiciels / software : ${p.software.map((s) => s.name).join(', ')}\n`);
            if (p.campaigns.length) process.stdout.write(`  campagnes / campaigns : ${p.campaigns.map((c) => c.name).join(', ')}\n`);
          }
        }
      }),
    );

  intel
    .command('export')
    .description('Export indicators and findings as a STIX 2.1 bundle or a MISP event (JSON on stdout), or a MISP feed directory (--format misp-feed --out DIR)')
    .option('--format <format>', 'stix, misp or misp-feed', 'stix')
    .option('--since <iso>', 'only findings after this date')
    .option('--out <dir>', 'directory for --format misp-feed (manifest.json, <uuid>.json, hashes.csv)')
    .action((opts: { format: string; since?: string; out?: string }) =>
      withContext(async ({ store }) => {
        if (!['stix', 'misp', 'misp-feed'].includes(opts.format)) throw ValidationError('intel.bad_format', '--format is stix, misp or misp-feed');
        if (opts.format === 'misp-feed') {
          if (!opts.out) throw ValidationError('intel.no_out', '--format misp-feed needs --out DIR');
          const { mkdirSync, writeFileSync, renameSync } = await import('node:fs');
          const { join } = await import('node:path');
          const feed = await buildMispFeed(store.db, { since: opts.since, maxIndicators: 1_000_000, maxFindings: 100_000 });
          mkdirSync(opts.out, { recursive: true });
          // Events first, the manifest last (each written whole then renamed): a MISP instance
          // reading the directory meanwhile never sees a manifest naming a missing or half file.
          const put = (name: string, text: string) => {
            writeFileSync(join(opts.out as string, `${name}.tmp`), text);
            renameSync(join(opts.out as string, `${name}.tmp`), join(opts.out as string, name));
          };
          for (const [uuid, ev] of feed.events) put(`${uuid}.json`, JSON.stringify(ev));
          put('hashes.csv', feed.hashes);
          put('manifest.json', JSON.stringify(feed.manifest, null, 2));
          await audit(store.db, cliActor(), 'intel.export', 'misp-feed', { events: feed.events.size });
          process.stdout.write(`${feed.events.size} events written to ${opts.out}\n`);
          return;
        }
        const org = await loadOrgContext(store.db);
        const out =
          opts.format === 'stix'
            ? exportStixBundle({ orgName: org.name || 'Rempart', indicators: await listIndicators(store.db, { limit: 1_000_000 }), findings: await findingsFromAlerts(store.db, { since: opts.since, limit: 100_000 }) })
            : exportMispEvent(await gatherMispExport(store.db, { since: opts.since, maxIndicators: 1_000_000, maxFindings: 100_000 }));
        await audit(store.db, cliActor(), 'intel.export', opts.format);
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      }),
    );

  const ind = intel.command('indicators').description('Indicators of compromise');
  ind
    .command('add <value...>')
    .description('Add indicators (type guessed unless --type)')
    .requiredOption('--source <label>', 'where the indicator comes from')
    .option('--type <type>', 'domain, url, ip, cidr, email, md5, sha1, sha256', 'auto')
    .option('--confidence <n>', '0–100', '70')
    .option('--expires <iso>', 'no longer match after this date')
    .action((values: string[], opts: { source: string; type: string; confidence: string; expires?: string }) =>
      withContext(async ({ store }) => {
        const c = await store.transaction(async (trx) => {
          const r = await upsertIndicators(
            trx,
            values.map((value) => ({ type: opts.type, value, source: opts.source, confidence: Number(opts.confidence), validUntil: opts.expires })),
          );
          await audit(trx, cliActor(), 'intel.indicators_add', opts.source, { ...r });
          return r;
        });
        process.stdout.write(`${c.created} créés / created, ${c.updated} mis à jour / updated, ${c.unchanged} inchangés / unchanged, ${c.rejected} rejetés / rejected\n`);
        if (c.rejected) process.exitCode = 1;
      }),
    );
  ind
    .command('list')
    .option('--type <type>')
    .option('--search <text>')
    .option('--limit <n>', 'rows', '100')
    .option('--json', 'one JSON line per indicator')
    .action((opts: { type?: string; search?: string; limit: string; json?: boolean }) =>
      withContext(async ({ store }) => {
        const rows = await listIndicators(store.db, { type: opts.type, search: opts.search, limit: Math.min(10_000, Number(opts.limit) || 100) });
        if (opts.json) rows.forEach((r) => printJsonLine(r));
        else printTable(rows.map((r) => ({ type: r.type, value: r.value, source: r.source, confidence: r.confidence, expires: r.validUntil ?? '' })));
      }),
    );
  ind
    .command('rm <id>')
    .action((id: string) =>
      withContext(async ({ store }) => {
        if (!(await deleteIndicator(store.db, id))) throw NotFoundError('intel.indicator_not_found', `No indicator ${id}`);
        await audit(store.db, cliActor(), 'intel.indicator_delete', id);
      }),
    );
}
