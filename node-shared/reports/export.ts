/** A plan or summary as a file: the document model (shared/reports/document.ts) printed by one writer. */
import type { Locale } from '../../shared/domain/enums';
import { buildPlanDoc, buildSummaryDoc, type DocModel } from '../../shared/reports/document';
import type { DocFormat, PlanData, SummaryData } from '../../shared/reports/model';
import { writeDocx } from './writers/docx';
import { writePdf } from './writers/pdf';
import { writeXlsx } from './writers/xlsx';

export const MIME: Record<DocFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function writeDoc(doc: DocModel, format: DocFormat): Promise<Buffer> {
  switch (format) {
    case 'docx':
      return writeDocx(doc);
    case 'pdf':
      return writePdf(doc);
    case 'xlsx':
      return writeXlsx(doc);
  }
}

export type ReportDoc = { kind: 'summary'; data: SummaryData } | { kind: 'plan'; data: PlanData };

export async function exportReport(r: ReportDoc, format: DocFormat, locale: Locale): Promise<{ fileName: string; mime: string; bytes: Buffer }> {
  const doc = r.kind === 'summary' ? buildSummaryDoc(r.data, locale) : buildPlanDoc(r.data, locale);
  return { fileName: `${doc.fileStem}.${format}`, mime: MIME[format], bytes: await writeDoc(doc, format) };
}
