import { describe, expect, it } from 'vitest';
import { classifySearch, prefixRange, searchParams } from './search';

describe('classifySearch', () => {
  it('treats empty input as no search', () => {
    expect(classifySearch(undefined)).toEqual({ kind: 'none' });
    expect(classifySearch('   ')).toEqual({ kind: 'none' });
  });
  it('recognises digits, with separators and +86 stripped', () => {
    expect(classifySearch('138 0013-8000')).toEqual({ kind: 'digits', digits: '13800138000' });
    expect(classifySearch('+86 13800138000')).toEqual({ kind: 'digits', digits: '13800138000' });
    expect(classifySearch('1234')).toEqual({ kind: 'digits', digits: '1234' });
  });
  it('reads #132 and short numbers as the case number the lead table shows', () => {
    expect(classifySearch('#132')).toEqual({ kind: 'caseNo', caseNo: 132 });
    expect(classifySearch('# 7')).toEqual({ kind: 'caseNo', caseNo: 7 });
    expect(classifySearch('132')).toEqual({ kind: 'caseNo', caseNo: 132 });
  });
  it('gives tail parameters for any digit search (a 6-digit ID tail, a card tail)', () => {
    expect(searchParams(classifySearch('12345X'))).toMatchObject({ digits: '12345X', tail4: '345X', n: 6, caseNo: -1 });
    expect(searchParams(classifySearch('5678'))).toMatchObject({ digits: '5678', tail4: '5678', n: 4, caseNo: 5678 });
  });
  it('escapes LIKE wildcards in a batch prefix', () => {
    expect(searchParams(classifySearch('WA_1%'))).toMatchObject({ like: 'WA\\_1\\%%' });
  });
  it('accepts an ID number ending in x', () => {
    expect(classifySearch('11010519491231002x')).toEqual({ kind: 'digits', digits: '11010519491231002X' });
  });
  it('treats anything else as a name prefix', () => {
    expect(classifySearch(' 王 ')).toEqual({ kind: 'name', prefix: '王', contacts: false, batches: false });
    expect(classifySearch('张三')).toEqual({ kind: 'name', prefix: '张三', contacts: true, batches: false });
    expect(classifySearch('WA2026')).toEqual({ kind: 'name', prefix: 'WA2026', contacts: true, batches: true });
  });
  it('prefix ranges bound every continuation under byte order', () => {
    const { lo, hi } = prefixRange('王');
    const cmp = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
    for (const name of ['王', '王芳', '王𠀀', '王\uffff']) {
      expect(cmp(name, lo)).toBeGreaterThanOrEqual(0);
      expect(cmp(name, hi)).toBeLessThan(0);
    }
    expect(cmp('玉', hi) > 0 || cmp('玉', lo) < 0).toBe(true);
  });
});
