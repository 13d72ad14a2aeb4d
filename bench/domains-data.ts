/**
 * Builds the lookalike development sets from public repositories brought onto this machine with
 * the search tool's `fetch` (bare git snapshots under $REMPART_MIRROR, default /work/.mirror).
 * Nothing here is committed: the files land in bench/data/cache/domains/ (gitignored), and
 * `npm run eval:domains` reads them. Sources, commits and licences: bench/data/README.md, "Domains".
 *
 * Held out to measure us and never read here: tg12/pihole-phishtank-list,
 * pureflo/LabHost-phishing-domains, lyw07/securitytxt. Feeds derived from PhishTank (the source of
 * the first of those) are left out too, so that the held-out set stays unseen.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CACHE = join(import.meta.dirname, 'data/cache/domains');
const MIRROR = process.env.REMPART_MIRROR ?? '/work/.mirror';

interface Source {
  repo: string;
  commit: string;
  paths: string[] | ((names: string[]) => string[]);
  /** Hostnames of one file's text. */
  read: (text: string) => string[];
}

const lines = (t: string) => t.split(/\r?\n/).map((l) => l.trim().toLowerCase()).filter((l) => l && !l.startsWith('#'));
const hostOfUrl = (l: string) => l.replace(/^[a-z]+:\/\//, '').replace(/[/:?#].*$/, '');

/** Phishing hostnames (positives, once labelled with the brand they imitate). */
export const PHISHING: Source[] = [
  { repo: 'openphish/public_feed', commit: '5610d1ffe6a19faca39230146d73803e88ce4a18', paths: ['feed.txt'], read: (t) => lines(t).map(hostOfUrl) },
  {
    repo: 'asuki-yashi/malicious-domains',
    commit: '27cf07b6de3a674d6c743e58ce10ec990bb36b82',
    // CERT Polska's warning list, Phishing Army, UT1's phishing category, phishunt and AlienVault's generic phishing pulse; not the PhishTank-derived files.
    paths: ['sources/alienvault-cert-pl', 'sources/phishing_army', 'sources/ut1-fr', 'sources/phishunt.io.txt', 'sources/alienvault-phishing-scam'],
    read: (t) => lines(t).map(hostOfUrl),
  },
  {
    repo: 'maaaaz/red.flag.domains-publications',
    commit: 'fc3d100946e7dad055f909becd8deff6630eef4a',
    paths: (all) => all.filter((p) => /^20\d\d\/\d\d\/[\d-]+\.csv$/.test(p)),
    read: (t) => lines(t).slice(1).map((l) => l.split(',')[0].replace(/"/g, '')),
  },
];

/** The most popular registrable domains (Tranco top 100,000, in rank order). */
export const POPULAR: Source[] = [{ repo: 'kamika-ze/test-ech', commit: 'b693fcaadafb560bf3feeeeb9aed7a10db818489', paths: ['tranco_top_100k.csv'], read: (t) => lines(t).map((l) => l.split(',').pop()!) }];

/** Ordinary domains: UT1's categorised lists (Université Toulouse Capitole), the everyday categories (not jobsearch: it lists job scams among phishing names). */
const UT1_CATEGORIES = ['shopping', 'press', 'sports', 'blog', 'radio', 'cooking', 'forums', 'games', 'audio-video', 'bank', 'financial', 'celebrity', 'manga', 'translation', 'astrology', 'social_networks', 'webmail', 'chat', 'download', 'educational_games', 'mobile-phone'];
export const ORDINARY: Source[] = [{ repo: 'olbat/ut1-blacklists', commit: '804da92a9177149204d9a3d0c4ab5bd1cafe120d', paths: UT1_CATEGORIES.map((c) => `blacklists/${c}/domains`), read: lines }];

function gitDir(repo: string): string {
  return join(MIRROR, repo.replace('/', '+'), 'repo');
}

function readSource(s: Source): { host: string; path: string }[] {
  const dir = gitDir(s.repo);
  if (!existsSync(dir)) throw new Error(`${s.repo} is not under ${MIRROR}: fetch it first (search tool, fetch github:${s.repo})`);
  const git = (...args: string[]) => execFileSync('git', ['--git-dir', dir, ...args], { maxBuffer: 1 << 30, encoding: 'utf8' });
  const all = git('ls-tree', '-r', '--name-only', s.commit).split('\n');
  const paths = typeof s.paths === 'function' ? s.paths(all) : s.paths;
  const out: { host: string; path: string }[] = [];
  for (const p of paths) {
    let text: string;
    try {
      text = git('show', `${s.commit}:${p}`);
    } catch {
      console.warn(`  ${s.repo}:${p} absent from the snapshot (files of 4 MiB and more are left out), skipped`);
      continue;
    }
    for (const h of s.read(text)) if (/^[a-z0-9_.-]+$/.test(h) && h.includes('.') && h.length <= 253) out.push({ host: h.replace(/^\*\./, '').replace(/^www\./, ''), path: p });
  }
  return out;
}

function main(): void {
  mkdirSync(CACHE, { recursive: true });
  const counts: string[] = [];
  const seen = new Set<string>();
  const phishing: string[] = [];
  for (const s of PHISHING) {
    let n = 0;
    for (const { host, path } of readSource(s)) {
      if (seen.has(host)) continue;
      seen.add(host);
      phishing.push(`${host}\t${s.repo}${typeof s.paths === 'function' ? '' : `:${path}`}`);
      n++;
    }
    counts.push(`phishing ${s.repo}@${s.commit.slice(0, 7)}: ${n} hostnames`);
  }
  writeFileSync(join(CACHE, 'phishing.tsv'), `${phishing.join('\n')}\n`);
  const popular = [...new Set(POPULAR.flatMap((s) => readSource(s).map((x) => x.host)))];
  writeFileSync(join(CACHE, 'popular.txt'), `${popular.join('\n')}\n`);
  counts.push(`popular ${POPULAR[0].repo}@${POPULAR[0].commit.slice(0, 7)}: ${popular.length} domains`);
  const pop = new Set(popular);
  const ordinary = [...new Set(ORDINARY.flatMap((s) => readSource(s).map((x) => x.host)))].filter((d) => !pop.has(d) && !seen.has(d));
  writeFileSync(join(CACHE, 'ordinary.txt'), `${ordinary.join('\n')}\n`);
  counts.push(`ordinary ${ORDINARY[0].repo}@${ORDINARY[0].commit.slice(0, 7)}: ${ordinary.length} domains (not in the popular list nor a phishing feed)`);
  for (const c of counts) console.log(c);
  console.log(`written to ${CACHE}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
