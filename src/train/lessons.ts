import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import matter from 'gray-matter';
import { z } from 'zod';
import { RempartError } from '../core/errors.ts';
import { packagePath } from '../core/paths.ts';
import { LANGS, type Lang } from '../core/i18n.ts';
import { renderMarkdown } from './markdown.ts';

/** Root of the training content shipped with the package. */
export const CONTENT_DIR = packagePath('content', 'train');

/** A lesson or exercise file larger than this is a mistake (or an attack on the build). */
const MAX_FILE_BYTES = 256 * 1024;
const MAX_FILES = 500;

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,60}$/, 'lower-case letters, digits and dashes');

export const lessonFrontMatter = z
  .object({
    id: idSchema,
    title: z.string().min(3).max(140),
    summary: z.string().min(10).max(400),
    minutes: z.number().int().min(1).max(60),
    /** Position in the index (lower first). */
    order: z.number().int().min(0).max(1000),
    topics: z.array(z.string().min(2).max(40)).min(1).max(10),
    /** Exercise set practised after the lesson. */
    exercises: idSchema,
    sources: z.array(z.object({ title: z.string().min(3).max(200), url: z.string().url().regex(/^https:\/\//, 'https only') }).strict()).min(1).max(12),
  })
  .strict();

export type LessonMeta = z.infer<typeof lessonFrontMatter>;

export interface Lesson extends LessonMeta {
  lang: Lang;
  /** Markdown body. */
  body: string;
  /** Body rendered to HTML, raw HTML escaped. */
  html: string;
  /** Path relative to the content root, for messages. */
  file: string;
}

/** Thrown when content is broken; the message names the file and the field. */
export class ContentError extends RempartError {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super('train.content_invalid', `${file}: ${message}`, 500, { file });
  }
}

/** Reads a Markdown file with front matter, bounded, naming the file in every error. */
export function readFrontMatterFile<T extends z.ZodType>(root: string, path: string, schema: T): { data: z.infer<T>; body: string; file: string } {
  const file = relative(resolve(root, '..', '..'), path) || path;
  if (statSync(path).size > MAX_FILE_BYTES) throw new ContentError(file, `larger than ${MAX_FILE_BYTES} bytes`);
  let parsed: matter.GrayMatterFile<string>;
  try {
    // YAML only: gray-matter would otherwise evaluate a `---js` front matter as code.
    const refuse = () => {
      throw new Error('only YAML front matter is accepted');
    };
    parsed = matter(readFileSync(path, 'utf8'), { language: 'yaml', engines: { js: refuse, javascript: refuse, coffee: refuse, json: refuse } });
  } catch (e) {
    throw new ContentError(file, `unreadable front matter: ${(e as Error).message.split('\n')[0]}`);
  }
  if (Object.keys(parsed.data).length === 0) throw new ContentError(file, 'no front matter (a --- block at the top)');
  const r = schema.safeParse(parsed.data);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new ContentError(file, `front matter field "${i.path.join('.') || '(root)'}": ${i.message}`);
  }
  if (!parsed.content.trim()) throw new ContentError(file, 'empty body');
  return { data: r.data, body: parsed.content, file };
}

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir).filter((n) => n.endsWith('.md')).sort();
  if (names.length > MAX_FILES) throw new ContentError(dir, `more than ${MAX_FILES} files`);
  return names.map((n) => join(dir, n));
}

/**
 * Checks that each id exists in every language: a file present in one language folder only
 * is named in the error, so the build says which translation is missing.
 */
export function checkTranslations(root: string, idsByLang: Record<Lang, Set<string>>): void {
  const shown = relative(resolve(root, '..', '..'), root) || root;
  for (const lang of LANGS) {
    for (const other of LANGS) {
      if (other === lang) continue;
      for (const id of idsByLang[lang]) {
        if (!idsByLang[other].has(id))
          throw new ContentError(join(shown, lang, `${id}.md`), `no ${other} translation (expected ${join(shown, other, `${id}.md`)})`);
      }
    }
  }
}

export interface LessonCatalogue {
  byLang: Record<Lang, Lesson[]>;
  get(lang: Lang, id: string): Lesson | undefined;
  ids: string[];
}

/**
 * Loads and validates every lesson under `root/fr` and `root/en`. Fails on the first broken file
 * with a ContentError naming it: bad front matter, id not matching the file name, duplicate, or a
 * lesson missing in one language.
 */
export function loadLessons(root: string = CONTENT_DIR): LessonCatalogue {
  const byLang = { fr: [] as Lesson[], en: [] as Lesson[] };
  const ids = { fr: new Set<string>(), en: new Set<string>() };
  for (const lang of LANGS) {
    for (const path of markdownFiles(join(root, lang))) {
      const { data, body, file } = readFrontMatterFile(root, path, lessonFrontMatter);
      if (basename(path, '.md') !== data.id) throw new ContentError(file, `id "${data.id}" does not match the file name`);
      ids[lang].add(data.id);
      byLang[lang].push({ ...data, lang, body, html: renderMarkdown(body, lang), file });
    }
    byLang[lang].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  }
  checkTranslations(root, ids);
  for (const l of byLang.fr) {
    const en = byLang.en.find((e) => e.id === l.id);
    if (en && en.exercises !== l.exercises) throw new ContentError(en.file, `exercise set "${en.exercises}" differs from the French "${l.exercises}"`);
  }
  const index = new Map<string, Lesson>();
  for (const lang of LANGS) for (const l of byLang[lang]) index.set(`${lang}:${l.id}`, l);
  return { byLang, get: (lang, id) => index.get(`${lang}:${id}`), ids: byLang.fr.map((l) => l.id) };
}
