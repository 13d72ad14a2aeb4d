import type { CampaignResults } from './results.ts';

/** A one-page PDF summary of a campaign for the campaign director: funnel bars and per-group table. */
export async function resultsPdf(r: CampaignResults): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  doc.setTitle(`Rempart – ${r.campaign.name}`);
  doc.setProducer('Rempart');
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  // Standard PDF fonts are WinAnsi: keep Latin-1 and replace the rest.
  const clean = (s: string) => s.replace(/[’‘]/g, "'").replace(/[“”«»]/g, '"').replace(/[^\x20-\xff]/g, '?');
  let y = 790;
  page.drawText(clean(`Exercice d'hameçonnage : ${r.campaign.name}`), { x: 50, y, size: 16, font: bold, color: rgb(0.12, 0.3, 0.55) });
  y -= 22;
  page.drawText(clean(`Modèle ${r.campaign.template_id} · ${r.campaign.status} · créé le ${r.campaign.created_at.slice(0, 10)}`), { x: 50, y, size: 10, font });
  y -= 40;
  const f = r.funnel;
  const steps: Array<[string, number]> = [
    ['Envoyés', f.sent],
    ['Ouverts', f.opened],
    ['Cliqués', f.clicked],
    ['Identifiants saisis', f.submitted],
    ['Signalés', f.reported],
  ];
  const max = Math.max(1, f.sent);
  for (const [label, n] of steps) {
    page.drawText(clean(label), { x: 50, y, size: 11, font });
    page.drawRectangle({ x: 180, y: y - 3, width: (300 * n) / max, height: 14, color: label === 'Signalés' ? rgb(0.12, 0.5, 0.25) : rgb(0.12, 0.3, 0.55) });
    page.drawText(String(n), { x: 190 + (300 * n) / max, y, size: 11, font: bold });
    y -= 24;
  }
  y -= 10;
  page.drawText(clean(`Taux de clic (phish-prone) : ${f.phishPronePct} %   Taux de signalement : ${f.reportPct} %   Clics de scanners écartés : ${f.scannerClicks}`), { x: 50, y, size: 10, font });
  y -= 16;
  if (r.timeToFirstReportSeconds !== null) page.drawText(clean(`Premier signalement ${Math.round(r.timeToFirstReportSeconds / 60)} min après le premier envoi`), { x: 50, y, size: 10, font });
  y -= 30;
  page.drawText(clean('Par service'), { x: 50, y, size: 12, font: bold });
  y -= 18;
  const cols = [50, 200, 260, 320, 380, 450];
  ['Service', 'Envoyés', 'Cliqués', 'Saisis', 'Signalés', 'Taux'].forEach((h, i) => page.drawText(clean(h), { x: cols[i], y, size: 10, font: bold }));
  for (const g of r.byGroup.slice(0, 25)) {
    y -= 16;
    [g.group, g.sent, g.clicked, g.submitted, g.reported, `${g.phishPronePct} %`].forEach((v, i) => page.drawText(clean(String(v)).slice(0, 28), { x: cols[i], y, size: 10, font }));
  }
  return doc.save();
}
