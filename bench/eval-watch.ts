/**
 * Precision and recall of the accounts Rempart calls coordinated, on seeded synthetic streams with
 * planted groups and very active ordinary accounts (the precision trap). Prints one line per seed
 * and the mean, for the default window and for `--window auto`, and a raw-threshold baseline.
 */
import { coordinationNetwork, DEFAULT_WINDOW, detectCoordination, type CoordinationNetwork } from '../src/watch/networks/index.ts';
import { detectClusters } from '../src/watch/networks/clusters.ts';
import { simulateStream } from '../src/watch/simulate.ts';

const opt = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const seeds = (opt('seeds') ?? '1,2,3,4,5').split(',').map(Number);
// Stream knobs (defaults: the simulator's): --hyperactive=N --hyperposts=N --posts=N
const knobs = { hyperactive: opt('hyperactive') ? Number(opt('hyperactive')) : undefined, hyperactivePosts: opt('hyperposts') ? Number(opt('hyperposts')) : undefined, ordinaryPosts: opt('posts') ? Number(opt('posts')) : undefined };

function pr(found: Set<string>, truth: Set<string>) {
  let tp = 0;
  for (const a of found) if (truth.has(a)) tp++;
  return { precision: found.size ? tp / found.size : 0, recall: truth.size ? tp / truth.size : 0 };
}

function detected(net: CoordinationNetwork): Set<string> {
  const r = detectCoordination(net);
  return new Set(r.clusters.flatMap((c) => c.members.map((m) => net.table.userIds[m])));
}

/** What a raw edge-weight threshold calls coordinated (every edge ≥ w is "significant"). */
function rawThreshold(net: CoordinationNetwork, w: number): Set<string> {
  const scored = [];
  for (let e = 0; e < net.edges.from.length; e++) {
    if (net.edges.from[e] === net.edges.to[e] || net.edges.weight[e] < w) continue;
    scored.push({ from: net.edges.from[e], to: net.edges.to[e], weight: net.edges.weight[e], expected: 0, lift: 100, log10p: -Infinity, significant: true });
  }
  return new Set(detectClusters(scored).clusters.flatMap((c) => c.members.map((m) => net.table.userIds[m])));
}

const fmt = (x: number) => x.toFixed(3);
const rows: Record<string, Array<{ precision: number; recall: number }>> = { default: [], auto: [], raw: [] };
for (const seed of seeds) {
  const sim = simulateStream({ seed, ...knobs });
  const started = performance.now();
  const net = coordinationNetwork(sim.posts, 'corepost', DEFAULT_WINDOW);
  const d = pr(detected(net), sim.coordinated);
  const auto = coordinationNetwork(net.table, 'corepost', 'auto');
  const a = pr(detected(auto), sim.coordinated);
  const raw = pr(rawThreshold(net, 5), sim.coordinated);
  rows.default.push(d);
  rows.auto.push(a);
  rows.raw.push(raw);
  console.log(
    `seed ${seed}: ${sim.posts.length} posts, ${net.table.userIds.length} accounts, ${sim.coordinated.size} planted | window ${DEFAULT_WINDOW}s precision ${fmt(d.precision)} recall ${fmt(d.recall)} | auto window ${auto.window}s precision ${fmt(a.precision)} recall ${fmt(a.recall)} | raw weight≥5 precision ${fmt(raw.precision)} recall ${fmt(raw.recall)} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
}
const mean = (xs: Array<{ precision: number; recall: number }>, k: 'precision' | 'recall') => xs.reduce((s, x) => s + x[k], 0) / xs.length;
const min = (xs: Array<{ precision: number; recall: number }>, k: 'precision' | 'recall') => Math.min(...xs.map((x) => x[k]));
for (const [name, xs] of Object.entries(rows)) {
  console.log(`${name.padEnd(8)} mean precision ${fmt(mean(xs, 'precision'))} (min ${fmt(min(xs, 'precision'))})  mean recall ${fmt(mean(xs, 'recall'))} (min ${fmt(min(xs, 'recall'))})`);
}
const ok = ['default', 'auto'].every((k) => min(rows[k], 'precision') >= 0.95 && min(rows[k], 'recall') >= 0.95);
console.log(`target precision and recall ≥ 0.95 (default and auto windows, every seed): ${ok ? 'met' : 'NOT met'}`);
