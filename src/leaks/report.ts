import type { ItemResult, ScanSummary, Verdict } from './scanner.ts';

const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const labels: Record<Verdict, [string, string]> = {
  decoy: ['Leurre', 'Decoy'],
  'tampered-decoy': ['Leurre modifié', 'Tampered decoy'],
  genuine: ['Authentique', 'Genuine'],
  unverified: ['Non vérifié (falsification probable)', 'Unverified (likely forgery)'],
  unrelated: ['Sans rapport', 'Unrelated'],
  error: ['Illisible', 'Unreadable'],
};

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');

/**
 * The evidence a press officer can hand to journalists: one self-contained HTML page (no script,
 * no outside resource), decoys grouped by the mailbox they were planted in with a timeline, the
 * likely forgeries, and the counts.
 */
export function renderReport(items: ItemResult[], summary: ScanSummary, opts: { title?: string; paths: string[]; generatedAt?: Date } = { paths: [] }): string {
  const by = new Map<string, ItemResult[]>();
  for (const i of items) if (i.verdict === 'decoy' || i.verdict === 'tampered-decoy') by.set(i.mailbox ?? '?', [...(by.get(i.mailbox ?? '?') ?? []), i]);
  const groups = [...by.entries()].sort((a, b) => b[1].length - a[1].length);
  const count = (v: Verdict) => summary.counts[v] ?? 0;
  const row = (i: ItemResult) =>
    `<tr class="${esc(i.verdict)}"><td>${esc(day(i.planted))}</td><td><code>${esc(i.path)}</code>${i.title ? `<br><small>${esc(i.title)}</small>` : ''}</td><td>${esc(labels[i.verdict][0])}</td><td>${esc(i.persona)}</td><td>${esc([...new Set(i.markers.map((m) => m.kind))].join(', '))}</td></tr>${
      i.diff ? `<tr class="diff"><td></td><td colspan="4">${i.diff.removed.map((r) => `<del>${esc(r)}</del>`).join(' … ')}<br>${i.diff.added.map((r) => `<ins>${esc(r)}</ins>`).join(' … ')}</td></tr>` : ''
    }`;
  const sections = groups
    .map(([mailbox, list]) => {
      const sorted = [...list].sort((a, b) => String(a.planted).localeCompare(String(b.planted)));
      const first = sorted[0]?.planted;
      const last = sorted[sorted.length - 1]?.planted;
      return `<section><h2>${esc(mailbox)}</h2><p class="inference">${sorted.length} leurre(s) déposé(s) uniquement dans cette boîte entre le ${esc(day(first))} et le ${esc(day(last))} figurent dans la fuite : <strong>la boîte ${esc(mailbox)} a été lue par un tiers après le ${esc(day(last))}</strong>, et ces documents sont des faux que nous avons fabriqués.<br><span lang="en">${sorted.length} decoy(s) planted only in this mailbox between ${esc(day(first))} and ${esc(day(last))} are in the leak: mailbox ${esc(mailbox)} was read by someone else after ${esc(day(last))}; these documents are fakes we made.</span></p>
<ol class="timeline">${sorted.map((i) => `<li><time>${esc(day(i.planted))}</time> ${esc(i.title ?? i.path)}</li>`).join('')}</ol>
<table><thead><tr><th>Déposé</th><th>Élément</th><th>Verdict</th><th>Persona</th><th>Marques</th></tr></thead><tbody>${sorted.map(row).join('')}</tbody></table></section>`;
    })
    .join('\n');
  const list = (v: Verdict, max = 500) => {
    const l = items.filter((i) => i.verdict === v).slice(0, max);
    return l.length ? `<table><tbody>${l.map((i) => `<tr><td><code>${esc(i.path)}</code></td><td>${esc(i.reason ?? i.error?.message ?? '')}</td></tr>`).join('')}</tbody></table>` : '<p>—</p>';
  };
  const gen = (opts.generatedAt ?? new Date()).toISOString();
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(opts.title ?? 'Analyse de fuite / leak analysis')}</title>
<style>body{font:15px/1.45 system-ui,sans-serif;color:#1b1b1b;max-width:70rem;margin:2rem auto;padding:0 1rem}h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:2px solid #333}table{border-collapse:collapse;width:100%;margin:1rem 0}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}code{font-size:.85em;word-break:break-all}.tampered-decoy td{background:#fff4e5}.diff td{font-size:.85em}del{background:#fdd}ins{background:#dfd}.inference{background:#eef4ff;padding:.8rem;border-left:4px solid #1a4fd6}.counts td:first-child{font-weight:600}.timeline{columns:2;font-size:.9em}time{font-variant-numeric:tabular-nums;color:#555}[lang=en]{color:#444;font-size:.92em}@media print{body{margin:0}}</style></head><body>
<h1>${esc(opts.title ?? 'Analyse de fuite')}</h1>
<p>Généré le ${esc(gen)} par Rempart. Éléments analysés : ${summary.items} (${(summary.bytes / 1e6).toFixed(1)} Mo). Sources : ${opts.paths.map((p) => `<code>${esc(p)}</code>`).join(', ')}.<br><span lang="en">Generated ${esc(gen)}; ${summary.items} items analysed.</span></p>
<table class="counts"><tbody>${(Object.keys(labels) as Verdict[]).map((v) => `<tr><td>${esc(labels[v][0])} / ${esc(labels[v][1])}</td><td>${count(v)}</td></tr>`).join('')}</tbody></table>
<p>Un <strong>leurre</strong> porte plusieurs marques indépendantes (lien balise, filigrane invisible signé, identifiant de métadonnées, faits inventés, empreinte de contenu) enregistrées lors de sa création ; chacune suffit à le reconnaître. Un <strong>leurre modifié</strong> porte ces marques mais son contenu a été changé (différences montrées). <strong>Non vérifié</strong> : se réclame de l’organisation mais ne correspond ni à un leurre ni à un document authentique enregistré.</p>
<h2>Leurres par boîte d’origine / decoys by source mailbox</h2>${sections || '<p>Aucun leurre trouvé / no decoy found.</p>'}
<h2>Non vérifiés (falsifications probables) / unverified</h2>${list('unverified')}
<h2>Authentiques / genuine</h2>${list('genuine')}
<h2>Illisibles / unreadable</h2>${list('error')}
</body></html>`;
}
