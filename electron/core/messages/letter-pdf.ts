/** A letter as a PDF: the summaries' own PDF writer (pdfmake, embedded Noto Sans SC). */
import type { RouteOutput, RouteParsed } from '../../../shared/contract';
import type { DocModel } from '../../../shared/reports/document';
import { localDateOf } from '../../../shared/domain/dates';
import type { Ctx } from '../context';
import { loadCaseFor } from '../cases/case-get';
import { DeskFailure, notFound } from '../errors';
import { writePdf } from '../../../node-shared/reports/writers/pdf';
import { compose } from './compose';
import { messageById } from './send';

/** Pages in a PDF file: its page objects. */
export const pdfPageCount = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

export function letterDoc(subject: string, text: string, dateLine: string, fileStem: string): DocModel {
  return {
    title: subject,
    fileStem,
    blocks: [{ t: 'title', text: subject }, { t: 'meta', text: dateLine }, ...text.split(/\n{2,}|\n/).filter((p) => p.trim() !== '').map((p) => ({ t: 'para' as const, text: p }))],
    sheets: [],
  };
}

export async function letterPdf(ctx: Ctx, i: RouteParsed<'message.letterPdf'>, today: string): Promise<RouteOutput<'message.letterPdf'>> {
  let subject: string;
  let text: string;
  let date: string;
  let caseId: number;
  if ('messageId' in i) {
    const m = messageById(ctx, i.messageId);
    if (!m) throw notFound('message');
    loadCaseFor(ctx, String(m.case_id)); // the same access as the case
    if (m.channel !== 'letter') throw new DeskFailure('VALIDATION', 'Only a letter prints as a PDF.', { field: 'messageId' });
    ({ subject, content: text } = m);
    date = localDateOf(new Date(m.created_at), ctx.settings().timeZone);
    caseId = m.case_id;
  } else {
    const m = compose(ctx, i, today);
    if (m.template.channel !== 'letter') throw new DeskFailure('VALIDATION', 'Only a letter prints as a PDF.', { field: 'templateId' });
    ({ subject, text } = m);
    date = today;
    caseId = m.c.id;
  }
  const stem = `letter-${caseId}-${date}`;
  const pdf = await writePdf(letterDoc(subject || 'Letter', text, date, stem));
  return { fileName: `${stem}.pdf`, mime: 'application/pdf', base64: pdf.toString('base64'), pages: pdfPageCount(pdf) };
}
