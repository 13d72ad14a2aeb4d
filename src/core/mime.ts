import type { ParsedMail, SimpleParserOptions } from 'mailparser';
import { lazy } from './lazy.ts';

export type { AddressObject, ParsedMail } from 'mailparser';

// mailparser brings iconv tables and a MIME stack: loaded when a message is parsed, not at start.
const mailparser = lazy(() => import('mailparser'));

/** mailparser's simpleParser, loaded on first use (decoy kits, drill templates, leak scans, lessons). */
export async function simpleParser(raw: Buffer | string, opts?: SimpleParserOptions): Promise<ParsedMail> {
  return (await mailparser()).simpleParser(raw, opts);
}
