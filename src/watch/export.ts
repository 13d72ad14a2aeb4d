import type { CoordinationResult } from './networks/index.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface ExportEdge {
  source: string;
  target: string;
  weight: number;
  lift: number;
  significant: boolean;
}

function exportGraph(r: CoordinationResult, minWeight: number): { nodes: Array<{ id: string; cluster: number | undefined; score: number }>; edges: ExportEdge[] } {
  const ids = r.network.table.userIds;
  const scored = new Map(r.scored.map((e) => [`${e.from}>${e.to}`, e]));
  const edges: ExportEdge[] = [];
  const used = new Set<number>();
  const { from, to, weight } = r.network.edges;
  for (let e = 0; e < from.length; e++) {
    if (from[e] === to[e] || weight[e] < minWeight) continue;
    const s = scored.get(`${from[e]}>${to[e]}`);
    edges.push({ source: ids[from[e]], target: ids[to[e]], weight: weight[e], lift: s ? Math.round(s.lift * 100) / 100 : 0, significant: s?.significant ?? false });
    used.add(from[e]);
    used.add(to[e]);
  }
  const acc = new Map(r.accounts.map((a) => [a.account, a]));
  const nodes = [...used].sort((a, b) => a - b).map((u) => ({ id: ids[u], cluster: acc.get(u)?.cluster, score: acc.get(u)?.score ?? 0 }));
  return { nodes, edges };
}

/** GEXF 1.3 for Gephi: directed edges with QUT weight, lift and whether they passed the chance test. */
export function toGexf(r: CoordinationResult, minWeight = 1): string {
  const g = exportGraph(r, minWeight);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
    `<graph defaultedgetype="directed"><attributes class="node"><attribute id="cluster" title="cluster" type="integer"/><attribute id="score" title="score" type="double"/></attributes>`,
    '<attributes class="edge"><attribute id="lift" title="lift" type="double"/><attribute id="significant" title="significant" type="boolean"/></attributes><nodes>',
    ...g.nodes.map((n) => `<node id="${esc(n.id)}" label="${esc(n.id)}"><attvalues><attvalue for="cluster" value="${n.cluster ?? 0}"/><attvalue for="score" value="${n.score}"/></attvalues></node>`),
    '</nodes><edges>',
    ...g.edges.map((e, i) => `<edge id="${i}" source="${esc(e.source)}" target="${esc(e.target)}" weight="${e.weight}"><attvalues><attvalue for="lift" value="${e.lift}"/><attvalue for="significant" value="${e.significant}"/></attvalues></edge>`),
    '</edges></graph></gexf>',
  ];
  return lines.join('\n') + '\n';
}

export function toGraphml(r: CoordinationResult, minWeight = 1): string {
  const g = exportGraph(r, minWeight);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '<key id="cluster" for="node" attr.name="cluster" attr.type="int"/><key id="score" for="node" attr.name="score" attr.type="double"/>',
    '<key id="weight" for="edge" attr.name="weight" attr.type="int"/><key id="lift" for="edge" attr.name="lift" attr.type="double"/><key id="significant" for="edge" attr.name="significant" attr.type="boolean"/>',
    '<graph edgedefault="directed">',
    ...g.nodes.map((n) => `<node id="${esc(n.id)}"><data key="cluster">${n.cluster ?? 0}</data><data key="score">${n.score}</data></node>`),
    ...g.edges.map((e) => `<edge source="${esc(e.source)}" target="${esc(e.target)}"><data key="weight">${e.weight}</data><data key="lift">${e.lift}</data><data key="significant">${e.significant}</data></edge>`),
    '</graph></graphml>',
  ].join('\n') + '\n';
}

const csvCell = (v: string | number | boolean) => {
  const s = String(v);
  // A leading = + - @ would run as a formula in a spreadsheet (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** CSV of the edges: user_1,user_2,weight,lift,significant. */
export function toCsv(r: CoordinationResult, minWeight = 1): string {
  const g = exportGraph(r, minWeight);
  return ['user_1,user_2,weight,lift,significant', ...g.edges.map((e) => [e.source, e.target, e.weight, e.lift, e.significant].map(csvCell).join(','))].join('\n') + '\n';
}
