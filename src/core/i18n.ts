/**
 * Server-side messages (auto-replies, alert texts, CLI output) in French first, English always.
 * Each capability registers its own catalogue; a key missing in one language is a bug caught by
 * `checkCatalogues()` in the tests.
 */
export type Lang = 'fr' | 'en';
export const LANGS: readonly Lang[] = ['fr', 'en'];

type Catalogue = Record<string, string>;
const catalogues: Record<Lang, Catalogue> = { fr: {}, en: {} };

export function registerMessages(messages: Record<Lang, Catalogue>): void {
  for (const lang of LANGS) Object.assign(catalogues[lang], messages[lang]);
}

/** Translate `key`, replacing `{name}` placeholders. Falls back to French, then to the key. */
export function t(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const template = catalogues[lang][key] ?? catalogues.fr[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Keys present in one language but not the other. */
export function checkCatalogues(): { missingFr: string[]; missingEn: string[] } {
  const fr = new Set(Object.keys(catalogues.fr));
  const en = new Set(Object.keys(catalogues.en));
  return {
    missingFr: [...en].filter((k) => !fr.has(k)),
    missingEn: [...fr].filter((k) => !en.has(k)),
  };
}

export function parseLang(value: unknown, fallback: Lang = 'fr'): Lang {
  if (typeof value !== 'string') return fallback;
  const v = value.toLowerCase().slice(0, 2);
  return v === 'en' ? 'en' : v === 'fr' ? 'fr' : fallback;
}

export function formatDate(d: Date | string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(new Date(d));
}
