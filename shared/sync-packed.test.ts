import { describe, expect, it } from 'vitest';
import { MAX_PUSH_MUTATIONS, PushRequest, type Change } from './sync';
import { PackedPullResponse, PackedPushRequest, packChanges, packPushRequest, pushedCount, unpackPullResponse, unpackPushRequest } from './sync-packed';

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

describe('packed pushes', () => {
  const at = '2026-03-02T01:30:00.000Z';
  const attempt = (id: number, note: string) => ({ id, name: 'attempt.save', clientTime: at, args: { attemptId: `a${id}`, caseId: '5', note, promise: null, stepsDone: ['s1'] } });
  const push: PushRequest = {
    deviceId: 'desk-0001',
    schemaVersion: 1,
    sentAt: at,
    mutations: [
      attempt(1, '无人接听'),
      attempt(2, '本人接听，承诺还款'),
      { id: 3, name: 'case.setPreferredPhone', clientTime: at, args: { caseId: '5', phoneId: null, at } },
      attempt(4, ''),
      // args a packed row cannot name field by field: whole, each kind in a run of its own
      { id: 5, name: 'attempt.save', clientTime: at, args: { 'not-camel': 1 } },
      { id: 6, name: 'attempt.save', clientTime: at, args: 'not an object' },
      { id: 7, name: 'attempt.save', clientTime: at, args: null },
      // other fields: a run of its own
      { id: 8, name: 'attempt.save', clientTime: at, args: { attemptId: 'a8', caseId: '5' } },
    ],
  };

  it('packs runs of same-name, same-field mutations and unpacks to the same push, in order', () => {
    const packed = packPushRequest(push);
    expect(packed.packed.map((r) => [r.name, r.rows.length, r.cols?.length ?? 'whole'])).toEqual([
      ['attempt.save', 2, 5], ['case.setPreferredPhone', 1, 3], ['attempt.save', 1, 5], ['attempt.save', 3, 'whole'], ['attempt.save', 1, 2],
    ]);
    expect(packed.packed[0]?.rows[1]).toEqual([2, at, 'a2', '5', '本人接听，承诺还款', null, ['s1']]);
    // what travels is JSON: parsed back with the schema and unpacked, it is the push the desk made
    const wire = PackedPushRequest.parse(JSON.parse(JSON.stringify(packed)));
    expect(unpackPushRequest(wire)).toEqual(JSON.parse(JSON.stringify(push)));
    expect(PushRequest.parse(unpackPushRequest(wire))).toEqual(PushRequest.parse(JSON.parse(JSON.stringify(push))));
    expect('mutations' in packed).toBe(false); // an older hub refuses it (400) instead of reading an empty push
  });

  it('args left out travel as null: either is that mutation\'s invalidArgs rejection on the hub', () => {
    const wire = PackedPushRequest.parse(JSON.parse(JSON.stringify(packPushRequest({ ...push, mutations: [{ id: 1, name: 'attempt.save', clientTime: at }] }))));
    expect(unpackPushRequest(wire).mutations).toEqual([{ id: 1, name: 'attempt.save', clientTime: at, args: null }]);
  });

  it('is about half the bytes of the plain push', () => {
    const many: PushRequest = { ...push, mutations: Array.from({ length: 500 }, (_, i) => attempt(i + 1, '无人接听')) };
    expect(JSON.stringify(packPushRequest(many)).length).toBeLessThan(JSON.stringify(many).length * 0.6);
  });

  it('counts the mutations of either form before any schema (the 413 check)', () => {
    expect(pushedCount(push)).toBe(8);
    expect(pushedCount(packPushRequest(push))).toBe(8);
    expect(pushedCount({ packed: [{ rows: new Array(MAX_PUSH_MUTATIONS + 1).fill([]) }] })).toBe(MAX_PUSH_MUTATIONS + 1);
    for (const odd of [null, 'x', {}, { packed: 'x' }, { packed: [null, { rows: 'x' }] }]) expect(pushedCount(odd)).toBe(0);
  });

  it('refuses field names that are not plain camelCase, a field named twice and rows of the wrong width', () => {
    const run = (over: object) => PackedPushRequest.safeParse({ deviceId: 'desk-0001', schemaVersion: 1, packed: [{ name: 'attempt.save', cols: ['caseId'], rows: [[1, at, '5']], ...over }] });
    expect(run({}).success).toBe(true);
    for (const cols of [['__proto__'], ['constructor.prototype'], ['a-b'], ['Case']]) expect(run({ cols, rows: [[1, at, 'x']] }).success, String(cols)).toBe(false);
    expect(run({ cols: ['caseId', 'caseId'], rows: [[1, at, '5', '6']] }).success).toBe(false);
    expect(run({ rows: [[1, at]] }).success).toBe(false);
    expect(run({ rows: [[1, at, '5', 'extra']] }).success).toBe(false);
    expect(run({ cols: undefined, rows: [[1, at, { caseId: '5' }, 'extra']] }).success).toBe(false);
    expect(run({ rows: [] }).success).toBe(false);
  });
});
