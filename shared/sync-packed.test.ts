import { describe, expect, it } from 'vitest';
import type { Change } from './sync';
import { PackedPullResponse, packChanges, unpackPullResponse } from './sync-packed';

const page = (changes: readonly unknown[]) => ({ cursor: 9, lastMutationId: 3, more: false, changes });

const changes: Change[] = [
  { op: 'del', entity: 'case', id: '7', movedTo: { agentId: '4', name: '李强' } },
  { op: 'put', entity: 'debtor', row: { id: '1', name: '张三', gender: null } },
  { op: 'put', entity: 'debtor', row: { id: '2', name: '李四', gender: 'F' } },
  { op: 'put', entity: 'case', row: { id: '5', debtorId: '1', tags: ['VIP'] } },
  { op: 'put', entity: 'case', row: { id: '6', debtorId: '2', tags: [] } },
  { op: 'del', entity: 'phone', id: '12' },
  { op: 'put', entity: 'case', row: { id: '8', debtorId: '2', tags: [] } },
  // other fields (an older row shape): a run of its own
  { op: 'put', entity: 'case', row: { id: '9', debtorId: '2' } },
];

describe('packed pull pages', () => {
  it('pack runs of same-entity, same-field puts and unpack to the same changes in the same order', () => {
    const packed = packChanges(changes);
    expect(packed.map((c) => c.op)).toEqual(['del', 'puts', 'puts', 'del', 'puts', 'puts']);
    expect(packed[1]).toEqual({ op: 'puts', entity: 'debtor', cols: ['id', 'name', 'gender'], rows: [['1', '张三', null], ['2', '李四', 'F']] });
    // what travels is JSON: parsed back with the schema, unpacked, it is the page the hub read
    const wire = PackedPullResponse.parse(JSON.parse(JSON.stringify(page(packed))));
    expect(unpackPullResponse(wire)).toEqual(page(changes));
  });

  it('a field left undefined stays absent, as in a plain page', () => {
    const rows: Change[] = [
      { op: 'put', entity: 'case', row: { id: '1', timeZone: undefined } },
      { op: 'put', entity: 'case', row: { id: '2', timeZone: 'Asia/Urumqi' } },
    ];
    const wire = PackedPullResponse.parse(JSON.parse(JSON.stringify(page(packChanges(rows)))));
    expect(unpackPullResponse(wire)).toEqual(JSON.parse(JSON.stringify(page(rows))));
    expect(unpackPullResponse(wire).changes[0]).toEqual({ op: 'put', entity: 'case', row: { id: '1' } });
  });

  it('a plain page (an older hub) reads as it is', () => {
    const wire = PackedPullResponse.parse(page(changes));
    expect(unpackPullResponse(wire)).toEqual(page(changes));
  });

  it('is about half the bytes of the plain page for rows with many fields', () => {
    const rows: Change[] = Array.from({ length: 200 }, (_, i) => ({
      op: 'put', entity: 'case',
      row: { id: String(i), debtorId: String(i), batchId: '1', creditor: '平安银行', product: 'personal_loan', principalFen: 4698000, balanceFen: 5731560, overdueSince: '2026-11-20', lastPaymentDate: null, status: 'open', assignedAgentId: '2' },
    }));
    const plain = JSON.stringify(page(rows)).length;
    expect(JSON.stringify(page(packChanges(rows))).length).toBeLessThan(plain * 0.6);
  });

  it.each([
    ['a prototype key', { op: 'puts', entity: 'case', cols: ['__proto__'], rows: [[{ polluted: true }]] }, 'camelCase'],
    ['a field named twice', { op: 'puts', entity: 'case', cols: ['id', 'id'], rows: [['1', '2']] }, 'named twice'],
    ['a short row', { op: 'puts', entity: 'case', cols: ['id', 'status'], rows: [['1', 'open'], ['2']] }, '2 values'],
    ['a row that is no array', { op: 'puts', entity: 'case', cols: ['id'], rows: [{ id: '1' }] }, 'an array'],
    ['an unknown entity', { op: 'puts', entity: 'user', cols: ['id'], rows: [['1']] }, ''],
  ])('refuses a packed run with %s', (_what, group, message) => {
    const r = PackedPullResponse.safeParse(page([group]));
    expect(r.success).toBe(false);
    expect(r.error?.message).toContain(message);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
