/** The evidence pack of a case: a PDF to read, and a ZIP with the JSON records and that PDF. */
import type { Locale } from '../../../shared/domain/enums';
import { localDateOf, localTimeOf } from '../../../shared/domain/dates';
import { formatFen } from '../../../shared/domain/money';
import type { DocModel } from '../../../shared/reports/document';
import type { Ctx } from '../context';
import { appendAudit } from '../audit/audit';
import { writePdf } from '../../../node-shared/reports/writers/pdf';
import { collectEvidence, type EvidenceRecords } from './collect';
import { writeZip } from './zip';

const L = {
  'zh-CN': {
    title: '案件证据包', case: '案件', generated: '生成时间', rule: '两次可证明的催收间隔至少 30 天', holds: '成立', notHolds: '不成立',
    dates: (a: string | null, b: string | null, g: number | null) => (a ? `日期：${a}${b ? ` 与 ${b}，相隔 ${g ?? 0} 天` : ''}` : '尚无可证明的催收'),
    attempts: '催记', promises: '承诺还款', payments: '还款', messages: '短信与信函', audit: '审计记录',
    hAttempt: ['时间', '渠道', '对象', '结果', '备注'], hPromise: ['金额', '约定日期', '状态'], hPayment: ['金额', '日期', '来源'], hMessage: ['时间', '渠道', '收件', '状态', '内容'], hAudit: ['序号', '时间', '操作'],
    kinds: { call: '接通电话', sms: '短信', letter: '信函' },
  },
  en: {
    title: 'Case evidence pack', case: 'Case', generated: 'Generated', rule: 'Two provable collections at least 30 days apart', holds: 'holds', notHolds: 'does not hold',
    dates: (a: string | null, b: string | null, g: number | null) => (a ? `Dates: ${a}${b ? ` and ${b}, ${g ?? 0} days apart` : ''}` : 'No provable collection yet'),
    attempts: 'Contact attempts', promises: 'Promises to pay', payments: 'Payments', messages: 'SMS and letters', audit: 'Audit trail',
    hAttempt: ['Time', 'Channel', 'Party', 'Outcome', 'Note'], hPromise: ['Amount', 'Due date', 'State'], hPayment: ['Amount', 'Date', 'Source'], hMessage: ['Time', 'Channel', 'To', 'Status', 'Text'], hAudit: ['Seq', 'Time', 'Action'],
    kinds: { call: 'connected call', sms: 'SMS', letter: 'letter' },
  },
} as const;

export function evidenceDoc(r: EvidenceRecords, locale: Locale, zone: string, now: Date): DocModel {
  const l = L[locale];
  const when = (iso: string) => `${localDateOf(new Date(iso), zone)} ${localTimeOf(new Date(iso), zone)}`;
  const e = r.evidence;
  return {
    title: `${l.title} ${r.case.id}`,
    fileStem: `evidence-${r.case.id}`,
    blocks: [
      { t: 'title', text: `${l.title} — ${l.case} ${r.case.id}` },
      { t: 'meta', text: `${r.case.creditor} ****${r.case.accountTail} · ${formatFen(r.case.balanceFen, locale)} · ${l.generated} ${when(now.toISOString())}` },
      { t: 'heading', level: 1, text: `${l.rule}: ${e.holds ? l.holds : l.notHolds}` },
      { t: 'para', text: l.dates(e.first, e.second, e.gapDays) },
      { t: 'bullets', items: e.collections.map((x) => `${x.date} ${l.kinds[x.kind]}`) },
      { t: 'heading', level: 2, text: l.attempts },
      { t: 'table', header: [...l.hAttempt], rows: r.attempts.map((a) => [when(a.at), a.channel, a.party, a.outcomeCode, a.note.slice(0, 120)]) },
      { t: 'heading', level: 2, text: l.promises },
      { t: 'table', header: [...l.hPromise], rows: r.promises.map((p) => [formatFen(p.amountFen, locale), p.dueDate, p.state]), numeric: [0] },
      { t: 'heading', level: 2, text: l.payments },
      { t: 'table', header: [...l.hPayment], rows: r.payments.map((p) => [formatFen(p.amountFen, locale), p.paidDate, p.source]), numeric: [0] },
      { t: 'heading', level: 2, text: l.messages },
      { t: 'table', header: [...l.hMessage], rows: r.messages.map((m) => [when(m.at), m.channel, m.destination, m.status, m.content.slice(0, 160)]) },
      { t: 'heading', level: 2, text: l.audit },
      { t: 'table', header: [...l.hAudit], rows: r.audit.map((a) => [String(a.seq), when(a.at), a.action]) },
    ],
    sheets: [],
  };
}

export async function evidencePack(ctx: Ctx, caseId: string, format: 'pdf' | 'zip'): Promise<{ fileName: string; mime: string; data: Buffer }> {
  const { c, records } = collectEvidence(ctx, caseId);
  const now = ctx.clock();
  const settings = ctx.settings();
  const pdf = await writePdf(evidenceDoc(records, settings.locale, settings.timeZone, now));
  const stem = `evidence-${c.id}-${localDateOf(now, settings.timeZone)}`;
  ctx.db.transaction(() => appendAudit(ctx, { action: 'evidence.pack', entity: 'case', entityId: c.id, detail: { format, holds: records.evidence.holds } }))();
  if (format === 'pdf') return { fileName: `${stem}.pdf`, mime: 'application/pdf', data: pdf };
  const json = (v: unknown) => Buffer.from(`${JSON.stringify(v, null, 2)}\n`, 'utf8');
  const zip = writeZip([
    { name: `${stem}.pdf`, data: pdf, date: now },
    { name: 'case.json', data: json(records.case), date: now },
    { name: 'evidence.json', data: json(records.evidence), date: now },
    { name: 'attempts.json', data: json(records.attempts), date: now },
    { name: 'promises.json', data: json(records.promises), date: now },
    { name: 'payments.json', data: json(records.payments), date: now },
    { name: 'messages.json', data: json(records.messages), date: now },
    { name: 'audit.json', data: json(records.audit), date: now },
  ]);
  return { fileName: `${stem}.zip`, mime: 'application/zip', data: zip };
}
