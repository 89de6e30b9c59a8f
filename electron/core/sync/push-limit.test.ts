import { describe, expect, it } from 'vitest';
import { smallerPushLimit } from './push-limit';

describe('smallerPushLimit', () => {
  it("takes the hub's maximum when it is below the current limit", () => {
    expect(smallerPushLimit(1000, 500)).toBe(500);
    expect(smallerPushLimit(1000, '500')).toBe(500);
  });
  it('halves when the hub names no usable maximum (too many bytes), never below 1', () => {
    expect(smallerPushLimit(1000, undefined)).toBe(500);
    expect(smallerPushLimit(1000, 1000)).toBe(500);
    expect(smallerPushLimit(1000, 'x')).toBe(500);
    expect(smallerPushLimit(1000, 0)).toBe(500);
    expect(smallerPushLimit(1000, 2.5)).toBe(500);
    expect(smallerPushLimit(1, undefined)).toBe(1);
  });
});
