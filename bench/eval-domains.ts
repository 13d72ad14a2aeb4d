/**
 * Lookalike quality on real data (built by `npx tsx bench/domains-data.ts`, see bench/data/README.md):
 * - recall on real phishing hostnames that imitate one of the protected brands, per brand and per
 *   miss kind (where the attacker put the brand: the name itself, with words around it, on shared
 *   hosting, in a subdomain, under another of its names, misspelt);
 * - false matches per 100,000 popular domains (Tranco top 100k) and per 100,000 ordinary domains
 *   (UT1's everyday categories). Targets: recall ≥ 95 %, ≤ 50 and ≤ 10 per 100,000.
 * phishing_catcher's scoring runs on the same names when its snapshot is at $PHISHING_CATCHER_DIR
 * (default /work/peers/phishing_catcher), as the floor to beat.
 *
 * Labels: a phishing hostname imitates a brand when it carries one of the words a person reads as
 * that brand (LABEL_WORDS below, written from the brands' public names, not from the matcher's
 * tables), with digits read as letters, or a misspelling of a long one (one edit). Short or
 * ordinary words count only as a whole word (between separators, digits or label ends).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'tldts';
import { buildMatcher as currentMatcher, damerau, type DomainMatcher } from '../src/domains/matcher.ts';
import { BRAND_OWNED } from '../src/domains/brands.ts';
import { HOSTING_PLATFORMS } from '../src/domains/words.ts';
import { CACHE } from './domains-data.ts';

/** The brands protected, as the lead's held-out run protects them. */
const PROTECT = ['paypal.com', 'microsoft.com', 'apple.com', 'amazon.com', 'ameli.fr', 'impots.gouv.fr', 'laposte.fr', 'labanquepostale.fr', 'credit-agricole.fr', 'orange.fr', 'societegenerale.fr', 'dhl.com', 'usps.com', 'chase.com', 'rbcroyalbank.com', 'netflix.com', 'facebook.com', 'instagram.com', 'google.com', 'docusign.com', 'wetransfer.com'];

/** What a person reads as each brand in a hostname. Long distinctive words: anywhere; others: as a whole word. */
const LABEL_WORDS: Record<string, { anywhere: string[]; whole?: string[] }> = {
  'paypal.com': { anywhere: ['paypal'] },
  'microsoft.com': { anywhere: ['microsoft', 'office365', 'sharepoint', 'onedrive', 'hotmail'], whole: ['o365', 'msoffice', 'owa', 'outlook'] },
  'apple.com': { anywhere: ['icloud', 'appleid', 'itunes', 'iforgot'], whole: ['apple'] },
  'amazon.com': { anywhere: ['amazon'], whole: ['amzn'] },
  'ameli.fr': { anywhere: ['cartevitale', 'assurancemaladie', 'assurance-maladie', 'carte-vitale'], whole: ['ameli'] },
  'impots.gouv.fr': { anywhere: ['impots', 'dgfip'], whole: ['impot'] },
  'laposte.fr': { anywhere: ['laposte', 'colissimo'] },
  'labanquepostale.fr': { anywhere: ['labanquepostale', 'banquepostale'] },
  'credit-agricole.fr': { anywhere: ['creditagricole', 'credit-agricole'] },
  'orange.fr': { anywhere: [], whole: ['orange', 'wanadoo'] },
  'societegenerale.fr': { anywhere: ['societegenerale', 'societe-generale'] },
  'dhl.com': { anywhere: [], whole: ['dhl'] },
  'usps.com': { anywhere: [], whole: ['usps'] },
  'chase.com': { anywhere: [], whole: ['chase'] },
  'rbcroyalbank.com': { anywhere: ['royalbank', 'rbcroyal'], whole: ['rbc'] },
  'netflix.com': { anywhere: ['netflix'] },
  'facebook.com': { anywhere: ['facebook'] },
  'instagram.com': { anywhere: ['instagram'] },
  'google.com': { anywhere: ['google', 'gmail'] },
  'docusign.com': { anywhere: ['docusign'] },
  'wetransfer.com': { anywhere: ['wetransfer'] },
};

type MissKind = 'name under another suffix' | 'name with words or digits' | 'shared hosting' | 'subdomain' | 'other name' | 'misspelt';

/**
 * Marketplaces and carriers whose scams name the goods' brand (pl-oferty-polecane-apple): with one
 * of these in the name, an ordinary-word brand is the goods, not the target, and the name is left out.
 */
const OTHER_TARGETS = ['allegro', 'olx', 'inpost', 'vinted', 'leboncoin', 'ebay', 'mercadolibre', 'oferta', 'oferty', 'ogloszenia'];
/** Long words whose one-edit misspellings are read as the brand (icloud is not: cloud is a word). */
const TYPO_WORDS = new Set(['paypal', 'microsoft', 'netflix', 'amazon', 'laposte', 'colissimo', 'facebook', 'instagram', 'google', 'docusign', 'wetransfer', 'societegenerale', 'creditagricole', 'labanquepostale', 'cartevitale', 'sharepoint', 'onedrive', 'office365', 'royalbank']);
const fold = (s: string) => s.replace(/0/g, 'o').replace(/1/g, 'l').replace(/3/g, 'e').replace(/4/g, 'a').replace(/5/g, 's');
const hosting = new Set(HOSTING_PLATFORMS);
const owned = new Set(BRAND_OWNED);

interface Positive {
  host: string;
  brand: string;
  kind: MissKind;
  source: string;
}

/** The brand a phishing hostname imitates by the labelling rule, and where it put it; undefined when none. */
function label(host: string): { brand: string; kind: MissKind } | undefined {
  const p = parse(host, { allowPrivateDomains: true });
  if (!p.domain || !p.publicSuffix || p.isIp) return undefined;
  if (owned.has(p.domain) || owned.has(parse(host).domain ?? '')) return undefined;
  let sub = p.subdomain ?? '';
  let reg = p.domainWithoutSuffix ?? '';
  let hosted = p.isPrivate === true;
  if (!hosted && sub && hosting.has(p.domain)) {
    hosted = true;
    reg = sub.split('.').pop()!;
    sub = sub.split('.').slice(0, -1).join('.');
  }
  const labels = [...(sub ? sub.split('.') : []), reg];
  for (const [brand, words] of Object.entries(LABEL_WORDS)) {
    const mainLabel = brand.split('.')[0].replace(/-/g, '');
    for (let i = 0; i < labels.length; i++) {
      const l = fold(labels[i]);
      const compact = l.replace(/-/g, '');
      const isReg = i === labels.length - 1;
      const where = (w: string): MissKind => {
        if (hosted && isReg) return 'shared hosting';
        if (!isReg) return 'subdomain';
        if (w.replace(/-/g, '') !== mainLabel && !mainLabel.includes(w.replace(/-/g, ''))) return 'other name';
        return compact === mainLabel ? 'name under another suffix' : 'name with words or digits';
      };
      for (const w of words.anywhere) if (l.includes(w) || compact.includes(w.replace(/-/g, ''))) return { brand, kind: where(w) };
      for (const w of words.whole ?? []) if (new RegExp(`(^|[-_0-9])${w}($|[-_0-9])`).test(l) && !OTHER_TARGETS.some((o) => host.includes(o))) return { brand, kind: where(w) };
      // One edit from a long word, as a whole part of the label: paypai-login, micosoft.
      if (isReg || !hosted)
        for (const part of l.split(/[-_0-9]+/))
          for (const w of words.anywhere) if (TYPO_WORDS.has(w) && part.length >= 5 && part !== w && damerau(part, w.replace(/-/g, ''), 1) === 1) return { brand, kind: 'misspelt' };
    }
  }
  return undefined;
}

function readLines(name: string): string[] {
  return readFileSync(join(CACHE, name), 'utf8').split('\n').filter(Boolean);
}

const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)} %`);
const per100k = (a: number, b: number) => ((a * 100_000) / b).toFixed(1);

async function main(): Promise<void> {
  if (!existsSync(join(CACHE, 'phishing.tsv'))) {
    console.log(`eval:domains skipped: no development sets in ${CACHE} (run npx tsx bench/domains-data.ts after fetching the sources named in bench/data/README.md)`);
    return;
  }
  const positives: Positive[] = [];
  for (const line of readLines('phishing.tsv')) {
    const [host, source] = line.split('\t');
    const l = label(host);
    if (l) positives.push({ host, ...l, source });
  }
  const popular = readLines('popular.txt');
  const ordinary = readLines('ordinary.txt');
  // EVAL_MATCHER=path/to/matcher.ts measures another version of the matcher (a checkout's older one) on the same sets.
  const buildMatcher = process.env.EVAL_MATCHER ? ((await import(process.env.EVAL_MATCHER)) as { buildMatcher: (p: string[]) => DomainMatcher }).buildMatcher : currentMatcher;
  const matcher = buildMatcher(PROTECT);

  const byBrand = new Map<string, { n: number; caught: number; right: number }>();
  const byKind = new Map<MissKind, { n: number; caught: number }>();
  const missed: Positive[] = [];
  for (const p of positives) {
    const m = matcher.match(p.host);
    const b = byBrand.get(p.brand) ?? { n: 0, caught: 0, right: 0 };
    const k = byKind.get(p.kind) ?? { n: 0, caught: 0 };
    b.n++;
    k.n++;
    if (m) {
      b.caught++;
      k.caught++;
      if (m.protected === p.brand || parse(m.protected).domainWithoutSuffix === parse(p.brand).domainWithoutSuffix) b.right++;
    } else missed.push(p);
    byBrand.set(p.brand, b);
    byKind.set(p.kind, k);
  }
  const caught = positives.length - missed.length;
  const right = [...byBrand.values()].reduce((s, b) => s + b.right, 0);
  console.log(`eval:domains — ${positives.length} real phishing hostnames imitating ${byBrand.size} protected brands (${PROTECT.length} protected with the built-in brands on)`);
  console.log(`recall: ${caught}/${positives.length} = ${pct(caught, positives.length)} (target ≥ 95 %); imitated brand named right: ${right}/${positives.length} = ${pct(right, positives.length)}`);
  console.log('recall per brand:');
  for (const [brand, b] of [...byBrand].sort((a, z) => z[1].n - a[1].n)) console.log(`  ${brand.padEnd(20)} ${String(b.caught).padStart(5)}/${String(b.n).padEnd(5)} ${pct(b.caught, b.n)}`);
  console.log('recall per kind (where the brand was put):');
  for (const [kind, k] of [...byKind].sort((a, z) => z[1].n - a[1].n)) console.log(`  ${kind.padEnd(26)} ${String(k.caught).padStart(5)}/${String(k.n).padEnd(5)} ${pct(k.caught, k.n)}`);
  const show = Number(process.env.EVAL_SHOW ?? 12);
  if (missed.length) console.log(`missed, e.g.: ${missed.slice(0, show).map((p) => p.host).join(' ')}`);

  // Each negative set in two halves: the rules and the brands' own domains were adjusted while
  // looking at false matches of the first half only (ranks 1–50,000; every other ordinary name);
  // the second half was only counted, and says whether the adjustments generalise.
  const halves = (list: string[], popularOrder: boolean) =>
    popularOrder ? [list.slice(0, list.length >> 1), list.slice(list.length >> 1)] : [list.filter((_, i) => i % 2 === 0), list.filter((_, i) => i % 2 === 1)];
  for (const [name, list, target, ranked] of [['popular (Tranco top 100k)', popular, 50, true], ['ordinary (UT1 everyday categories)', ordinary, 10, false]] as const) {
    const [dev, check] = halves(list, ranked);
    const fpOf = (l: string[]) => {
      const fps: string[] = [];
      for (const d of l) {
        const m = matcher.match(d);
        if (m) fps.push(`${d}→${m.protected}(${m.kind} ${m.score})`);
      }
      return fps;
    };
    const a = fpOf(dev);
    const b = fpOf(check);
    const all = a.length + b.length;
    console.log(`false matches on ${list.length.toLocaleString('en')} ${name}: ${all} = ${per100k(all, list.length)} per 100,000 (target ≤ ${target}); development half ${per100k(a.length, dev.length)}, unseen half ${per100k(b.length, check.length)}`);
    if (a.length) console.log(`  e.g. (development half): ${a.slice(0, show).join(' ')}`);
  }
  peer(positives, popular, ordinary);
}

/** phishing_catcher's score_domain on the same names (≥ 90 "suspicious", its default alert), when its snapshot is here. */
function peer(positives: Positive[], popular: string[], ordinary: string[]): void {
  const dir = process.env.PHISHING_CATCHER_DIR ?? '/work/peers/phishing_catcher';
  if (!existsSync(join(dir, 'catch_phishing.py'))) {
    console.log(`phishing_catcher: not at ${dir}, peer skipped`);
    return;
  }
  // Its scoring function only: the module is loaded without its certstream listener.
  const harness = `
import sys, types, yaml
sys.modules['certstream'] = types.ModuleType('certstream')
sys.path.insert(0, sys.argv[1])
src = open(sys.argv[1] + '/catch_phishing.py').read().split("if __name__ == '__main__':")[0]
ns = {'__file__': sys.argv[1] + '/catch_phishing.py', '__name__': 'pc'}
exec(compile(src, 'catch_phishing.py', 'exec'), ns)
ns['suspicious'] = yaml.safe_load(open(sys.argv[1] + '/suspicious.yaml'))
out = []
for line in sys.stdin:
    d = line.strip()
    out.append(str(ns['score_domain'](d.lower())) if d else '0')
print('\\n'.join(out))
`;
  const names = [...positives.map((p) => p.host), ...popular, ...ordinary];
  // Debian's python3 carries its dependencies (python3-tld, -levenshtein, -tqdm, -termcolor, -yaml).
  const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  const r = spawnSync(python, ['-c', harness, dir], { input: names.join('\n'), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) {
    console.log(`phishing_catcher: failed to run (${r.stderr.trim().split('\n').pop()}), peer skipped`);
    return;
  }
  const scores = r.stdout.trim().split('\n').map(Number);
  const flagged = (from: number, n: number) => scores.slice(from, from + n).filter((s) => s >= 90).length;
  const a = flagged(0, positives.length);
  const b = flagged(positives.length, popular.length);
  const c = flagged(positives.length + popular.length, ordinary.length);
  console.log(`phishing_catcher (score ≥ 90) on the same names: recall ${a}/${positives.length} = ${pct(a, positives.length)}; false matches ${per100k(b, popular.length)} per 100,000 popular, ${per100k(c, ordinary.length)} per 100,000 ordinary`);
}

await main();
