import { sql, type Expression, type Selectable, type SqlBool } from 'kysely';
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
  /** JSON: name, declared type, sniffed kind, size and sha256 of each attachment. */
  attachments: string;
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

/**
 * `column` contains `word`, ignoring case (ASCII on SQLite), with LIKE wildcards in the word taken
 * literally: a search for "100%" looks for those characters. Same SQL on SQLite and PostgreSQL.
 */
export function columnContains(column: 'subject' | 'sender' | 'reporter', word: string): Expression<SqlBool> {
  const pattern = `%${word.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(coalesce(${sql.ref(column)}, '')) like ${pattern} escape '\\'`;
}
