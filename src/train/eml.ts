import { simpleParser, type AddressObject } from '../core/mime.ts';
import { TooLargeError, ValidationError } from '../core/errors.ts';
import type { OrgExerciseInput } from './org-exercises.ts';

/** A reported message larger than this is not one to train people on. */
export const MAX_EML_BYTES = 5 * 1024 * 1024;

const addresses = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a.map((x) => x.text).join(', ') : (a?.text ?? ''));

/**
 * Reads a raw message (.eml) into the fields of an organisation exercise. Only the parts an
 * exercise shows are taken: headers, the HTML (or text) body, attachment names, and what the
 * receiving server wrote in Authentication-Results.
 */
export async function exerciseFieldsFromEml(raw: Buffer): Promise<Pick<OrgExerciseInput, 'from' | 'to' | 'subject' | 'date' | 'html' | 'attachments' | 'authResults'>> {
  if (raw.length > MAX_EML_BYTES) throw TooLargeError('train.eml_too_large', `The message is larger than ${MAX_EML_BYTES} bytes`);
  const m = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: false, maxHtmlLengthToParse: 1024 * 1024 });
  const html = (typeof m.html === 'string' && m.html) || m.textAsHtml || '';
  if (!html.trim()) throw ValidationError('train.eml_empty', 'The message has no body to show');
  const auth = m.headers.get('authentication-results');
  return {
    from: addresses(m.from).slice(0, 300) || '(sans expéditeur)',
    to: addresses(m.to).slice(0, 300) || '(sans destinataire)',
    subject: (m.subject ?? '').slice(0, 300) || '(sans objet)',
    date: (m.date ?? new Date()).toISOString(),
    html: html.slice(0, 512 * 1024),
    attachments: m.attachments.slice(0, 20).map((a) => (a.filename ?? 'sans-nom').slice(0, 200)),
    authResults: typeof auth === 'string' ? auth.replace(/\s+/g, ' ').slice(0, 300) : undefined,
  };
}
