export { buildMatcher, damerau, AFFIX_WORDS, type DomainMatcher, type LookalikeMatch, type LookalikeKind } from './matcher.ts';
export { BUILTIN_BRANDS, BRAND_OWNED } from './brands.ts';
export { skeleton, scriptsOf } from './confusables.ts';
export { recordLookalike, listLookalikes, setTakedownNotes } from './watch.ts';
export { permute, type Permutation } from './fuzzers/index.ts';
export { watchLines, type Lookalike, type WatchOptions } from './watch.ts';
export { feedLines, fileLines, newFeedStats, type FeedStats, type FeedOptions } from './feed.ts';
export { createDnsResolver, resolveDomain, describeResolution, type DnsResolution, type DnsLookups } from './resolve.ts';
export { matchLine, newStats, domainsOfLine, type StreamStats } from './stream.ts';
