import { z } from 'zod';
import { ValidationError } from '../core/errors.ts';
import type { BrandSpec } from './brands.ts';

/** At most this many brands in a file; past it the file is refused (a brand list is not a feed). */
export const MAX_BRANDS = 5_000;
const word = z.string().trim().toLowerCase().min(3).max(63).regex(/^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u, 'a word of letters, digits, - or _');
const domain = z.string().trim().toLowerCase().min(3).max(253).regex(/^[^\s/@:?#]+\.[^\s/@:?#.]+$/u, 'a domain name');

const BrandLine = z
  .object({
    name: z.string().trim().min(1).max(100),
    domains: z.array(domain).min(1).max(500),
    aliases: z.array(word).max(50).optional(),
    common: z.boolean().optional(),
    commonAliases: z.array(word).max(50).optional(),
    ccTlds: z.boolean().optional(),
  })
  .strict();

/**
 * A brands file: one JSON object a line ({"name":"Exemple","domains":["exemple.fr"],"aliases":["exmpl"],"common":false}),
 * blank lines and lines starting with # ignored. Any bad line refuses the whole file with its line
 * number, so a typo never silently drops a brand.
 */
export function parseBrandsFile(text: string, source = 'brands file'): BrandSpec[] {
  const out: BrandSpec[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line || line.startsWith('#')) continue;
    let json: unknown;
    try {
      if (line.length > 64 * 1024) throw new Error('line longer than 64 KB');
      json = JSON.parse(line);
    } catch (e) {
      throw ValidationError('domains.bad_brands_file', `${source}, line ${i + 1}: not JSON (${(e as Error).message.slice(0, 100)})`);
    }
    const r = BrandLine.safeParse(json);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw ValidationError('domains.bad_brands_file', `${source}, line ${i + 1}: ${issue.path.join('.') || 'brand'}: ${issue.message}`);
    }
    if (out.length >= MAX_BRANDS) throw ValidationError('domains.too_many_brands', `${source}: more than ${MAX_BRANDS} brands`);
    out.push(r.data);
  }
  return out;
}
