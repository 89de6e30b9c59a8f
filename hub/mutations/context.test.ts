import { describe, expect, it } from 'vitest';
import { iso } from './context';

describe('iso', () => {
  it('answers what Date does for every form: canonical instants as they are, others normalized, impossible days rolled over', () => {
    const samples = [
      '2026-12-06T01:55:00.000Z', '2024-02-29T23:59:59.999Z', '0000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z',
      '2024-02-30T00:00:00.000Z', '2023-02-29T10:00:00.000Z', '1900-02-29T00:00:00.000Z', '2000-02-29T00:00:00.000Z', '2026-04-31T00:00:00.000Z',
      '2026-12-06T09:55:00+08:00', '2026-12-06T01:55:00Z', '2026-12-06T01:55:00.1Z', '2026-01-01T24:00:00.000Z',
    ];
    for (const s of samples) expect(iso(s), s).toBe(new Date(s).toISOString());
  });
});
