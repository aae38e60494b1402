/**
 * A filled document laid out as PDF with pdfkit, in Noto Sans SC (regular and bold, read once;
 * fontkit embeds only the glyphs a document uses, so a form is tens of KB): headings, paragraphs,
 * bordered field grids, line tables that repeat their head on each page, signature lines, and a
 * footer with the page number and the print time on every page.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Align, FilledBlock, FilledDocument } from './resolve.js';
import { formatDateTime } from './format.js';

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function fontFiles(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')),
    bold: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf')),
  };
  return fonts;
}

const MM = 72 / 25.4;
const SIZE = { body: 10, small: 8, h1: 18, h2: 12 };
const PAD = 4;
const LINE = '#444444';
const SHADE = '#f0f0f0';

type Doc = PDFKit.PDFDocument;

/** Draws cells of one row at the current y; returns the row height. */
function row(doc: Doc, x0: number, widths: number[], cells: string[], opts: { bold?: boolean; shade?: boolean[]; align?: Align[] } = {}): number {
  const h = rowHeight(doc, widths, cells, opts.bold);
  const y = doc.y;
  let x = x0;
  cells.forEach((c, i) => {
    if (opts.shade?.[i]) doc.rect(x, y, widths[i], h).fill(SHADE).fillColor('black');
    doc.rect(x, y, widths[i], h).lineWidth(0.5).stroke(LINE);
    doc.text(c, x + PAD, y + PAD, { width: widths[i] - 2 * PAD, align: opts.align?.[i] ?? 'left' });
    x += widths[i];
  });
  doc.x = x0;
  doc.y = y + h;
  return h;
}

/** A new page when `height` does not fit under the current y. */
function ensureRoom(doc: Doc, height: number): boolean {
  if (doc.y + height <= doc.page.height - doc.page.margins.bottom) return false;
  doc.addPage();
  return true;
}

function rowHeight(doc: Doc, widths: number[], cells: string[], bold = false): number {
  doc.font(bold ? 'bold' : 'regular').fontSize(SIZE.body);
  return Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i] - 2 * PAD }))) + 2 * PAD;
}

function drawBlock(doc: Doc, block: FilledBlock, left: number, width: number): void {
  switch (block.type) {
    case 'heading': {
      const size = block.level === 1 ? SIZE.h1 : SIZE.h2;
      doc.font('bold').fontSize(size);
      ensureRoom(doc, doc.heightOfString(block.text, { width }) + 24);
      doc.moveDown(block.level === 1 ? 0.2 : 0.6);
      doc.text(block.text, left, doc.y, { width, align: block.level === 1 ? 'center' : 'left' });
      doc.moveDown(block.level === 1 ? 0.6 : 0.3);
      return;
    }
    case 'paragraph':
      doc.font('regular').fontSize(SIZE.body);
      ensureRoom(doc, doc.heightOfString(block.text || ' ', { width }));
      doc.text(block.text, left, doc.y, { width, align: block.align, lineGap: 2 });
      doc.moveDown(0.5);
      return;
    case 'fields': {
      const per = block.columns;
      const labelW = (width / per) * 0.34;
      const widths = Array.from({ length: per }, () => [labelW, width / per - labelW]).flat();
      for (let i = 0; i < block.items.length; i += per) {
        const items = block.items.slice(i, i + per);
        while (items.length < per) items.push({ label: '', value: '' });
        const cells = items.flatMap((it) => [it.label, it.value]);
        ensureRoom(doc, rowHeight(doc, widths, cells));
        row(doc, left, widths, cells, { shade: cells.map((_, j) => j % 2 === 0) });
      }
      doc.moveDown(0.6);
      return;
    }
    case 'lines': {
      const total = block.columns.reduce((s, c) => s + c.width, 0);
      const widths = block.columns.map((c) => (c.width / total) * width);
      const head = block.columns.map((c) => c.label);
      const align = block.columns.map((c) => c.align);
      const drawHead = () => row(doc, left, widths, head, { bold: true, shade: head.map(() => true), align: head.map(() => 'center' as const) });
      ensureRoom(doc, rowHeight(doc, widths, head, true) * 2);
      drawHead();
      if (!block.rows.length) row(doc, left, [width], [block.empty], { align: ['center'] });
      for (const cells of block.rows) {
        if (ensureRoom(doc, rowHeight(doc, widths, cells))) drawHead();
        row(doc, left, widths, cells, { align });
      }
      if (block.totals) {
        ensureRoom(doc, rowHeight(doc, widths, block.totals, true));
        row(doc, left, widths, block.totals, { bold: true, align });
      }
      doc.moveDown(0.6);
      return;
    }
    case 'signatures': {
      const n = block.labels.length;
      const w = width / n;
      ensureRoom(doc, 60);
      const y = doc.y + 10;
      doc.font('regular').fontSize(SIZE.body);
      block.labels.forEach((label, i) => {
        const x = left + i * w;
        doc.text(`${label}：`, x, y, { width: w - 10 });
        doc.moveTo(x, y + 34).lineTo(x + w - 16, y + 34).lineWidth(0.5).stroke(LINE);
        doc.fontSize(SIZE.small).text('日期：      年    月    日', x, y + 40, { width: w - 10 });
        doc.fontSize(SIZE.body);
      });
      doc.x = left;
      doc.y = y + 60;
      return;
    }
    case 'spacer':
      doc.y += block.heightMm * MM;
      return;
  }
}

/** The PDF bytes of `filled`; `printedAt` goes in every page's footer. */
export function renderPdf(filled: FilledDocument, printedAt: Date = new Date()): Promise<Buffer> {
  const { regular, bold } = fontFiles();
  const margin = filled.page.marginMm * MM;
  const doc = new PDFDocument({
    size: filled.page.size,
    layout: filled.page.orientation,
    margins: { top: margin, bottom: margin + 14, left: margin, right: margin },
    bufferPages: true,
    info: { Title: filled.title, Producer: 'CRM', Creator: 'CRM document templates' },
    lang: 'zh-CN',
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  for (const block of filled.blocks) drawBlock(doc, block, left, width);

  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // the footer sits in the bottom margin: no page break for it
    doc.font('regular').fontSize(SIZE.small).fillColor('#666666');
    doc.text(`第 ${i + 1} 页 / 共 ${count} 页    打印时间：${formatDateTime(printedAt)}`, left, doc.page.height - bottom + 4, { width, align: 'center', lineBreak: false });
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
