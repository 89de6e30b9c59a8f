import { describe, expect, it } from 'vitest';
import { CsvRows } from './csv';

const all = (chunks: string[]): string[][] => {
  const c = new CsvRows();
  return [...chunks.flatMap((x) => c.push(x)), ...c.end()];
};

describe('CsvRows', () => {
  it('gives the same records however the text is cut', () => {
    const text = 'a,b,c\r\n"x, y","line1\r\nline2","he said ""hi"""\r\n1,2,3';
    const want = [['a', 'b', 'c'], ['x, y', 'line1\r\nline2', 'he said "hi"'], ['1', '2', '3']];
    for (let size = 1; size <= text.length; size++) {
      const chunks = Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
      expect(all(chunks)).toEqual(want);
    }
  });
  it('keeps digits as text (no numeric guessing)', () => {
    expect(all(['id,phone\n011010519491231002,013800138000\n'])).toEqual([['id', 'phone'], ['011010519491231002', '013800138000']]);
  });
  it('detects a semicolon or tab delimiter on the first block and keeps it', () => {
    expect(all(['a;b\n1;2\n', '3;4\n'])).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
    expect(all(['a\tb\n1\t2'])).toEqual([['a', 'b'], ['1', '2']]);
  });
  it('keeps blank lines as rows (the spreadsheet numbers them)', () => {
    expect(all(['a\n\nb\n'])).toEqual([['a'], [''], ['b']]);
  });
});
