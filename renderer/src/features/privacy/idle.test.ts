import { describe, expect, it } from 'vitest';
import { shouldLock } from './idle';

describe('shouldLock', () => {
  it('locks at exactly the idle minutes, not a millisecond before, and never during a call', () => {
    expect(shouldLock(5 * 60_000 - 1, 0, 5, false)).toBe(false);
    expect(shouldLock(5 * 60_000, 0, 5, false)).toBe(true);
    expect(shouldLock(60 * 60_000, 0, 5, true)).toBe(false);
  });
});
