import { basename, join } from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import { z } from 'zod';
import { LANGS, type Lang } from '../core/i18n.ts';
import { CONTENT_DIR, ContentError, checkTranslations, readFrontMatterFile } from './lessons.ts';
import { SIGNAL_IDS, type SignalId } from './signal-ids.ts';
import { disarmEmailHtml, type DisarmReport } from './disarm.ts';

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,60}$/, 'lower-case letters, digits and dashes');

export const exerciseFrontMatter = z
  .object({
    id: idSchema,
    /** Exercise sets this email belongs to (a lesson names one set). */
    sets: z.array(idSchema).min(1).max(10),
    verdict: z.enum(['phish', 'legit']),
    from: z.string().min(3).max(200),
    to: z.string().min(3).max(200),
    subject: z.string().min(1).max(200),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'ISO date-time, quoted'),
    attachments: z.array(z.string().min(1).max(120)).max(10).default([]),
    /** What the receiving server wrote in Authentication-Results, shown like a mail client would. */
    authResults: z.string().max(200).optional(),
    cues: z
      .array(
        z
          .object({
            /** The mail-triage signal that catches this cue; omitted for cues only a human sees. */
            signal: z.enum(SIGNAL_IDS).optional(),
            text: z.string().min(5).max(400),
          })
          .strict(),
      )
      .min(1)
      .max(8),
    explanation: z.string().min(10).max(800),
  })
  .strict();

export type ExerciseMeta = z.infer<typeof exerciseFrontMatter>;

export interface Exercise extends ExerciseMeta {
  lang: Lang;
  /** The email's HTML as written in the file (untrusted: never sent to a browser as is). */
  rawHtml: string;
  /** The disarmed rendering (see disarm.ts). */
  safeHtml: string;
  disarm: DisarmReport;
  file: string;
}

export interface ExerciseCatalogue {
  byLang: Record<Lang, Exercise[]>;
  get(lang: Lang, id: string): Exercise | undefined;
  /** Exercises of a set, in a stable order; every exercise when the set is unknown or 'all'. */
  set(lang: Lang, setId: string): Exercise[];
  setIds: string[];
}

/** Loads the built-in "phish or not?" emails; same ids, sets, verdicts and cue signals in both languages. */
export function loadExercises(root: string = CONTENT_DIR): ExerciseCatalogue {
  const dir = join(root, 'exercises');
  const byLang = { fr: [] as Exercise[], en: [] as Exercise[] };
  const ids = { fr: new Set<string>(), en: new Set<string>() };
  for (const lang of LANGS) {
    const ldir = join(dir, lang);
    const files = existsSync(ldir) ? readdirSync(ldir).filter((n) => n.endsWith('.md')).sort().slice(0, 1000) : [];
    for (const name of files) {
      const path = join(ldir, name);
      const { data, body, file } = readFrontMatterFile(root, path, exerciseFrontMatter);
      if (basename(path, '.md') !== data.id) throw new ContentError(file, `id "${data.id}" does not match the file name`);
      const { html, report } = disarmEmailHtml(body, lang);
      ids[lang].add(data.id);
      byLang[lang].push({ ...data, lang, rawHtml: body, safeHtml: html, disarm: report, file });
    }
  }
  checkTranslations(dir, ids);
  for (const fr of byLang.fr) {
    const en = byLang.en.find((e) => e.id === fr.id);
    if (!en) continue;
    const sig = (e: Exercise) => e.cues.map((c) => c.signal ?? '-').sort().join(',');
    if (en.verdict !== fr.verdict) throw new ContentError(en.file, `verdict "${en.verdict}" differs from the French "${fr.verdict}"`);
    if ([...en.sets].sort().join() !== [...fr.sets].sort().join()) throw new ContentError(en.file, 'sets differ from the French version');
    if (sig(en) !== sig(fr)) throw new ContentError(en.file, 'cue signals differ from the French version');
  }
  const index = new Map<string, Exercise>();
  for (const lang of LANGS) for (const e of byLang[lang]) index.set(`${lang}:${e.id}`, e);
  const setIds = [...new Set(byLang.fr.flatMap((e) => e.sets))].sort();
  return {
    byLang,
    get: (lang, id) => index.get(`${lang}:${id}`),
    set: (lang, setId) => (setIds.includes(setId) ? byLang[lang].filter((e) => e.sets.includes(setId)) : byLang[lang]),
    setIds,
  };
}

/** Signals a phishing exercise teaches, for the "which signals would have caught it" panel. */
export function exerciseSignals(e: Exercise): SignalId[] {
  return [...new Set(e.cues.flatMap((c) => (c.signal ? [c.signal] : [])))];
}
