import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { addCase, openTestDesk, tempDir, type TestDesk } from '../../fixtures/desk';
import { asLead, MESSY_OVERDUE_FEN, MESSY_REJECTED, upload, uploadFixture } from './helpers';

let t: TestDesk;
afterEach(() => t?.close());

type Apply = { report: { accepted: number; updated: number; updatedAccounts: { row: number; accountNo: string }[]; rejected: { row: number; column: string; code: string; reason: string }[]; totals: { cases: number; overdue_fen: number }; batchNo: string | null } | null; refused: { code: string; message: string } | null };

async function withExisting(): Promise<number> {
  t = await openTestDesk();
  // the case the file updates: same creditor and account, worked already (attempts, assignment stay)
  const { caseId } = addCase(t, { agentId: t.agentId, accountNo: '6222020000000099', attemptCount: 3, overdueFen: 1 });
  t.desk.ctx.prep("UPDATE cases SET creditor = '招商银行' WHERE id = ?").run(caseId);
  await asLead(t);
  return caseId;
}

describe('desk import (local mode)', () => {
  it.each(['messy-utf8-bom.csv', 'messy-utf8.csv', 'messy-gbk.csv'])('%s: accepted, updated, rejected with row, column and reason; one batch, one audit entry', async (name) => {
    const existing = await withExisting();
    const before = { cases: t.count('cases'), audit: t.count('audit_log') };
    const id = await uploadFixture(t, name);
    const preview = await t.call('importer.preview', { uploadId: id });
    expect(preview.refused).toBeNull();
    expect(preview.encoding).toBe(name.includes('gbk') ? 'gb18030' : 'utf-8');
    expect(preview.unmapped).toEqual(['客户经理']);
    expect(preview.sample[0]).toMatchObject({ name: '张伟', accountNo: '6222020000000001', balanceFen: 1_234_560, overdueFen: 200_000, lastPaymentFen: 50_000 });

    const r: Apply = await t.call('importer.apply', { uploadId: id });
    expect(r.refused).toBeNull();
    const rep = r.report!;
    expect(rep.rejected.map((x) => [x.row, x.column, x.code])).toEqual(MESSY_REJECTED);
    expect(rep.rejected.every((x) => x.reason.length > 5)).toBe(true);
    expect(rep).toMatchObject({ accepted: 5, updated: 1, updatedAccounts: [{ row: 14, accountNo: '6222020000000099' }], totals: { cases: 6, overdue_fen: MESSY_OVERDUE_FEN } });
    expect(t.count('cases')).toBe(before.cases + 5);
    expect(t.count('batches', "creditor = '招商银行'")).toBe(1);
    expect(t.count('batches', "creditor = '中信银行'")).toBe(1);
    expect(t.count('audit_log')).toBe(before.audit + 1);
    const updated = t.desk.ctx.prep<{ overdue_fen: number; attempt_count: number; assigned_agent_id: number; batch_id: number | null }>('SELECT * FROM cases WHERE id = ?').get(existing);
    expect(updated).toMatchObject({ overdue_fen: 600_000, attempt_count: 3, assigned_agent_id: t.agentId });
    expect(updated?.batch_id).not.toBeNull();
    // full-width digits, dates in all forms, +86 phones, a quoted two-line address
    const wang = t.desk.ctx.prep<Record<string, unknown>>("SELECT c.*, d.gender, d.birth_date FROM cases c JOIN debtors d ON d.id = c.debtor_id WHERE account_no = '62220200000000002'").get();
    expect(wang).toMatchObject({ balance_fen: 800_000, overdue_fen: 300_000, last_payment_date: '2024-01-15', entrust_date: '2026-11-01', expiry_date: '2027-02-28', gender: 'F', birth_date: '1990-03-07' });
    expect(t.desk.ctx.prep("SELECT number FROM phones WHERE number = '13700137000'").get()).toBeTruthy();
    expect(t.desk.ctx.prep("SELECT home_address FROM debtors WHERE name = '黄蕾'").get()).toEqual({ home_address: '上海市浦东新区 世纪大道100号' });
    expect(t.desk.ctx.prep("SELECT c.name, c.relation FROM contacts c JOIN debtors d ON d.id = c.debtor_id WHERE d.name = '张伟'").get()).toEqual({ name: '李娜', relation: 'spouse' });
    // 张伟 has two cases (two creditors), one debtor (same ID number)
    expect(t.count('debtors', "id_number = '110105198503121234'")).toBe(1);
    expect(t.count('cases', "account_no = '6222020000000001'")).toBe(2);
    // every case carries its debtor's name (the queue's name search reads it there)
    expect(t.count('cases', 'debtor_name IS NOT (SELECT d.name FROM debtors d WHERE d.id = cases.debtor_id)')).toBe(0);
    expect(t.count('cases', "debtor_name = '张伟'")).toBe(2);
  });

  it('the same file again updates every case, duplicates none', async () => {
    await withExisting();
    await t.call('importer.apply', { uploadId: await uploadFixture(t, 'messy-utf8-bom.csv') });
    const cases = t.count('cases');
    const r: Apply = await t.call('importer.apply', { uploadId: await uploadFixture(t, 'messy-utf8-bom.csv') });
    expect(r.report).toMatchObject({ accepted: 0, updated: 6 });
    expect(t.count('cases')).toBe(cases);
    expect(t.count('phones', "number = '13800138000'")).toBe(1);
  });

  it('a dry run reports the same and writes nothing', async () => {
    await withExisting();
    const before = [t.count('cases'), t.count('batches'), t.count('audit_log'), t.count('debtors')];
    const r: Apply = await t.call('importer.apply', { uploadId: await uploadFixture(t, 'messy-gbk.csv'), dryRun: true });
    expect(r.report).toMatchObject({ accepted: 5, updated: 1, dryRun: true });
    expect([t.count('cases'), t.count('batches'), t.count('audit_log'), t.count('debtors')]).toEqual(before);
  });

  it('an XLSX saved by LibreOffice: date cells, yyyymmdd numbers, serials; a Calc-made date in an amount column is rejected', async () => {
    t = await openTestDesk();
    await asLead(t);
    const id = await uploadFixture(t, 'libreoffice.xlsx');
    const preview = await t.call('importer.preview', { uploadId: id });
    expect(preview).toMatchObject({ kind: 'xlsx', encoding: null, unmapped: [], refused: null });
    const r: Apply = await t.call('importer.apply', { uploadId: id });
    expect(r.report?.rejected.map((x) => [x.row, x.column, x.code])).toEqual([[3, '逾期金额', 'wrongType'], [5, '逾期日期', 'badDate']]);
    expect(r.report).toMatchObject({ accepted: 2, updated: 0, totals: { cases: 2, overdue_fen: 900_000 } });
    const chen = t.desk.ctx.prep<Record<string, unknown>>("SELECT * FROM cases WHERE account_no = 'HT-2024-0001'").get();
    expect(chen).toMatchObject({ creditor: '平安普惠', product: 'personal_loan', balance_fen: 1_500_050, overdue_since: '2024-03-02', last_payment_date: '2024-01-15' });
    expect(t.desk.ctx.prep("SELECT overdue_since FROM cases WHERE account_no = 'HT-2024-0003'").get()).toEqual({ overdue_since: '2024-03-02' });
    expect(t.desk.ctx.prep("SELECT id_number FROM debtors WHERE name = '陈静'").get()).toEqual({ id_number: '110105198503121234' });
    expect(t.desk.ctx.prep("SELECT number FROM phones WHERE owner = 'related'").get()).toEqual({ number: '13900139000' });
  });

  it.each([
    ['not-a-spreadsheet.pdf', 'notSpreadsheet'],
    ['malformed-truncated.xlsx', 'notSpreadsheet'],
  ])('%s is refused (%s) and nothing is written', async (name, code) => {
    await withExisting();
    const before = [t.count('cases'), t.count('batches'), t.count('audit_log')];
    const id = await uploadFixture(t, name);
    expect((await t.call('importer.preview', { uploadId: id })).refused).toMatchObject({ code });
    const r: Apply = await t.call('importer.apply', { uploadId: id });
    expect(r).toMatchObject({ report: null, refused: { code } });
    expect([t.count('cases'), t.count('batches'), t.count('audit_log')]).toEqual(before);
  });

  it('an empty file, a header without rows and a missing required column are refused with that reason', async () => {
    t = await openTestDesk();
    await asLead(t);
    const cases = t.count('cases');
    for (const [text, code] of [['', 'empty'], ['\uFEFF\r\n', 'empty'], ['姓名,卡号,逾期金额,逾期天数,委托方\r\n', 'empty'], ['姓名,逾期金额,逾期天数,委托方\r\n张三,1,1,X\r\n', 'missingColumn'], ['姓名,卡号,逾期金额,逾期天数\r\n张三,A,1,1\r\n', 'noCreditor']] as const) {
      const r: Apply = await t.call('importer.apply', { uploadId: await upload(t, Buffer.from(text), 'x.csv') });
      expect(r.refused?.code, text).toBe(code);
    }
    expect(t.count('cases')).toBe(cases);
  });

  it('a hand mapping for unknown columns, saved as the creditor preset and used next time', async () => {
    t = await openTestDesk();
    await asLead(t);
    const csv = Buffer.from('户名,借据编号,欠款,DPD,备注\r\n张三,JJ-1,"1,000",5,x\r\n');
    const id = await upload(t, csv, 'odd.csv');
    const first = await t.call('importer.preview', { uploadId: id, creditor: '某消金' });
    expect(first.refused).toMatchObject({ code: 'missingColumn' });
    expect(first.headers).toEqual(['户名', '借据编号', '欠款', 'DPD', '备注']);
    const mapping = { 户名: 'name', 借据编号: 'accountNo', 欠款: 'balance', 备注: null } as const;
    const r: Apply = await t.call('importer.apply', { uploadId: id, creditor: '某消金', mapping, savePreset: true });
    expect(r.report).toMatchObject({ accepted: 1 });
    expect(await t.call('importer.preset', { creditor: '某消金' })).toEqual({ mapping });
    const again = await t.call('importer.preview', { uploadId: await upload(t, csv, 'odd.csv'), creditor: '某消金' });
    expect(again).toMatchObject({ presetUsed: true, refused: null, unmapped: [], fields: ['name', 'accountNo', 'balance', 'overdueDays', null] });
  });

  it('report exports (XLSX and CSV) escape cells a spreadsheet would run as formulas', async () => {
    t = await openTestDesk();
    await asLead(t);
    const csv = Buffer.from('姓名,卡号,=HYPERLINK("http://x"),逾期天数,委托方\r\n张三,A1,-5,3,X\r\n李四,A2,100,3,X\r\n');
    const id = await upload(t, csv, 'evil.csv');
    const r: Apply = await t.call('importer.apply', { uploadId: id, mapping: { '=HYPERLINK("http://x")': 'overdue' } });
    expect(r.report?.rejected).toEqual([expect.objectContaining({ row: 2, column: '=HYPERLINK("http://x")', code: 'badAmount' })]);
    const c = await t.call('importer.export', { uploadId: id, format: 'csv', locale: 'en' });
    const text = Buffer.from(c.base64, 'base64').toString('utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).not.toMatch(/(^|,)"?[=+\-@]/m);
    const x = await t.call('importer.export', { uploadId: id, format: 'xlsx', locale: 'zh-CN' });
    const file = path.join(tempDir(), x.fileName);
    fs.writeFileSync(file, Buffer.from(x.base64, 'base64'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const values: unknown[] = [];
    wb.worksheets[0]?.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    expect(values).toContain(`'=HYPERLINK("http://x")`);
    expect(values.every((v) => typeof v === 'string')).toBe(true);
    expect(values).toContain('新增案件');
  });
});

describe('desk import: the debtor’s time zone column (issue 11)', () => {
  it('a 时区 column sets the case’s zone (contact.check then reads the quiet hours in it); a bad zone is a rejected row naming the column', async () => {
    t = await openTestDesk();
    await asLead(t);
    const csv = ['客户姓名,卡号,委案金额,逾期天数,委托方,手机号,时区', '张三,6222020000000501,1000,30,某银行,13800138000,Asia/Urumqi', '李四,6222020000000502,1000,30,某银行,13800138001,Mars/Olympus', '王五,6222020000000503,1000,30,某银行,13800138002,'].join('\n');
    const id = await upload(t, Buffer.from(csv, 'utf8'), 'zones.csv');
    const r: Apply = await t.call('importer.apply', { uploadId: id });
    expect(r.report?.rejected.map((x) => [x.row, x.column, x.code])).toEqual([[3, '时区', 'badTimeZone']]);
    const zones = t.desk.ctx.prep<{ account_no: string; time_zone: string | null }>("SELECT account_no, time_zone FROM cases WHERE account_no LIKE '622202000000050%' ORDER BY account_no").all();
    expect(zones).toEqual([{ account_no: '6222020000000501', time_zone: 'Asia/Urumqi' }, { account_no: '6222020000000503', time_zone: null }]);
  });
});
