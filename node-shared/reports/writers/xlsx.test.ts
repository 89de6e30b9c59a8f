import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { escapeFormula, writeXlsx } from './xlsx';

describe('xlsx', () => {
  it('escapes text a spreadsheet would run as a formula', () => {
    for (const s of ['=1+1', '+86 138', '-5', '@SUM(A1)', '\t=x', '\r=x']) expect(escapeFormula(s)).toBe(`'${s}`);
    for (const s of ['王喆', '6225 **** 1234', '', '1=1']) expect(escapeFormula(s)).toBe(s);
  });
  it('writes typed cells: yuan from fen, text escaped, sheet names made legal', async () => {
    const buf = await writeXlsx({
      title: 't', fileStem: 't', blocks: [],
      sheets: [{ name: 'a/b?', columns: [{ header: '客户', kind: 'text' }, { header: '金额', kind: 'yuan' }], rows: [['=HYPERLINK("x")', 123_456], [null, null]] }],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(buf).buffer);
    const ws = wb.getWorksheet('a b ');
    expect(ws?.getCell('A2').value).toBe('\'=HYPERLINK("x")');
    expect(ws?.getCell('B2').value).toBe(1234.56);
    expect(ws?.getCell('B2').numFmt).toBe('#,##0.00');
  });
});
