import { describe, expect, it } from 'vitest';
import { PullResponse } from './sync';

const page = (row: unknown) => ({ cursor: 3, lastMutationId: 0, more: false, changes: [{ op: 'put', entity: 'case', row }] });

describe('PullResponse', () => {
  it('takes each row as the object the hub sent, unchanged (its entity schema checks it when applied)', () => {
    const row = { id: '7', anything: { nested: [1, 2] } };
    const r = PullResponse.safeParse(page(row));
    expect(r.success).toBe(true);
    expect(r.data?.changes[0]).toEqual({ op: 'put', entity: 'case', row });
  });

  it.each([42, 'text', null, [1, 2]])('refuses a row that is not an object: %j', (row) => {
    const r = PullResponse.safeParse(page(row));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['changes', 0, 'row']);
  });
});
