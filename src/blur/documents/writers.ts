// The office libraries load when a document is rendered, not when a CLI verb starts.
import type { Paragraph as DocxParagraph, Table as DocxTable } from 'docx';
import { letterheadPng } from './image.ts';
import type ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { DocContent } from './content.ts';
import type { Rng } from '../random.ts';

/** What every writer needs besides content: markers already derived for this artifact. */
export interface RenderInput {
  content: DocContent;
  author: string;
  lastModifiedBy: string;
  company: string;
  created: Date;
  modified: Date;
  /** Metadata marker, dressed as a reference number. */
  reference: string;
  beaconUrl: string;
  /** Applies the text watermark to a block of paragraphs (newline separated). */
  watermark: (text: string) => string;
  rng: Rng;
}

const xmlEsc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function marked(input: RenderInput): string[] {
  return input.watermark(input.content.paragraphs.join('\n')).split('\n');
}

/**
 * DOCX with a remote image relationship (TargetMode="External") to the beacon: Word and LibreOffice
 * fetch linked pictures when they render the page. The `docx` package cannot declare external
 * images, so the relationship and drawing are added to the zip afterwards.
 */
export async function renderDocx(input: RenderInput): Promise<Buffer> {
  const { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = await import('docx');
  const { content: c, rng } = input;
  const paras = marked(input);
  const font = rng.pick(['Calibri', 'Arial', 'Cambria', 'Garamond', 'Times New Roman', 'Helvetica']);
  const size = rng.pick([20, 21, 22, 24]);
  const children: Array<DocxParagraph | DocxTable> = [];
  if (rng.chance(0.45)) {
    const img = letterheadPng(rng);
    children.push(new Paragraph({ children: [new ImageRun({ type: 'png', data: img.png, transformation: { width: img.width, height: img.height } })] }));
  }
  children.push(
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: c.title, font })] }),
    new Paragraph({ children: [new TextRun({ text: c.subtitle, italics: true, font, size })] }),
  );
  paras.forEach((p, i) => {
    const h = c.headings.get(i);
    if (h) children.push(new Paragraph({ heading: rng.chance(0.5) ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [new TextRun({ text: h, font })] }));
    children.push(new Paragraph({ alignment: rng.chance(0.3) ? AlignmentType.JUSTIFIED : AlignmentType.LEFT, spacing: { after: rng.int(60, 200) }, children: [new TextRun({ text: p, font, size })] }));
  });
  if (c.table) {
    const t = c.table;
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [t.headers, ...t.rows].map((r, ri) => new TableRow({ children: r.map((cell) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: cell, bold: ri === 0, font, size: size - 2 })] })] })) })),
      }),
    );
  }
  const doc = new Document({
    creator: input.author,
    lastModifiedBy: input.lastModifiedBy,
    title: c.title,
    description: c.subtitle,
    keywords: input.reference,
    revision: rng.int(2, 40),
    customProperties: [
      { name: rng.pick(['Référence', 'DocRef', 'NumeroDossier', 'Classement']), value: input.reference },
      ...(rng.chance(0.5) ? [{ name: 'Service', value: rng.pick(['Direction', 'Cabinet', 'Finances', 'Presse']) }] : []),
    ],
    sections: [{ children }],
  });
  const raw = await Packer.toBuffer(doc);
  const files = unzipSync(new Uint8Array(raw));
  const relsPath = 'word/_rels/document.xml.rels';
  files[relsPath] = strToU8(strFromU8(files[relsPath]).replace('</Relationships>', `<Relationship Id="rIdImg${rng.int(100, 999)}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="${xmlEsc(input.beaconUrl)}" TargetMode="External"/></Relationships>`));
  const relId = /Id="(rIdImg\d+)"/.exec(strFromU8(files[relsPath]))?.[1] ?? 'rIdImg100';
  const emu = rng.int(1, 3) * 9525;
  const drawing = `<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${emu}" cy="${emu}"/><wp:docPr id="${rng.int(10, 999)}" name="Image ${rng.int(1, 9)}"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="0" name="${rng.pick(['logo.png', 'entete.png', 'image001.png', 'signature.png'])}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:link="${relId}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${emu}" cy="${emu}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`;
  const docXml = strFromU8(files['word/document.xml']);
  const at = docXml.lastIndexOf('<w:sectPr');
  files['word/document.xml'] = strToU8(at > 0 ? docXml.slice(0, at) + drawing + docXml.slice(at) : docXml.replace('</w:body>', `${drawing}</w:body>`));
  const core = strFromU8(files['docProps/core.xml'])
    .replace(/(<dcterms:created[^>]*>)[^<]*/, `$1${input.created.toISOString().replace(/\.\d{3}/, '')}`)
    .replace(/(<dcterms:modified[^>]*>)[^<]*/, `$1${input.modified.toISOString().replace(/\.\d{3}/, '')}`);
  files['docProps/core.xml'] = strToU8(core);
  const z: Zippable = {};
  const level = rng.pick([1, 3, 6] as const);
  for (const [k, v] of Object.entries(files)) z[k] = [v, { level, mtime: input.modified }];
  return Buffer.from(zipSync(z));
}

/** XLSX: the table on the first sheet, narrative notes on a second sheet, the beacon as a linked "source". */
export async function renderXlsx(input: RenderInput): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const { content: c, rng } = input;
  const wb = new ExcelJS.Workbook();
  wb.creator = input.author;
  wb.lastModifiedBy = input.lastModifiedBy;
  wb.created = input.created;
  wb.modified = input.modified;
  wb.title = c.title;
  wb.subject = c.subtitle;
  wb.keywords = input.reference;
  wb.company = input.company;
  wb.description = `${rng.pick(['Réf.', 'Dossier', 'Classement'])} ${input.reference}`;
  const ws = wb.addWorksheet(rng.pick(['Feuil1', 'Tableau', 'Données', 'Synthèse', 'Liste']));
  ws.addRow([c.title]).font = { bold: true, size: rng.int(12, 16) };
  ws.addRow([c.subtitle]);
  ws.addRow([]);
  if (c.table) {
    const t = c.table;
    ws.addRow(t.headers).font = { bold: true };
    for (const r of t.rows) ws.addRow(r.map((v, i) => (i >= t.numericFrom && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : v)));
    ws.columns.forEach((col, i) => (col.width = rng.int(10, 18) + (i === 0 ? 10 : 0)));
  }
  if (rng.chance(0.4)) {
    const img = letterheadPng(rng);
    const id = wb.addImage({ buffer: img.png as unknown as ExcelJS.Buffer, extension: 'png' });
    ws.addImage(id, { tl: { col: rng.int(4, 7), row: 0 }, ext: { width: img.width, height: img.height } });
  }
  const notes = wb.addWorksheet(rng.pick(['Notes', 'Commentaires', 'Remarques']));
  for (const p of marked(input)) notes.addRow([p]);
  notes.getColumn(1).width = 120;
  const src = notes.addRow([]);
  src.getCell(1).value = { text: rng.pick(['Logo', 'Source', 'Version en ligne', 'Charte']), hyperlink: input.beaconUrl };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** PDF: Helvetica text (WinAnsi), a link annotation to the beacon, Info dictionary with the reference. */
export async function renderPdf(input: RenderInput): Promise<Buffer> {
  const { PDFDocument, PDFName, PDFString, StandardFonts, rgb } = await import('pdf-lib');
  const { content: c, rng } = input;
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(rng.pick([StandardFonts.Helvetica, StandardFonts.TimesRoman]));
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const ok = new Map<string, boolean>();
  // Standard fonts encode WinAnsi only: zero-width marks and other code points are dropped here.
  const clean = (s: string) =>
    [...s]
      .filter((ch) => {
        let v = ok.get(ch);
        if (v === undefined) {
          try {
            font.encodeText(ch);
            v = true;
          } catch {
            v = false;
          }
          ok.set(ch, v);
        }
        return v;
      })
      .join('');
  const size = rng.pick([10, 10.5, 11, 12]);
  const [W, H] = rng.chance(0.8) ? [595.28, 841.89] : [612, 792];
  const margin = rng.int(50, 72);
  let page = pdf.addPage([W, H]);
  let y = H - margin;
  const line = (text: string, f = font, s = size) => {
    if (y < margin) {
      page = pdf.addPage([W, H]);
      y = H - margin;
    }
    page.drawText(text, { x: margin, y, size: s, font: f, color: rgb(0.1, 0.1, 0.1) });
    y -= s * 1.35;
  };
  const wrap = (text: string, f = font, s = size) => {
    const words = clean(text).split(' ');
    let cur = '';
    for (const w of words) {
      const next = cur ? `${cur} ${w}` : w;
      if (f.widthOfTextAtSize(next, s) > W - 2 * margin && cur) {
        line(cur, f, s);
        cur = w;
      } else cur = next;
    }
    if (cur) line(cur, f, s);
    y -= s * 0.5;
  };
  wrap(c.title, bold, size + 6);
  wrap(c.subtitle);
  const linkText = rng.pick(['Version en ligne', 'Consulter la version à jour', 'Document de référence']);
  page.drawText(linkText, { x: margin, y, size: size - 1, font, color: rgb(0.1, 0.2, 0.6) });
  const annot = pdf.context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: [margin, y - 2, margin + font.widthOfTextAtSize(linkText, size - 1), y + size],
    Border: [0, 0, 0],
    A: { Type: 'Action', S: 'URI', URI: PDFString.of(input.beaconUrl) },
  });
  page.node.set(PDFName.of('Annots'), pdf.context.obj([pdf.context.register(annot)]));
  y -= size * 2;
  marked(input).forEach((p, i) => {
    const h = c.headings.get(i);
    if (h) wrap(h, bold, size + 2);
    wrap(p);
  });
  if (c.table) for (const r of [c.table.headers, ...c.table.rows]) wrap(r.join('  |  '), font, size - 1.5);
  pdf.setTitle(clean(c.title));
  pdf.setAuthor(input.author);
  pdf.setSubject(clean(c.subtitle));
  pdf.setKeywords([input.reference, rng.pick(['campagne', 'interne', 'confidentiel', 'projet'])]);
  pdf.setCreator(rng.pick(['Microsoft® Word 2016', 'Microsoft® Word pour Office 365', 'LibreOffice 5.3', 'Writer']));
  pdf.setProducer(rng.pick(['Microsoft® Word 2016', 'LibreOffice 5.3', 'macOS Version 10.12.4 (Build 16E195) Quartz PDFContext']));
  pdf.setCreationDate(input.created);
  pdf.setModificationDate(input.modified);
  return Buffer.from(await pdf.save({ useObjectStreams: rng.chance(0.5) }));
}
