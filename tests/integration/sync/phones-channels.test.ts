/**
 * Issue 9 end to end between desks and a real hub: a number and a contact an agent adds are
 * provisional on the desk until the hub's rows come back with the same keys, then the lead's
 * desk has them too; a mark and a visit's address reach the lead by pull; a number the hub
 * refuses (added twice on two desks) leaves the adding desk and is reported as a rejection.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { attemptInput, type TestDesk } from '../../fixtures/desk';
import { useHubWorld, type HubWorld } from '../../fixtures/hub-world';

const hw = useHubWorld();
let world: HubWorld;
beforeEach(() => {
  world = hw.world();
});

const phonesOf = (t: TestDesk, caseId: string) =>
  t.desk.ctx.prep<{ id: number; number: string; status: string; mark: string | null; client_key: string | null; contact_id: number | null }>(
    'SELECT p.id, p.number, p.status, p.mark, p.client_key, p.contact_id FROM phones p JOIN cases c ON c.debtor_id = p.debtor_id WHERE c.id = ? ORDER BY p.number',
  ).all(Number(caseId));

describe('numbers, contacts and channels across desks', () => {
  it('a provisional number becomes the hub row after sync; the lead gets it, its contact, its mark and a visit', async () => {
    const [x] = await world.addCases(1, null);
    const caseId = x?.caseId ?? '';
    const lead = await hw.desk('lead1');
    await lead.call('lead.assign', { caseIds: [caseId], agentId: String(world.ids.agentA) });
    await lead.call('sync.now', {});
    const a = await hw.desk('agenta');
    await a.call('sync.now', {});

    a.net.down = true; // added offline, on the call
    const added = await a.call('phone.add', { caseId, number: '137 0013 7000', contact: { name: '李四', relation: 'sibling' } });
    expect(added.phone.pending).toBe(true);
    expect(Number(added.phone.id)).toBeLessThan(0);
    await a.call('attempt.save', attemptInput(caseId, { channel: 'visit', visitAddress: '杭州市西湖区文三路 1 号', note: '外访，本人不在' }));

    a.net.down = false;
    expect(await a.call('sync.now', {})).toMatchObject({ online: true, pending: 0, rejections: 0 });
    const mine = phonesOf(a, caseId).find((p) => p.number === '13700137000');
    expect(mine?.id).toBeGreaterThan(0); // the hub's id: the provisional row was swapped
    expect(phonesOf(a, caseId).filter((p) => p.id < 0)).toEqual([]);
    expect(a.desk.ctx.prep<{ n: number }>('SELECT count(*) AS n FROM contacts WHERE id < 0').get()?.n).toBe(0);
    const detail = await a.call('case.get', { caseId });
    const shown = detail.phones.find((p) => p.id === String(mine?.id));
    expect(shown).toMatchObject({ pending: false, owner: 'related' });
    expect(detail.contacts.find((c) => c.id === shown?.contactId)).toMatchObject({ name: '李四', relation: 'sibling' });

    // now it can be marked (and dialled); the lead sees both
    await a.call('phone.mark', { caseId, phoneId: String(mine?.id), mark: 'suspended' });
    expect(await a.call('sync.now', {})).toMatchObject({ pending: 0, rejections: 0 });
    await lead.call('sync.now', {});
    expect(phonesOf(lead, caseId).find((p) => p.number === '13700137000')).toMatchObject({ id: mine?.id, status: 'invalid', mark: 'suspended' });
    const leadView = await lead.call('case.get', { caseId });
    expect(leadView.contacts.map((c) => c.name)).toContain('李四');
    expect(leadView.timeline.find((e) => e.kind === 'attempt')).toMatchObject({ channel: 'visit', visitAddress: '杭州市西湖区文三路 1 号' });
  });

  it('the same number added on two desks: the hub keeps the first, the second desk drops its provisional row and reports why', async () => {
    const [x] = await world.addCases(1, null);
    const caseId = x?.caseId ?? '';
    const lead = await hw.desk('lead1');
    await lead.call('lead.assign', { caseIds: [caseId], agentId: String(world.ids.agentA) });
    await lead.call('sync.now', {});
    const a = await hw.desk('agenta');
    await a.call('sync.now', {});

    a.net.down = true;
    await a.call('phone.add', { caseId, number: '13700137055', contact: null });
    await lead.call('phone.add', { caseId, number: '13700137055', contact: null });
    await lead.call('sync.now', {});
    a.net.down = false;
    expect(await a.call('sync.now', {})).toMatchObject({ pending: 0, rejections: 1 });
    const rows = phonesOf(a, caseId).filter((p) => p.number === '13700137055');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toBeGreaterThan(0); // the lead's, from the hub
    const rejections = await a.call('sync.rejections', {});
    expect(rejections.items[0]).toMatchObject({ name: 'phone.add', reason: 'ruleViolation', detail: 'phone.duplicate' });
  });
});
