import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ValidationError, isRempartError } from '../../core/errors.ts';
import { emptyOrgContext, type OrgContext } from '../../org/index.ts';
import { readMessages, triage, type RawItem } from '../../mail/index.ts';
import { orgTriageContext } from '../../mail/org-context.ts';
import { dnsResolver } from '../../mail/live-auth.ts';
import { pollReportMailbox } from '../../mail/report-mailbox.ts';
import { withContext } from '../context.ts';
import { printJsonLine, printTable, progress } from '../output.ts';

const orgFileSchema = z.object({
  name: z.string().default(''),
  protectedDomains: z.array(z.string()).default([]),
  partnerDomains: z.array(z.string()).default([]),
  brandDomains: z.array(z.string()).default([]),
  staff: z.array(z.object({ fullName: z.string(), email: z.string(), aliases: z.array(z.string()).default([]), department: z.string().nullish(), role: z.string().nullish() })).default([]),
});

async function* fromStdin(): AsyncGenerator<RawItem> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  yield { name: '-', raw: Buffer.concat(chunks) };
}

export function registerMail(program: Command): void {
  const mail = program.command('mail').description('Mail triage: explainable phishing verdicts');

  mail
    .command('poll')
    .description('One pass over the report mailbox: triage each report, alert, answer the reporter')
    .option('--imap <url>', 'imap://user:password@host:port/INBOX (default REMPART_REPORT_IMAP_URL)')
    .option('--json', 'JSON summary')
    .action((opts: { imap?: string; json?: boolean }) =>
      withContext(async ({ store, config, logger }) => {
        const url = opts.imap ?? config.reportImapUrl;
        if (!url) throw ValidationError('mail.no_report_mailbox', 'Give --imap URL or set REMPART_REPORT_IMAP_URL');
        const r = await pollReportMailbox(store, { imapUrl: url, smtp: config.smtp, logger });
        if (opts.json) printJsonLine({ processed: r.processed, drillReports: r.drillReports, errors: r.errors, verdicts: r.reports.map((x) => ({ id: x.id, verdict: x.verdict, score: x.score, from: x.from })) });
        else process.stdout.write(`${r.processed} signalements traités / reports handled (${r.drillReports} exercices / drills), ${r.errors} erreurs / errors\n`);
      }),
    );

  mail
    .command('triage <paths...>')
    .description('Judge .eml files, mbox files, Maildir or folders (recursively), or - for stdin')
    .option('--json', 'one JSON object per message per line')
    .option('--org <file>', 'organisation context as JSON (protectedDomains, staff…) instead of the database')
    .option('--lang <lang>', 'language of explanations: fr or en', 'fr')
    .option('--live-auth', 'also verify SPF, DKIM and DMARC live over DNS (off by default)')
    .option('--dns <servers>', 'DNS servers for --live-auth, comma-separated (host or host:port); default: the system\'s')
    .action(async (paths: string[], opts: { json?: boolean; org?: string; lang: string; liveAuth?: boolean; dns?: string }) => {
      let org: OrgContext | undefined;
      if (opts.org) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(readFileSync(opts.org, 'utf8'));
        } catch (e) {
          throw ValidationError('mail.bad_org_file', `${opts.org} is not valid JSON: ${(e as Error).message}`);
        }
        const r = orgFileSchema.safeParse(parsed);
        if (!r.success) throw ValidationError('mail.bad_org_file', `${opts.org}: "${r.error.issues[0].path.join('.')}" ${r.error.issues[0].message}`);
        org = { ...emptyOrgContext, ...r.data, staff: r.data.staff.map((s) => ({ ...s, aliases: s.aliases })) };
      }
      // The same context as the dashboard and the report mailbox: org directory, intel indicators.
      const ctx = await withContext(async ({ store }) => orgTriageContext(store.db, org));
      if (opts.liveAuth) ctx.liveAuth = { resolver: dnsResolver(opts.dns ? opts.dns.split(',').map((x) => x.trim()).filter(Boolean) : []) };
      const source = paths.length === 1 && paths[0] === '-' ? fromStdin() : readMessages(paths);
      const bar = progress(0, 'triage');
      const counts = { malicious: 0, suspicious: 0, clean: 0, errors: 0 };
      const rows: Array<Record<string, unknown>> = [];
      for await (const item of source) {
        bar.setTotal(counts.malicious + counts.suspicious + counts.clean + counts.errors + 1);
        bar.tick(1, item.name);
        if (!item.raw) {
          counts.errors++;
          if (opts.json) printJsonLine({ file: item.name, error: item.error });
          else rows.push({ file: item.name, verdict: 'error', score: '', why: item.error?.message ?? '' });
          continue;
        }
        try {
          const v = await triage(item.raw, ctx);
          counts[v.verdict]++;
          if (opts.json)
            printJsonLine({ file: item.name, messageId: v.messageId, verdict: v.verdict, score: v.score, signals: v.signals.map((s) => ({ id: s.id, weight: s.weight, evidence: s.evidence })), indicators: v.indicators });
          else rows.push({ file: item.name, verdict: v.verdict, score: v.score, why: v.signals.slice(0, 2).map((s) => (opts.lang === 'en' ? s.en : s.fr)).join(' / ') });
        } catch (e) {
          counts.errors++;
          const error = isRempartError(e) ? { id: e.id, message: e.message } : { id: 'mail.unparseable', message: (e as Error).message };
          if (opts.json) printJsonLine({ file: item.name, error });
          else rows.push({ file: item.name, verdict: 'error', score: '', why: error.message });
        }
      }
      bar.stop();
      if (!opts.json) {
        printTable(rows, ['file', 'verdict', 'score', 'why']);
        process.stdout.write(`\n${counts.malicious} malveillants / malicious, ${counts.suspicious} suspects / suspicious, ${counts.clean} sains / clean, ${counts.errors} illisibles / unreadable\n`);
      }
    });
}
