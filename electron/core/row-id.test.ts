import { describe, expect, it } from 'vitest';
import { DeviceRowId } from '../../shared/sync-ids';
import { newRowId } from './row-id';

describe('newRowId (UUID version 7)', () => {
  it('is a UUID the shared schema takes, version 7, RFC variant', () => {
    const id = newRowId();
    expect(DeviceRowId.safeParse(id).success).toBe(true);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('carries its millisecond and sorts by it', () => {
    const at = Date.UTC(2026, 11, 4, 8, 30);
    const id = newRowId(at);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    const ids = [at + 2, at, at + 1000, at + 1].map((t) => newRowId(t));
    expect([...ids].sort()).toEqual([ids[1], ids[3], ids[0], ids[2]]);
  });

  it('does not repeat within one millisecond', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newRowId(1_700_000_000_000)));
    expect(ids.size).toBe(10_000);
  });
});
