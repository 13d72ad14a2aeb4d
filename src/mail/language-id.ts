/**
 * Which language a message is written in, from its most common short words: enough to know
 * whether the content model has ever seen legitimate mail in that language. 'und' when the text
 * is too short or too mixed to tell.
 */
const STOPWORDS: Record<string, string[]> = {
  en: ['the', 'and', 'you', 'your', 'to', 'of', 'is', 'for', 'this', 'with', 'that', 'are', 'have', 'from', 'will', 'our', 'be', 'on', 'it', 'we', 'in', 'if', 'at', 'as', 'by', 'an', 'or'],
  fr: ['le', 'la', 'les', 'des', 'est', 'vous', 'votre', 'pour', 'une', 'dans', 'que', 'qui', 'sur', 'pas', 'avec', 'nous', 'sont', 'par', 'du', 'et', 'au', 'aux', 'ce', 'se', 'on', 'un', 'merci', 'bonjour', 'à'],
  de: ['der', 'die', 'das', 'und', 'sie', 'ihr', 'ist', 'nicht', 'mit', 'für', 'auf', 'ein', 'eine', 'wir', 'zu', 'den', 'dem', 'von', 'ich', 'es', 'im', 'ihre', 'ihnen'],
  pt: ['os', 'da', 'do', 'das', 'dos', 'você', 'seu', 'sua', 'para', 'com', 'uma', 'não', 'que', 'em', 'por', 'mais', 'está', 'são', 'ao', 'um', 'olá', 'e', 'o', 'a'],
  es: ['el', 'los', 'las', 'del', 'usted', 'su', 'para', 'con', 'una', 'que', 'en', 'por', 'más', 'está', 'son', 'hola', 'y', 'es', 'al', 'lo', 'un'],
  it: ['il', 'gli', 'della', 'per', 'che', 'non', 'con', 'una', 'sono', 'del', 'di', 'è', 'la', 'le', 'ciao', 'questo', 'tuo'],
  nl: ['de', 'het', 'een', 'en', 'van', 'je', 'uw', 'niet', 'met', 'voor', 'op', 'zijn', 'wij', 'dat', 'ik'],
};

const INDEX = new Map<string, string[]>();
for (const [lang, words] of Object.entries(STOPWORDS)) for (const w of words) INDEX.set(w, [...(INDEX.get(w) ?? []), lang]);

export function detectLanguage(text: string): string {
  const counts = new Map<string, number>();
  let words = 0;
  const re = /\p{L}+/gu;
  const sample = (text.length > 20_000 ? text.slice(0, 20_000) : text).toLowerCase();
  let m: RegExpExecArray | null;
  while ((m = re.exec(sample)) && words < 2000) {
    words++;
    const langs = INDEX.get(m[0]);
    if (langs) for (const l of langs) counts.set(l, (counts.get(l) ?? 0) + 1 / langs.length);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0 || ranked[0][1] < 2) return 'und';
  // The winner must clearly lead: a quoted English line in a French mail does not make it English.
  if (ranked.length > 1 && ranked[1][1] > ranked[0][1] * 0.8) return 'und';
  return ranked[0][0];
}
