import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { z } from 'zod';
import { ValidationError } from '../core/errors.ts';
import { packagePath } from '../core/paths.ts';
import { phishScale, type Difficulty } from './phish-scale.ts';

export const LURE_KINDS = ['credential-harvest', 'attachment', 'shared-document', 'security-alert', 'impersonation'] as const;
export type LureKind = (typeof LURE_KINDS)[number];
export const LANDINGS = ['webmail', 'onedrive', 'google', 'none'] as const;
export type Landing = (typeof LANDINGS)[number];

const cueSchema = z.object({ category: z.enum(['errors', 'technical', 'visual', 'language']), text: z.string().min(3).max(500) });

export const templateSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{2,60}$/),
  lang: z.enum(['fr', 'en']),
  kind: z.enum(LURE_KINDS),
  name: z.string().min(3).max(200),
  subject: z.string().min(1).max(300),
  fromName: z.string().min(1).max(200),
  fromLocal: z.string().min(1).max(100),
  /** Uses a colleague's name: that colleague must be on the consent list. */
  impersonates: z.boolean().default(false),
  landing: z.enum(LANDINGS),
  premiseAlignment: z.enum(['high', 'medium', 'low']),
  attachment: z.string().max(120).optional(),
  cues: z.array(cueSchema).min(1).max(40),
  html: z.string().min(1).max(200_000),
});
export type Template = z.infer<typeof templateSchema> & { difficulty: Difficulty; cueLevel: 'few' | 'some' | 'many'; source: 'builtin' | 'imported' };

export const TEMPLATE_DIR = packagePath('content', 'drill', 'templates');

export function withDifficulty(t: z.infer<typeof templateSchema>, source: Template['source']): Template {
  const s = phishScale(t.cues.length, t.premiseAlignment);
  return { ...t, difficulty: s.difficulty, cueLevel: s.cues, source };
}

/** Reads the built-in templates (Markdown with front matter); a broken file fails naming the file. */
export function loadBuiltinTemplates(dir = TEMPLATE_DIR): Template[] {
  const out: Template[] = [];
  for (const lang of ['fr', 'en']) {
    for (const f of readdirSync(join(dir, lang)).filter((n) => n.endsWith('.md')).sort()) {
      const file = join(dir, lang, f);
      const parsed = matter(readFileSync(file, 'utf8'));
      const r = templateSchema.safeParse({ ...parsed.data, html: parsed.content.trim() });
      if (!r.success) throw ValidationError('drill.bad_template', `${file}: ${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}`);
      if (r.data.lang !== lang) throw ValidationError('drill.bad_template', `${file}: lang ${r.data.lang} in the ${lang} folder`);
      out.push(withDifficulty(r.data, 'builtin'));
    }
  }
  return out;
}

export interface RenderVars {
  firstName: string;
  fullName: string;
  email: string;
  org: string;
  link: string;
  pixel: string;
  reportLink: string;
  impersonated?: { fullName: string; firstName: string; local: string };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function fill(text: string, vars: RenderVars, escape: boolean): string {
  return text.replace(/\{\{\s*([a-zA-Z.]+)\s*\}\}/g, (_m, path: string) => {
    const v = path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), vars);
    const s = typeof v === 'string' ? v : '';
    return escape ? escapeHtml(s) : s;
  });
}

/** Renders subject, sender and body for one recipient. Values are HTML-escaped in the body. */
export function renderTemplate(t: Template, vars: RenderVars): { subject: string; fromName: string; fromLocal: string; html: string; text: string } {
  const html = `${fill(t.html, vars, true)}\n<img src="${escapeHtml(vars.pixel)}" width="1" height="1" alt="" style="display:none">`;
  const text = fill(t.html, vars, false)
    .replace(/<a [^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/gi, '$2 ($1)')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { subject: fill(t.subject, vars, false), fromName: fill(t.fromName, vars, false), fromLocal: fill(t.fromLocal, vars, false).toLowerCase().replace(/[^a-z0-9._-]/g, '') || 'info', html, text };
}
