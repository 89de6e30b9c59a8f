import { describe, expect, it } from 'vitest';
import { isValidChineseId } from '../../../shared/domain/idcard';
import { isValidCnMobile } from '../../../shared/domain/phone';
import { generateCase } from './generate';
import { makeRng, rngUuid } from './prng';

describe('demo generator', () => {
  it('the PRNG is deterministic by seed and in range', () => {
    const a = makeRng(42);
    const b = makeRng(42);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(rngUuid(makeRng(1))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it('generates valid IDs, mobiles, amounts in fen and consistent history', () => {
    const rng = makeRng(7);
    for (let i = 0; i < 300; i++) {
      const g = generateCase(rng, { today: '2026-03-10', index: i });
      expect(isValidChineseId(g.debtor.idNumber)).toBe(true);
      expect(g.debtor.idNumber.slice(6, 14)).toBe(g.debtor.birthDate.replace(/-/g, ''));
      expect(Number(g.debtor.idNumber[16]) % 2 === 1).toBe(g.debtor.gender === 'M');
      for (const c of g.contacts) expect(isValidCnMobile(c.phone)).toBe(true);
      expect(Number.isInteger(g.case.balanceFen) && g.case.balanceFen > 0).toBe(true);
      expect(g.case.overdueFen).toBeLessThanOrEqual(g.case.balanceFen);
      expect(g.promises.filter((p) => p.state === 'pending').length).toBeLessThanOrEqual(1);
      for (const p of g.promises) expect(p.dueDate >= p.createdDate).toBe(true);
    }
  });
});
