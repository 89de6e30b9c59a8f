import { describe, expect, it } from 'vitest';
import { classifySearch, prefixRange } from './search';

describe('classifySearch', () => {
  it('treats empty input as no search', () => {
    expect(classifySearch(undefined)).toEqual({ kind: 'none' });
    expect(classifySearch('   ')).toEqual({ kind: 'none' });
  });
  it('recognises digits, with separators and +86 stripped', () => {
    expect(classifySearch('138 0013-8000')).toEqual({ kind: 'digits', digits: '13800138000', tail4: false });
    expect(classifySearch('+86 13800138000')).toEqual({ kind: 'digits', digits: '13800138000', tail4: false });
    expect(classifySearch('1234')).toEqual({ kind: 'digits', digits: '1234', tail4: true });
  });
  it('accepts an ID number ending in x', () => {
    expect(classifySearch('11010519491231002x')).toEqual({ kind: 'digits', digits: '11010519491231002X', tail4: false });
  });
  it('treats anything else as a name prefix', () => {
    expect(classifySearch(' 王 ')).toEqual({ kind: 'name', prefix: '王' });
    expect(classifySearch('张三1')).toEqual({ kind: 'name', prefix: '张三1' });
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
