/**
 * PDF from a DocModel with pdfmake 0.2's server-side printer (no browser) and an embedded Noto
 * Sans SC (OFL-1.1, regular and a real bold): every name prints, 喆 堃 昇 犇 镕 included. pdfkit
 * embeds only the glyphs used, so a page of Chinese is tens of KB.
 */
import type PdfPrinter from 'pdfmake';
import type { Content, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import type { DocBlock, DocModel } from '../../../shared/reports/document';

const FONT = 'NotoSansSC';
let printer: PdfPrinter | null = null;

/** The font files ship in node_modules (desk: unpacked from the asar, see electron-builder.yml). */
export function fontFiles(): { normal: string; bold: string } {
  return {
    normal: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
    bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
  };
}

/** pdfmake (with pdfkit and fontkit) loads on the first PDF: about 0.2 s a desk or hub need not pay at start. */
async function getPrinter(): Promise<PdfPrinter> {
  if (!printer) {
    const f = fontFiles();
    const Printer = (await import('pdfmake')).default;
    printer = new Printer({ [FONT]: { normal: f.normal, bold: f.bold, italics: f.normal, bolditalics: f.bold } });
  }
  return printer;
}

function blockContent(b: DocBlock): Content {
  switch (b.t) {
    case 'title':
      return { text: b.text, style: 'title' };
    case 'meta':
      return { text: b.text, style: 'meta' };
    case 'heading':
      return { text: b.text, style: b.level === 1 ? 'h1' : 'h2', headlineLevel: b.level };
    case 'para':
      return { text: b.text, margin: [0, 2, 0, 4] };
    case 'bullets':
      return { ul: b.items, margin: [0, 2, 0, 4] };
    case 'table': {
      const cols = b.header.length > 0 ? b.header.length : (b.rows[0]?.length ?? 1);
      const num = new Set(b.numeric ?? []);
      const body: TableCell[][] = [];
      if (b.header.length > 0) body.push(b.header.map((h, i) => ({ text: h, bold: true, fillColor: '#eef2f7', alignment: num.has(i) ? 'right' : 'left' })));
      for (const r of b.rows) body.push(r.map((cell, i) => ({ text: cell, alignment: num.has(i) ? 'right' : 'left', bold: b.header.length === 0 && i % 2 === 0 })));
      if (body.length === 0) body.push(Array.from({ length: cols }, () => ''));
      return {
        table: { headerRows: b.header.length > 0 ? 1 : 0, widths: Array.from({ length: cols }, () => '*'), body },
        layout: 'lightHorizontalLines',
        fontSize: 9,
        margin: [0, 2, 0, 6],
      };
    }
  }
}

export function pdfDefinition(doc: DocModel): TDocumentDefinitions {
  return {
    info: { title: doc.title, creator: 'CollectDesk 催收工作台' },
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 48],
    defaultStyle: { font: FONT, fontSize: 10, lineHeight: 1.25 },
    styles: {
      title: { fontSize: 18, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
      meta: { fontSize: 9, color: '#555555', alignment: 'center', margin: [0, 0, 0, 10] },
      h1: { fontSize: 13, bold: true, margin: [0, 10, 0, 4] },
      h2: { fontSize: 11, bold: true, margin: [0, 6, 0, 2] },
    },
    footer: (page: number, pages: number) => ({ text: `${page} / ${pages}`, alignment: 'center', fontSize: 8, color: '#888888', margin: [0, 16, 0, 0] }),
    content: doc.blocks.map(blockContent),
    // A heading never ends a page: it moves to the next one with what it heads.
    pageBreakBefore: (node, following) => node.headlineLevel !== undefined && following.length < 3,
  };
}

export async function writePdf(doc: DocModel): Promise<Buffer> {
  const pdf = (await getPrinter()).createPdfKitDocument(pdfDefinition(doc));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.end();
  });
}
