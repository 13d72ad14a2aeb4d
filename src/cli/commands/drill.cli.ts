import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { cliActor } from '../../access/index.ts';
import { ValidationError } from '../../core/errors.ts';
import { campaignResults, importTemplate, launchCampaign, listTemplates, resultsCsv, sendDue, setConsent, setExemption, type LureKind, type Landing } from '../../drill/index.ts';
import { resultsPdf } from '../../drill/report-pdf.ts';
import { withContext } from '../context.ts';
import { printJsonLine, printTable, progress } from '../output.ts';

export function registerDrill(program: Command): void {
  const drill = program.command('drill').description('Phishing drills: templates, launch, status, report');
  const template = drill.command('template').description('Drill templates');

  template
    .command('list')
    .description('List templates with their NIST Phish Scale difficulty')
    .option('--json', 'one JSON line per template')
    .action((opts: { json?: boolean }) =>
      withContext(async ({ store }) => {
        const items = await listTemplates(store.db);
        if (opts.json) for (const t of items) printJsonLine({ id: t.id, lang: t.lang, kind: t.kind, difficulty: t.difficulty, name: t.name, cues: t.cues.length, premiseAlignment: t.premiseAlignment });
        else printTable(items.map((t) => ({ id: t.id, lang: t.lang, kind: t.kind, difficulty: t.difficulty, cues: t.cues.length, premise: t.premiseAlignment, name: t.name })));
      }),
    );

  template
    .command('import <file.eml>')
    .description('Turn a real e-mail into a template (links become the tracked link)')
    .requiredOption('--id <id>', 'template id (a-z, 0-9, -)')
    .requiredOption('--kind <kind>', 'credential-harvest | attachment | shared-document | security-alert | impersonation')
    .option('--lang <lang>', 'fr or en', 'fr')
    .option('--landing <landing>', 'webmail | onedrive | google | none', 'webmail')
    .option('--premise <alignment>', 'NIST premise alignment: high | medium | low', 'medium')
    .requiredOption('--cue <text...>', 'observable cues (repeat): "technical: sender outside the domain"')
    .action((file: string, o: { id: string; kind: string; lang: string; landing: string; premise: string; cue: string[] }) =>
      withContext(async ({ store }) => {
        const cues = o.cue.map((c) => {
          const m = /^(errors|technical|visual|language)\s*:\s*(.+)$/.exec(c);
          return { category: (m?.[1] ?? 'technical') as 'technical', text: m?.[2] ?? c };
        });
        const t = await importTemplate(store, cliActor(), {
          id: o.id,
          lang: o.lang === 'en' ? 'en' : 'fr',
          kind: o.kind as LureKind,
          raw: readFileSync(file, 'utf8'),
          landing: o.landing as Landing,
          premiseAlignment: o.premise as 'high',
          cues,
        });
        process.stdout.write(`${t.id} (${t.lang}) imported, difficulty ${t.difficulty}\n`);
      }),
    );

  drill
    .command('launch')
    .description('Schedule a campaign over a sending window, inside working hours')
    .requiredOption('--template <id>', 'template id')
    .option('--lang <lang>', 'template language', 'fr')
    .option('--group <department>', 'staff department (default: everyone)')
    .option('--name <name>', 'campaign name')
    .requiredOption('--window <start/end>', 'ISO start/end, e.g. 2017-04-03T07:00Z/2017-04-07T17:00Z')
    .option('--hours <HH:MM-HH:MM>', 'working hours', '09:00-18:00')
    .option('--tz <zone>', 'time zone', 'Europe/Paris')
    .option('--rate <n>', 'emails per minute', '60')
    .requiredOption('--sender-domain <domain>', 'domain the lures come from')
    .option('--impersonate <email>', 'colleague impersonated (must have consented)')
    .option('--anonymous', 'keep aggregates only')
    .option('--json', 'JSON output')
    .action((o: { template: string; lang: string; group?: string; name?: string; window: string; hours: string; tz: string; rate: string; senderDomain: string; impersonate?: string; anonymous?: boolean; json?: boolean }) =>
      withContext(async ({ store, box }) => {
        const [windowStart, windowEnd] = o.window.split('/');
        if (!windowStart || !windowEnd) throw ValidationError('drill.bad_window', '--window is START/END in ISO format');
        const r = await launchCampaign(store, box, cliActor(), {
          name: o.name ?? `${o.template} ${new Date().toISOString().slice(0, 10)}`,
          templateId: o.template,
          lang: o.lang === 'en' ? 'en' : 'fr',
          group: o.group,
          windowStart,
          windowEnd,
          hours: o.hours,
          tz: o.tz,
          ratePerMinute: Number(o.rate),
          senderDomain: o.senderDomain,
          impersonate: o.impersonate,
          anonymous: o.anonymous,
        });
        if (o.json) printJsonLine({ id: r.campaign.id, recipients: r.recipients, skipped: r.skipped });
        else {
          process.stdout.write(`Campagne ${r.campaign.id} : ${r.recipients} destinataires programmés / recipients scheduled\n`);
          for (const s of r.skipped) process.stderr.write(`  ignoré / skipped ${s.email}: ${s.reason}\n`);
        }
      }),
    );

  drill
    .command('send')
    .description('Send what is due now (the server does this continuously when SMTP is configured)')
    .option('--public-url <url>', 'base URL of the tracking endpoints (REMPART_PUBLIC_URL)')
    .action((o: { publicUrl?: string }) =>
      withContext(async ({ store, box, config }) => {
        const publicUrl = o.publicUrl ?? config.publicUrl;
        if (!config.smtp || !publicUrl) throw ValidationError('drill.no_smtp', 'Set REMPART_SMTP_URL and REMPART_PUBLIC_URL to send drills');
        const bar = progress(1, 'drill');
        let total = 0;
        for (;;) {
          const r = await sendDue(store, box, { smtpUrl: config.smtp.url, publicUrl });
          total += r.sent;
          bar.setTotal(total + r.remaining);
          bar.tick(r.sent);
          if (r.sent + r.failed === 0) break;
        }
        bar.stop();
        process.stdout.write(`${total} envoyés / sent\n`);
      }),
    );

  drill
    .command('status <id>')
    .description('Funnel of a campaign')
    .option('--json', 'JSON output')
    .action((id: string, o: { json?: boolean }) =>
      withContext(async ({ store }) => {
        const r = await campaignResults(store.db, id);
        if (o.json) printJsonLine({ id: r.campaign.id, status: r.campaign.status, ...r.funnel, timeToFirstReportSeconds: r.timeToFirstReportSeconds });
        else {
          process.stdout.write(`${r.campaign.name} (${r.campaign.status})\n`);
          printTable([r.funnel as unknown as Record<string, unknown>]);
        }
      }),
    );

  drill
    .command('report <id>')
    .description('Results per group and per person; --pdf FILE or --csv FILE to export')
    .option('--json', 'JSON output')
    .option('--pdf <file>', 'write a PDF report')
    .option('--csv <file>', 'write a CSV export')
    .action((id: string, o: { json?: boolean; pdf?: string; csv?: string }) =>
      withContext(async ({ store }) => {
        const r = await campaignResults(store.db, id);
        if (o.pdf) writeFileSync(o.pdf, await resultsPdf(r));
        if (o.csv) writeFileSync(o.csv, resultsCsv(r));
        if (o.json) printJsonLine(r);
        else if (!o.pdf && !o.csv) printTable(r.byGroup as unknown as Array<Record<string, unknown>>, ['group', 'sent', 'opened', 'clicked', 'submitted', 'reported', 'phishPronePct']);
      }),
    );

  drill
    .command('consent <email>')
    .description('Record that a colleague agrees to be impersonated in drills (--withdraw to remove)')
    .option('--withdraw', 'withdraw consent')
    .action((email: string, o: { withdraw?: boolean }) => withContext(({ store }) => setConsent(store, cliActor(), email, !o.withdraw)));

  drill
    .command('exempt <email>')
    .description('Exempt someone from drills (--lift to remove)')
    .option('--lift', 'lift the exemption')
    .option('--reason <text>', 'why')
    .action((email: string, o: { lift?: boolean; reason?: string }) => withContext(({ store }) => setExemption(store, cliActor(), email, !o.lift, o.reason)));
}
