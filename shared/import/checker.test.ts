import { describe, expect, it } from 'vitest';
import { BatchChecker, ImportRefused, readHeader } from './checker';
import { checkRows, csvRows } from './source';
import { ImportedRow } from './types';
import type { Cell } from './text';

const HEAD = ['客户姓名', '身份证号', '手机号', '卡号', '委案金额', '逾期金额', '逾期天数', '委托方', '产品', '联系人', '关系', '联系人电话'];
const good = (over: Partial<Record<string, Cell>> = {}): Cell[] => {
  const base: Record<string, Cell> = {
    客户姓名: '张三', 身份证号: '11010519491231002X', 手机号: '+86 138 0013 8000', 卡号: '6222020001', 委案金额: '12,345.60', 逾期金额: '¥2,000', 逾期天数: '45', 委托方: '某银行', 产品: '信用卡',
    联系人: '李四', 关系: '配偶', 联系人电话: '139-0013-9000',
  };
  return HEAD.map((h) => (h in over ? (over[h] ?? null) : (base[h] ?? null)));
};
const opts = { asOf: '2026-12-05' };

describe('readHeader', () => {
  it('refuses a file without a required column and names it', () => {
    try {
      readHeader(['客户姓名', '手机号', '委案金额', '逾期天数'], {});
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ImportRefused);
      expect((e as ImportRefused).code).toBe('missingColumn');
      expect((e as ImportRefused).detail.columns).toEqual(['accountNo']);
    }
  });
  it('refuses a file with no creditor column unless one is given', () => {
    const h = ['姓名', '卡号', '逾期金额', '逾期日期'];
    expect(() => readHeader(h, {})).toThrow(expect.objectContaining({ code: 'noCreditor' }));
    expect(readHeader(h, { creditor: '某银行' }).fields).toEqual(['name', 'accountNo', 'overdue', 'overdueSince']);
  });
  it('lists unmapped columns for the mapping step; a mapped one is not listed', () => {
    const h = [...HEAD, '客户经理', '户籍'];
    expect(readHeader(h, {}).unmapped).toEqual(['客户经理', '户籍']);
    expect(readHeader(h, { mapping: { 户籍: 'homeAddress' } }).unmapped).toEqual(['客户经理']);
  });
  it('refuses an empty header row', () => expect(() => readHeader(['', ''], {})).toThrow(expect.objectContaining({ code: 'empty' })));
});

describe('BatchChecker rows', () => {
  it('normalises a good row; the hub schema accepts it', () => {
    const c = new BatchChecker(HEAD, opts);
    const r = c.row(good(), 2);
    expect(r).toEqual({
      row: 2, creditor: '某银行', product: 'credit_card', accountNo: '6222020001', name: '张三', idNumber: '11010519491231002X', homeAddress: null, workAddress: null, employer: null,
      principalFen: 1234560, balanceFen: 1234560, overdueFen: 200000, minDueFen: 0, overdueSince: '2026-10-21', lastPaymentDate: null, lastPaymentFen: null, entrustDate: null,
      expiryDate: null, phones: [{ kind: 'mobile', number: '13800138000' }], contacts: [{ name: '李四', relation: 'spouse', phone: '13900139000' }],
    });
    expect(ImportedRow.safeParse(r).success).toBe(true);
  });
  it('rejects a row with the row number, the header text and the reason; other rows still pass', () => {
    const c = new BatchChecker(HEAD, opts);
    expect(c.row(good({ 委案金额: new Date(Date.UTC(2024, 0, 1)), 身份证号: '110105194912310021' }), 7)).toBeNull();
    expect(c.rejected).toEqual([
      expect.objectContaining({ row: 7, column: '委案金额', code: 'wrongType' }),
      expect.objectContaining({ row: 7, column: '身份证号', code: 'idCheckDigit' }),
    ]);
    expect(c.row(good({ 卡号: 'B2' }), 8)).not.toBeNull();
  });
  it.each([
    [{ 客户姓名: '' }, '客户姓名', 'required'], [{ 卡号: null }, '卡号', 'required'], [{ 委案金额: '', 逾期金额: '' }, '委案金额', 'required'], [{ 逾期天数: '' }, '逾期天数', 'required'],
    [{ 委托方: '' }, '委托方', 'required'], [{ 手机号: '12345' }, '手机号', 'badPhone'], [{ 逾期天数: '4.5' }, '逾期天数', 'badInteger'], [{ 产品: '保险' }, '产品', 'unknownProduct'],
    [{ 逾期金额: '-3' }, '逾期金额', 'badAmount'], [{ 身份证号: 110105194912310020 }, '身份证号', 'storedAsNumber'], [{ 身份证号: '1101' }, '身份证号', 'badIdNumber'],
    [{ 客户姓名: '名'.repeat(65) }, '客户姓名', 'tooLong'], [{ 联系人电话: '000' }, '联系人电话', 'badPhone'],
  ])('%o -> %s %s', (over, column, reason) => {
    const c = new BatchChecker(HEAD, opts);
    expect(c.row(good(over), 3)).toBeNull();
    expect(c.rejected[0]).toMatchObject({ row: 3, column, code: reason });
  });
  it('the balance falls back to the overdue amount and the reverse; a date column beats days', () => {
    const c = new BatchChecker(['姓名', '卡号', '逾期金额', '逾期日期', '逾期天数'], { ...opts, creditor: 'C' });
    expect(c.row(['王五', 'A1', '500', '2024/3/2', '9'], 2)).toMatchObject({ balanceFen: 50000, overdueFen: 50000, principalFen: 50000, overdueSince: '2024-03-02', creditor: 'C' });
  });
  it('duplicate rows inside the file: the first imports, the later one is reported with it', () => {
    const c = new BatchChecker(HEAD, opts);
    expect(c.row(good(), 2)).not.toBeNull();
    expect(c.row(good({ 卡号: ' 6222020001 ' }), 5)).toBeNull();
    expect(c.rejected).toEqual([{ row: 5, column: '卡号', code: 'duplicateInFile', reason: 'same creditor and account number as row 2' }]);
    // the same account of another creditor is another case
    expect(c.row(good({ 委托方: '另一家' }), 6)).not.toBeNull();
  });
  it('blank rows are skipped, not rejected or counted', () => {
    const c = new BatchChecker(HEAD, opts);
    expect(c.row(['', null, ' '], 4)).toBeNull();
    expect(c.rows).toBe(0);
    expect(c.rejected).toEqual([]);
  });
});

async function* from(text: string): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7); // cut inside characters and records
}

describe('checkRows over CSV', () => {
  it('numbers rows as the spreadsheet does, counting a quoted multi-line cell as one row', async () => {
    const csv = '姓名,卡号,逾期金额,逾期天数,委托方\r\n张三,A1,100,3,X\r\n"李\n四",A2,abc,3,X\r\n\r\n王五,A3,"1,000",3,X\r\n';
    const got: string[] = [];
    const r = await checkRows(csvRows(from(csv), 'utf-8'), opts, { onRow: (row) => void got.push(`${row.row}:${row.name}`) });
    expect(got).toEqual(['2:张三', '5:王五']);
    expect(r.rejected).toEqual([expect.objectContaining({ row: 3, column: '逾期金额', code: 'badAmount' })]);
    expect(r).toMatchObject({ rows: 3, good: 2 });
  });
  it('refuses an empty file and a header without data', async () => {
    await expect(checkRows(csvRows(from('\r\n\r\n'), 'utf-8'), opts)).rejects.toMatchObject({ code: 'empty' });
    await expect(checkRows(csvRows(from('姓名,卡号,逾期金额,逾期天数,委托方\r\n'), 'utf-8'), opts)).rejects.toMatchObject({ code: 'empty' });
  });
  it('stops at a preview limit and reports progress', async () => {
    const csv = `姓名,卡号,逾期金额,逾期天数,委托方\n${Array.from({ length: 50 }, (_, i) => `n${i},A${i},1,1,X`).join('\n')}`;
    const seen: number[] = [];
    const r = await checkRows(csvRows(from(csv), 'utf-8'), opts, { limit: 20, onProgress: (n) => seen.push(n), progressEvery: 10 });
    expect(r.rows).toBe(20);
    expect(seen).toEqual([10, 20]);
  });
});

describe('lost characters', () => {
  it('a cell with U+FFFD is rejected (badCharacters), never imported mangled', () => {
    const c = new BatchChecker(HEAD, opts);
    expect(c.row(good({ 客户姓名: '张\uFFFD' }), 4)).toBeNull();
    expect(c.rejected[0]).toMatchObject({ row: 4, column: '客户姓名', code: 'badCharacters' });
  });
});

describe('the debtor’s time zone column (issue 11)', () => {
  it('reads an IANA zone from 时区, leaves it out when blank, and refuses one Intl does not know, naming the column', () => {
    const head = [...HEAD, '时区'];
    const b = new BatchChecker(head, opts);
    const withZone = b.row([...good(), 'Asia/Urumqi'], 2);
    expect(withZone?.timeZone).toBe('Asia/Urumqi');
    expect(ImportedRow.safeParse(withZone).success).toBe(true);
    expect(b.row([...good({ 卡号: '6222020002' }), ''], 3)?.timeZone).toBeUndefined();
    expect(b.row([...good({ 卡号: '6222020003' }), 'Mars/Olympus'], 4)).toBeNull();
    expect(b.rejected).toEqual([{ row: 4, column: '时区', code: 'badTimeZone', reason: expect.stringContaining('IANA') }]);
    expect(ImportedRow.safeParse({ ...withZone, timeZone: 'Mars/Olympus' }).success).toBe(false);
  });
});
