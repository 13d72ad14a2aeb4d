import { registerMessages, t, type Lang } from '../core/i18n.ts';
import type { LookalikeKind, LookalikeMatch, MatchReason } from './matcher.ts';

/**
 * A match in plain words, for the press officer as much as the analyst: what it imitates, how, and
 * why the context makes it suspect. Built from the matcher's reason codes.
 */
registerMessages({
  fr: {
    'domains.kind.homoglyph': 'caractères qui se ressemblent',
    'domains.kind.mixed-script': 'alphabets mélangés',
    'domains.kind.punycode': 'accents ou lettres étrangères (IDN)',
    'domains.kind.typo': 'faute de frappe',
    'domains.kind.affix': 'nom de la marque avec des mots ajoutés',
    'domains.kind.tld-swap': 'autre extension',
    'domains.kind.subdomain': 'marque placée dans un sous-domaine',
    'domains.kind.hosting': 'marque chez un hébergeur gratuit ou un DNS dynamique',
    'domains.kind.alias': 'autre nom de la marque',
    'domains.reason.name.main': '« {word} » est le nom de {brand}',
    'domains.reason.name.alias': '« {word} » est un autre nom de {brand}',
    'domains.reason.name.common': '« {word} » est aussi un mot courant : il ne compte qu’avec un contexte d’hameçonnage',
    'domains.reason.name.folded': 'écrit « {written} » (chiffres pour des lettres)',
    'domains.reason.name.typo': '« {label} » est à {edits} faute(s) de « {word} »',
    'domains.reason.name.homoglyph': 'caractère trompeur : {evidence}',
    'domains.reason.name.embedded': 'collé dans un mot plus long',
    'domains.reason.place.registrable': 'dans le nom de domaine lui-même ({domain})',
    'domains.reason.place.hosting': 'sur {platform}, un service où n’importe qui choisit le nom',
    'domains.reason.place.subdomain': 'dans un sous-domaine de {domain}, qui n’appartient pas à la marque',
    'domains.reason.place.brand-domain': '« {own} » placé devant {domain} pour faire croire au vrai site',
    'domains.reason.place.tld-swap': '« {label} » sous .{suffix} au lieu de .{own}',
    'domains.reason.context.lure': 'avec des mots d’hameçonnage : {words}',
    'domains.reason.context.abused-tld': 'extension .{tld}, très utilisée par l’hameçonnage',
    'domains.reason.context.random': 'avec une suite qui semble générée : « {piece} »',
    'domains.reason.context.fake-tld': 'un faux « .{tld} » dans le nom',
    'domains.reason.context.deep': '{depth} niveaux de sous-domaines',
    'domains.reason.context.added': 'avec « {words} » ajouté',
    'domains.explain': '{domain} imite {brand} ({protected}) — {kind}. {reasons}.',
  },
  en: {
    'domains.kind.homoglyph': 'lookalike characters',
    'domains.kind.mixed-script': 'mixed alphabets',
    'domains.kind.punycode': 'accents or foreign letters (IDN)',
    'domains.kind.typo': 'misspelling',
    'domains.kind.affix': 'brand name with words added',
    'domains.kind.tld-swap': 'other suffix',
    'domains.kind.subdomain': 'brand placed in a subdomain',
    'domains.kind.hosting': 'brand on free hosting or dynamic DNS',
    'domains.kind.alias': 'another name of the brand',
    'domains.reason.name.main': '"{word}" is the name of {brand}',
    'domains.reason.name.alias': '"{word}" is another name of {brand}',
    'domains.reason.name.common': '"{word}" is also an ordinary word: it only counts with phishing context',
    'domains.reason.name.folded': 'written "{written}" (digits for letters)',
    'domains.reason.name.typo': '"{label}" is {edits} edit(s) from "{word}"',
    'domains.reason.name.homoglyph': 'deceptive character: {evidence}',
    'domains.reason.name.embedded': 'glued inside a longer word',
    'domains.reason.place.registrable': 'in the domain name itself ({domain})',
    'domains.reason.place.hosting': 'on {platform}, a service where anyone picks the name',
    'domains.reason.place.subdomain': 'in a subdomain of {domain}, which is not the brand’s',
    'domains.reason.place.brand-domain': '"{own}" placed in front of {domain} to pass for the real site',
    'domains.reason.place.tld-swap': '"{label}" under .{suffix} instead of .{own}',
    'domains.reason.context.lure': 'with phishing words: {words}',
    'domains.reason.context.abused-tld': 'the .{tld} suffix, heavily used for phishing',
    'domains.reason.context.random': 'with a string that looks generated: "{piece}"',
    'domains.reason.context.fake-tld': 'a fake ".{tld}" inside the name',
    'domains.reason.context.deep': '{depth} levels of subdomains',
    'domains.reason.context.added': 'with "{words}" added',
    'domains.explain': '{domain} imitates {brand} ({protected}) — {kind}. {reasons}.',
  },
});

export function describeKind(kind: LookalikeKind, lang: Lang): string {
  return t(lang, `domains.kind.${kind}`);
}

export function describeReason(r: MatchReason, lang: Lang): string {
  return t(lang, `domains.reason.${r.id}`, r.params ?? {});
}

/** One paragraph: "x imite La Poste (laposte.fr) — autre nom de la marque. « colissimo » est…". */
export function explainMatch(m: Pick<LookalikeMatch, 'unicode' | 'brand' | 'protected' | 'kind' | 'reasons'>, lang: Lang): string {
  const reasons = m.reasons.map((r) => describeReason(r, lang));
  const text = reasons.join(' ; ').replace(/^./, (c) => c.toUpperCase());
  return t(lang, 'domains.explain', { domain: m.unicode, brand: m.brand, protected: m.protected, kind: describeKind(m.kind, lang), reasons: lang === 'en' ? text.replace(/ ; /g, '; ') : text });
}
