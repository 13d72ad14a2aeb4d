import type { Selectable } from 'kysely';
import type { IsoTime } from '../store/index.ts';

export interface MailReportsTable {
  id: string;
  received_at: IsoTime;
  /** upload, cli, imap, demo */
  source: string;
  reporter: string | null;
  message_id: string | null;
  sender: string;
  subject: string;
  verdict: 'malicious' | 'suspicious' | 'clean';
  score: number;
  /** JSON: the ranked signals with evidence. */
  signals: string;
  /** JSON: domains, URLs, IPs, addresses, hashes. */
  indicators: string;
  /** sha256 of the raw message; the message itself is not kept. */
  raw_sha256: string;
  alert_id: string | null;
}

declare module '../store/schema.ts' {
  interface Database {
    mail_reports: MailReportsTable;
  }
}

export type MailReportRow = Selectable<MailReportsTable>;
