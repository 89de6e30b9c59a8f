import { describe, expect, it } from 'vitest';
import { accountNo, amountFen, idNumber, localDate, phone, product, relation, text, wholeDays } from './normalize';
import { halfWidth } from './text';

const code = (r: object): string | undefined => ('code' in r ? String(r.code) : undefined);

describe('halfWidth', () => {
  it('turns full-width digits, letters and the ideographic space into ASCII', () => {
    expect(halfWidth('１２３ＡＢｃ，．\u3000－')).toBe('123ABc,. -');
  });
});

describe('amountFen', () => {
  it.each([
    ['1,234.50', 123450], ['¥2,000', 200000], ['￥2,000.5', 200050], ['3000元', 300000], ['１，２３４．５０', 123450],
    ['0', 0], [' 88.8 ', 8880], ['RMB100', 10000], ['1 234', 123400],
  ])('%s -> %i fen', (s, fen) => expect(amountFen(s)).toEqual({ ok: fen }));
  it('reads number cells exactly (float noise within a fen)', () => {
    expect(amountFen(1234.5)).toEqual({ ok: 123450 });
    expect(amountFen(0.1 + 0.2)).toEqual({ ok: 30 });
    expect(amountFen(19.99)).toEqual({ ok: 1999 });
  });
  it.each(['-5', '1.234', '1,23', 'abc', '一千'])('refuses %s as badAmount', (s) => expect(code(amountFen(s))).toBe('badAmount'));
  it('refuses negative numbers, NaN and more than 2 decimals', () => {
    expect(code(amountFen(-1))).toBe('badAmount');
    expect(code(amountFen(Number.NaN))).toBe('badAmount');
    expect(code(amountFen(1.005))).toBe('badAmount');
    expect(code(amountFen(1e30))).toBe('badAmount');
  });
  it('a date in an amount column is wrongType, not a guess', () => {
    expect(code(amountFen(new Date(Date.UTC(2024, 2, 2))))).toBe('wrongType');
    expect(code(amountFen('2024-03-02'))).toBe('wrongType');
    expect(code(amountFen('12.3.4'))).toBe('wrongType'); // Calc turned an amount typo into a date text
    expect(code(amountFen(true))).toBe('wrongType');
  });
});

describe('localDate', () => {
  it.each([
    ['2024/3/2'], ['2024-03-02'], ['2024.3.2'], ['20240302'], ['2024年3月2日'], ['2024年03月02'], ['２０２４－０３－０２'], ['2024-03-02 00:00:00'], ['2024/3/2 8:30'], ['45353'],
  ])('%s -> 2024-03-02', (s) => expect(localDate(s)).toEqual({ ok: '2024-03-02' }));
  it('numbers: yyyymmdd and Excel serials', () => {
    expect(localDate(20240302)).toEqual({ ok: '2024-03-02' });
    expect(localDate(45353)).toEqual({ ok: '2024-03-02' });
    expect(localDate(45353.75)).toEqual({ ok: '2024-03-02' }); // a date-time serial
    expect(localDate(61)).toEqual({ ok: '1900-03-01' });
  });
  it('date cells are read by their UTC parts (exceljs holds wall-clock time as UTC)', () => {
    expect(localDate(new Date(Date.UTC(2024, 2, 2, 23, 30)))).toEqual({ ok: '2024-03-02' });
  });
  it.each(['2024-02-30', '20230229', '2024/13/1', '2024年2月30日'])('refuses %s (no such day)', (s) => expect(code(localDate(s))).toBe('badDate'));
  it.each(['next week', '3/2', '2024-3', '99999'])('refuses %s as badDate', (s) => expect(code(localDate(s))).toBe('badDate'));
  it('refuses amounts and odd numbers in a date column as wrongType', () => {
    expect(code(localDate('¥2,000'))).toBe('wrongType');
    expect(code(localDate('3000元'))).toBe('wrongType');
    expect(code(localDate(12.5))).toBe('wrongType');
    expect(code(localDate(20241399))).toBe('badDate');
    expect(code(localDate(false))).toBe('wrongType');
  });
  it('refuses a date cell outside 1900-2099', () => {
    expect(code(localDate(new Date(Date.UTC(2150, 0, 1))))).toBe('badDate');
  });
});

describe('wholeDays', () => {
  it('reads 45, "45", "45天", "４５"', () => {
    for (const c of [45, '45', '45天', '４５', '45.0']) expect(wholeDays(c)).toEqual({ ok: 45 });
  });
  it('refuses fractions, negatives, text and dates', () => {
    for (const c of [4.5, -1, 'abc', '1e3', 40000]) expect(code(wholeDays(c))).toBe('badInteger');
    expect(code(wholeDays(new Date()))).toBe('wrongType');
  });
});

describe('idNumber', () => {
  it('accepts a valid 18-digit ID, upper-cases x, strips spaces and full width', () => {
    expect(idNumber('11010519491231002x')).toEqual({ ok: '11010519491231002X' });
    expect(idNumber(' 110105 19491231 002X ')).toEqual({ ok: '11010519491231002X' });
    expect(idNumber('１１０１０５１９４９１２３１００２Ｘ')).toEqual({ ok: '11010519491231002X' });
  });
  it('a wrong check digit is idCheckDigit and names the right one', () => {
    const r = idNumber('110105194912310021');
    expect(code(r)).toBe('idCheckDigit');
    expect(JSON.stringify(r)).toContain('X');
  });
  it('a bad length, region or birth date is badIdNumber', () => {
    expect(code(idNumber('110105491231002'))).toBe('badIdNumber'); // 15-digit old form
    expect(code(idNumber('99010519491231002X'))).toBe('badIdNumber');
    expect(code(idNumber('110105194913310029'))).toBe('badIdNumber');
  });
  it('an ID stored as a number has lost digits: storedAsNumber', () => {
    expect(code(idNumber(Number("110105194912310020")))).toBe('storedAsNumber');
  });
});

describe('phone', () => {
  it.each([
    ['+86 138 0013 8000', '13800138000'], ['86-13800138000', '13800138000'], ['0086 138-0013-8000', '13800138000'], ['138 0013 8000', '13800138000'],
    ['１３８００１３８０００', '13800138000'], ['(010) 1234-5678', '01012345678'], ['+86 10 1234 5678', '01012345678'],
  ])('%s -> %s', (s, n) => expect(phone(s, 'home')).toMatchObject({ ok: { number: n } }));
  it('kind: mobile for a mobile, the column kind for a landline', () => {
    expect(phone('13800138000', 'work')).toEqual({ ok: { kind: 'mobile', number: '13800138000' } });
    expect(phone('0755-1234567', 'work')).toEqual({ ok: { kind: 'work', number: '07551234567' } });
  });
  it('a number cell of an 11-digit mobile is exact', () => {
    expect(phone(13800138000, 'home')).toMatchObject({ ok: { number: '13800138000' } });
  });
  it.each(['12345', '1380013800', '23800138000', 'n/a'])('refuses %s', (s) => expect(code(phone(s, 'home'))).toBe('badPhone'));
  it('a date in a phone column is wrongType', () => expect(code(phone(new Date(), 'home'))).toBe('wrongType'));
});

describe('accountNo', () => {
  it('keeps leading zeros of text, strips spaces and full width', () => {
    expect(accountNo('0062 2202 1234')).toEqual({ ok: '006222021234' });
    expect(accountNo('ＨＴ２０２４－００１')).toEqual({ ok: 'HT2024-001' });
  });
  it('a number cell only when no digit can be lost', () => {
    expect(accountNo(123456789012)).toEqual({ ok: '123456789012' });
    expect(code(accountNo(Number("6222021234567890123")))).toBe('storedAsNumber');
    expect(code(accountNo(1.5))).toBe('storedAsNumber');
  });
  it('refuses a longer than 64 characters account as tooLong', () => expect(code(accountNo('9'.repeat(65)))).toBe('tooLong'));
});

describe('text', () => {
  it('collapses whitespace; a number or date in a name is wrongType', () => {
    expect(text(' 张  三 ', 64, 'name')).toEqual({ ok: '张 三' });
    expect(code(text(42, 64, 'name'))).toBe('wrongType');
    expect(text(42, 64, 'text')).toEqual({ ok: '42' });
    expect(code(text(new Date(), 64, 'text'))).toBe('wrongType');
    expect(code(text('x'.repeat(65), 64, 'name'))).toBe('tooLong');
  });
});

describe('product and relation', () => {
  it.each([['信用卡', 'credit_card'], ['', 'credit_card'], ['个人贷款', 'personal_loan'], ['消费分期', 'consumer_loan'], ['现金贷', 'cash_loan'], ['Credit card', 'credit_card']])('%s -> %s', (s, p) =>
    expect(product(s)).toEqual({ ok: p }),
  );
  it('an unknown product is unknownProduct', () => expect(code(product('保险'))).toBe('unknownProduct'));
  it.each([['配偶', 'spouse'], ['母亲', 'parent'], ['儿子', 'child'], ['弟弟', 'sibling'], ['同事', 'colleague'], ['朋友', 'friend'], ['共借人', 'co_borrower'], ['担保人', 'guarantor'], ['邻居', 'other'], [null, 'other']])(
    '%s -> %s',
    (s, r) => expect(relation(s)).toBe(r),
  );
});
