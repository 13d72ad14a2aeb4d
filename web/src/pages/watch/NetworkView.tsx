import Graph from 'graphology';
import { useEffect, useMemo, useRef, useState } from 'react';
import Sigma from 'sigma';
import { ErrorBox, Loading, useAsync } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.ts';
import { watchApi, type GraphView, type NetworkQuery } from '../../watch-api.ts';

/** Cluster colours: distinct, readable on white, none of them a severity colour. */
export const CLUSTER_COLOURS = ['#1c3f94', '#0e9384', '#c11574', '#6941c6', '#ca8504', '#2e90fa', '#099250', '#dd2590', '#4e5ba6', '#b54708', '#15b79e', '#7a5af8'];
export const clusterColour = (c: number) => (c > 0 ? CLUSTER_COLOURS[(c - 1) % CLUSTER_COLOURS.length] : '#a5adba');

/**
 * Pairs drawn: significant ones first, then the strongest. Sigma recomputes every edge's geometry
 * each frame, so 20,000 keeps panning smooth at 10,000 accounts; the exports hold every pair.
 */
const MAX_EDGES = 20_000;

type Selection = { kind: 'node'; id: string } | { kind: 'pair'; a: string; b: string } | null;

/**
 * The coordination network drawn with sigma (WebGL). Positions come from the server (one pass,
 * no force layout), edges are hidden while the camera moves and labels appear only for large
 * nodes, so 10,000 accounts pan smoothly. The number of accounts drawn is in `data-nodes`.
 */
export function NetworkView({ query }: { query: NetworkQuery }) {
  const { t, num } = useI18n();
  const { data, error, loading, reload } = useAsync(() => watchApi.graph({ ...query, maxEdges: MAX_EDGES }), [query.type, query.window, query.minWeight]);
  const [selection, setSelection] = useState<Selection>(null);
  const [search, setSearch] = useState('');
  const [notFound, setNotFound] = useState(false);
  const sigmaRef = useRef<Sigma | null>(null);

  useEffect(() => setSelection(null), [data]);

  const select = (id: string) => {
    const g = sigmaRef.current?.getGraph();
    if (!g?.hasNode(id)) {
      setNotFound(true);
      return;
    }
    setNotFound(false);
    setSelection({ kind: 'node', id });
    const s = sigmaRef.current;
    const pos = s?.getNodeDisplayData(id);
    if (s && pos) void s.getCamera().animate({ x: pos.x, y: pos.y, ratio: 0.25 }, { duration: 400 });
  };

  if (error && !data) return <ErrorBox error={error} onRetry={reload} />;
  return (
    <div className="net">
      <div className="net-stage panel">
        <div className="net-toolbar">
          <form
            className="net-search"
            onSubmit={(e) => {
              e.preventDefault();
              if (search.trim()) select(search.trim());
            }}
          >
            <label className="sr-only" htmlFor="net-search">
              {t('watch.net.search')}
            </label>
            <input id="net-search" type="search" placeholder={t('watch.net.search')} value={search} onChange={(e) => setSearch(e.target.value)} maxLength={256} />
            <button type="submit" className="btn btn-small">
              {t('watch.net.find')}
            </button>
          </form>
          {notFound && <span className="small muted" role="status">{t('watch.net.notFound')}</span>}
          {data && (
            <span className="small muted net-count" data-testid="graph-count">
              {t('watch.net.count', { nodes: num(data.nodes.length), edges: num(data.edges.length), totalNodes: num(data.totalNodes), totalEdges: num(data.totalEdges) })}
            </span>
          )}
        </div>
        {loading && !data ? <Loading /> : data && data.nodes.length === 0 ? <p className="empty-inline">{t('watch.net.empty')}</p> : null}
        {data && data.nodes.length > 0 && <SigmaCanvas view={data} selection={selection} onSelect={setSelection} sigmaRef={sigmaRef} />}
        <p className="small muted net-help">{t('watch.net.help')}</p>
      </div>
      <aside className="net-side">
        {selection ? <SelectionPanel view={data} query={query} selection={selection} onSelect={setSelection} /> : <p className="panel small muted">{t('watch.net.pick')}</p>}
        {data && <ClusterList view={data} onPick={(id) => select(id)} />}
      </aside>
    </div>
  );
}

/** Significant pairs drawn darker and thicker; pairs chance explains stay faint. */
function edgeLook(w: number, sig: 0 | 1) {
  const size = sig ? Math.min(0.12, 0.05 + Math.log2(w) / 60) : 0.03;
  const color = sig ? '#8a94a6' : '#dfe3e9';
  return { size, baseSize: size, color, base: color };
}

function SigmaCanvas({ view, selection, onSelect, sigmaRef }: { view: GraphView; selection: Selection; onSelect: (s: Selection) => void; sigmaRef: React.MutableRefObject<Sigma | null> }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    performance.mark('watch:graph-start');
    const g = new Graph({ type: 'undirected', multi: false });
    for (const n of view.nodes) {
      g.addNode(n.id, {
        x: n.x,
        // Graph y grows downwards in sigma: flip so the layout reads as the server computed it.
        y: -n.y,
        // Sizes in layout units (neighbours are about 1.7 apart): nodes never overlap, at any zoom.
        size: n.cluster > 0 ? 0.4 + n.score * 0.25 : 0.3,
        color: clusterColour(n.cluster),
        label: n.cluster > 0 && n.score >= 0.5 ? n.id : undefined,
        cluster: n.cluster,
      });
    }
    view.edges.forEach(([a, b, w, sig], i) => {
      const s = view.nodes[a].id;
      const tg = view.nodes[b].id;
      // Significant pairs across two clusters (a group Louvain split) are drawn faint: long dark bands would hide the discs.
      const inside = view.nodes[a].cluster > 0 && view.nodes[a].cluster === view.nodes[b].cluster;
      if (!g.hasEdge(s, tg)) g.addEdgeWithKey(`e${i}`, s, tg, { ...edgeLook(w, inside ? sig : 0), weight: w, significant: sig });
    });
    performance.mark('watch:graph-built');
    const sigma = new Sigma(g, el, {
      settings: {
        itemSizesReference: 'positions',
        hideEdgesOnMove: true,
        hideLabelsOnMove: true,
        renderEdgeLabels: false,
        enableEdgeEvents: view.edges.length <= 20_000,
        labelRenderedSizeThreshold: 12,
        labelDensity: 0.35,
        labelGridCellSize: 120,
        // Hover look-ups read a smaller picking buffer: a quarter of the pixels to draw each frame.
        pickingDownSizingRatio: 4,
        minCameraRatio: 0.02,
        maxCameraRatio: 4,
      },
    });
    sigmaRef.current = sigma;
    // Marks read by bench/watch-view.ts to split the load time.
    performance.mark('watch:sigma-ready');
    sigma.on('clickNode', ({ node }) => onSelectRef.current({ kind: 'node', id: node }));
    sigma.on('clickEdge', ({ edge }) => onSelectRef.current({ kind: 'pair', a: g.source(edge), b: g.target(edge) }));
    sigma.on('clickStage', () => onSelectRef.current(null));
    // Tests and the frame-time bench read how many accounts the canvas holds.
    el.dataset.nodes = String(g.order);
    el.dataset.edges = String(g.size);
    setReady(true);
    return () => {
      sigma.kill();
      sigmaRef.current = null;
      setReady(false);
    };
  }, [view, sigmaRef]);

  // Selection: the chosen account and its partners stand out, the rest fades.
  useEffect(() => {
    const sigma = sigmaRef.current;
    if (!sigma || !ready) return;
    const g = sigma.getGraph();
    const focus = new Set<string>();
    if (selection?.kind === 'node' && g.hasNode(selection.id)) {
      focus.add(selection.id);
      g.forEachNeighbor(selection.id, (n) => focus.add(n));
    } else if (selection?.kind === 'pair') {
      focus.add(selection.a);
      focus.add(selection.b);
    }
    // One batch update each: a single refresh for 10,000 accounts.
    g.updateEachNodeAttributes((n, attr) => ({ ...attr, color: focus.size === 0 || focus.has(n) ? clusterColour(attr.cluster as number) : '#e6e9ee' }));
    g.updateEachEdgeAttributes((e, attr, src, tgt) => {
      const pair = selection?.kind === 'pair' && focus.has(src) && focus.has(tgt);
      const touches = selection?.kind === 'node' && (src === selection.id || tgt === selection.id);
      return { ...attr, color: pair ? '#b93815' : touches ? (attr.significant ? '#1c3f94' : '#98a2b3') : focus.size === 0 ? (attr.base as string) : '#eef0f3', size: pair ? 0.3 : (attr.baseSize as number) };
    });
  }, [selection, ready, sigmaRef]);

  return <div ref={box} className="net-canvas" data-testid="graph-canvas" role="img" aria-label={t('watch.net.canvasLabel', { n: view.nodes.length })} />;
}

function SelectionPanel({ view, query, selection, onSelect }: { view: GraphView | undefined; query: NetworkQuery; selection: NonNullable<Selection>; onSelect: (s: Selection) => void }) {
  const { t, num } = useI18n();
  if (selection.kind === 'pair') return <PairPanel query={query} a={selection.a} b={selection.b} onBack={() => onSelect({ kind: 'node', id: selection.a })} />;
  const idx = view?.nodes.findIndex((n) => n.id === selection.id) ?? -1;
  const node = view?.nodes[idx];
  if (!view || !node) return null;
  const partners = view.edges
    .filter(([a, b]) => a === idx || b === idx)
    .map(([a, b, w, sig]) => ({ id: view.nodes[a === idx ? b : a].id, w, sig }))
    .sort((x, y) => y.sig - x.sig || y.w - x.w)
    .slice(0, 30);
  return (
    <section className="panel" aria-labelledby="node-title" data-testid="node-panel">
      <p className="eyebrow">{t('watch.net.account')}</p>
      <h2 id="node-title" className="detail-title mono">
        {node.id}
      </h2>
      <dl className="mini-stats net-stats">
        <div>
          <dt>{t('watch.net.cluster')}</dt>
          <dd>
            {node.cluster > 0 ? (
              <>
                <span className="swatch" style={{ background: clusterColour(node.cluster) }} aria-hidden="true" /> {node.cluster}
              </>
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div>
          <dt>{t('watch.net.score')}</dt>
          <dd>{num(node.score)}</dd>
        </div>
        <div>
          <dt>{t('watch.net.partners')}</dt>
          <dd>{num(node.degree)}</dd>
        </div>
      </dl>
      <h3 className="detail-sub">{t('watch.net.partnersTitle')}</h3>
      <ul className="partner-list">
        {partners.map((p) => (
          <li key={p.id}>
            <button type="button" className="row-link" onClick={() => onSelect({ kind: 'pair', a: node.id, b: p.id })}>
              <span className="mono">{p.id}</span>
              <span className={`pill ${p.sig ? 'pill-warn' : ''}`}>{t('watch.net.shared', { n: p.w })}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function PairPanel({ query, a, b, onBack }: { query: NetworkQuery; a: string; b: string; onBack: () => void }) {
  const { t, num } = useI18n();
  const { data, error, loading } = useAsync(() => watchApi.evidence({ ...query, user_1: a, user_2: b }), [a, b, query.type, query.window]);
  return (
    <section className="panel" aria-labelledby="pair-title" data-testid="pair-panel">
      <button type="button" className="btn btn-ghost btn-small" onClick={onBack}>
        ← {a}
      </button>
      <h2 id="pair-title" className="detail-title">
        <span className="mono">{a}</span> ↔ <span className="mono">{b}</span>
      </h2>
      {error && <ErrorBox error={error} />}
      {loading && !data && <Loading />}
      {data && (
        <>
          <p className={`state-line ${data.significant ? 'tone-high' : ''}`}>
            {data.significant ? t('watch.pair.significant', { lift: num(data.lift ?? 0) }) : t('watch.pair.chance')}
          </p>
          <dl className="mini-stats net-stats">
            <div>
              <dt>{t('watch.pair.weight')}</dt>
              <dd>{num(data.weight)}</dd>
            </div>
            <div>
              <dt>{t('watch.pair.window')}</dt>
              <dd>{t('watch.seconds', { n: data.window })}</dd>
            </div>
          </dl>
          <h3 className="detail-sub">{t('watch.pair.evidence')}</h3>
          {data.shared.length === 0 ? (
            <p className="muted small">{t('watch.pair.none')}</p>
          ) : (
            <ul className="evidence-list">
              {data.shared.map((s) => (
                <li key={s.key}>
                  <code className="break">{s.key}</code>
                  <span className="small muted">
                    {s.pairs
                      .slice(0, 3)
                      .map((p) => t('watch.pair.gap', { s: num(Math.round(Math.abs(p.gap) * 10) / 10) }))
                      .join(' · ')}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function ClusterList({ view, onPick }: { view: GraphView; onPick: (account: string) => void }) {
  const { t, num } = useI18n();
  // First member of each cluster in the view (the strongest: the server sorts discs by score).
  const first = useMemo(() => {
    const m = new Map<number, string>();
    for (const n of view.nodes) if (n.cluster > 0 && !m.has(n.cluster)) m.set(n.cluster, n.id);
    return m;
  }, [view]);
  if (view.clusters.length === 0) return <p className="panel small muted">{t('watch.net.noClusters')}</p>;
  return (
    <section className="panel" aria-labelledby="clusters-title">
      <h2 id="clusters-title" className="panel-title">
        {t('watch.net.clusters', { n: view.clusters.length })}
      </h2>
      <ul className="cluster-list">
        {view.clusters.slice(0, 50).map((c) => (
          <li key={c.cluster}>
            <button type="button" className="row-link" onClick={() => onPick(first.get(c.cluster) ?? '')}>
              <span className="swatch" style={{ background: clusterColour(c.cluster) }} aria-hidden="true" />
              <span>{t('watch.net.clusterN', { n: c.cluster })}</span>
              <span className="muted small">{t('watch.net.clusterSize', { n: num(c.size), score: num(c.score) })}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
