export { buildMatcher, damerau, AFFIX_WORDS, type DomainMatcher, type LookalikeMatch, type LookalikeKind } from './matcher.ts';
export { BUILTIN_BRANDS, BRAND_OWNED } from './brands.ts';
export { skeleton, scriptsOf } from './confusables.ts';
export { recordLookalike, listLookalikes, setTakedownNotes } from './watch.ts';
export { permute, type Permutation } from './fuzzers/index.ts';
