import { describe, expect, it } from 'vitest';
import { escapeFormula, reportCsv, reportTable } from './report';

describe('escapeFormula', () => {
  it.each([['=SUM(A1)', "'=SUM(A1)"], ['+1', "'+1"], ['-2', "'-2"], ['@cmd', "'@cmd"], ['\t=x', "'\t=x"], ['张三', '张三'], ['a=b', 'a=b']])('%s -> %s', (a, b) => expect(escapeFormula(a)).toBe(b));
});

describe('report export', () => {
  const r = { batchNo: 'B1', accepted: 2, updated: 1, updatedAccounts: [{ row: 3, accountNo: '=A1' }], rejected: [{ row: 4, column: '=HYPERLINK("x")', code: 'badAmount' as const, reason: '-1 is not an amount' }], totals: { cases: 3, overdue_fen: 100 }, dryRun: false };
  it('escapes every cell that a spreadsheet would run', () => {
    const cells = reportTable(r).flat();
    expect(cells).toContain("'=HYPERLINK(\"x\")");
    expect(cells).toContain("'-1 is not an amount");
    expect(cells).toContain("'=A1");
    expect(cells.some((c) => /^[=+\-@]/.test(c))).toBe(false);
  });
  it('CSV starts with a BOM and quotes as needed', () => {
    const csv = reportCsv(r);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('"\'=HYPERLINK(""x"")"');
  });
});
