/**
 * DOCX from a DocModel with the `docx` package. Every run carries the eastAsia font, or Word
 * picks a Latin font for Chinese text (the `w:eastAsia` attribute of the run fonts).
 */
import {
  AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import type { DocBlock, DocModel } from '../../../shared/reports/document';

const FONT = { ascii: 'Calibri', hAnsi: 'Calibri', eastAsia: '微软雅黑', cs: 'Calibri' };
const run = (text: string, o: { bold?: boolean; size?: number; color?: string } = {}): TextRun => new TextRun({ text, font: FONT, ...o });
const thin = { style: BorderStyle.SINGLE, size: 4, color: 'BFBFBF' };

function table(b: Extract<DocBlock, { t: 'table' }>): Table {
  const num = new Set(b.numeric ?? []);
  const cell = (text: string, i: number, head: boolean): TableCell => new TableCell({
    children: [new Paragraph({ alignment: num.has(i) ? AlignmentType.RIGHT : AlignmentType.LEFT, keepNext: head, children: [run(text, { bold: head || (b.header.length === 0 && i % 2 === 0), size: 19 })] })],
    ...(head ? { shading: { type: ShadingType.CLEAR, fill: 'EEF2F7', color: 'auto' } } : {}),
  });
  const rows: TableRow[] = [];
  if (b.header.length > 0) rows.push(new TableRow({ tableHeader: true, children: b.header.map((h, i) => cell(h, i, true)) }));
  for (const r of b.rows) rows.push(new TableRow({ children: r.map((t, i) => cell(t, i, false)) }));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin },
    rows,
  });
}

function blocks(b: DocBlock): (Paragraph | Table)[] {
  switch (b.t) {
    case 'title':
      return [new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [run(b.text, { bold: true, size: 36 })] })];
    case 'meta':
      return [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [run(b.text, { size: 18, color: '555555' })] })];
    case 'heading':
      return [new Paragraph({ heading: b.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, keepNext: true, spacing: { before: 200, after: 80 }, children: [run(b.text, { bold: true, size: b.level === 1 ? 26 : 22 })] })];
    case 'para':
      return b.text.split('\n').map((line) => new Paragraph({ children: [run(line)] }));
    case 'bullets':
      return b.items.map((item) => new Paragraph({ bullet: { level: 0 }, children: [run(item)] }));
    case 'table':
      return [table(b), new Paragraph({ children: [] })];
  }
}

export function writeDocx(doc: DocModel): Promise<Buffer> {
  const d = new Document({
    creator: 'CollectDesk 催收工作台',
    title: doc.title,
    styles: { default: { document: { run: { font: FONT, size: 21 } } } },
    sections: [{ children: doc.blocks.flatMap(blocks) }],
  });
  return Packer.toBuffer(d);
}
