/**
 * The lead's dashboard on a real desk database: every figure equals the one computed by hand from
 * the records this test writes through the desk's own routes (attempts, a promise, a payment),
 * against the targets a lead sets; the daily counts follow a change of zone; the XLSX opens and
 * shows formula-looking names as text.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent } from '../../electron/core/auth/auth';
import type { Dashboard } from '../../shared/contract/dashboard';
import { addCase, attemptInput, openTestDesk, requiredSteps, unwrap, type TestDesk } from '../fixtures/desk';

let t: TestDesk;
afterEach(() => t?.close());

const asLead = async (t: TestDesk) => {
  if (!t.desk.ctx.prep<{ id: number }>("SELECT id FROM agents WHERE username = 'boss'").get()) {
    t.desk.ctx.db.transaction(() => createAgent(t.desk.ctx, { username: 'boss', password: 'secret3', displayName: '组长', agentNo: 'L0001', role: 'lead' }))();
  }
  await t.call('auth.login', { username: 'boss', password: 'secret3' });
};

describe('dashboard', () => {
  it('team and agent figures, by batch and bucket, roll rate and targets equal the hand-computed ones', async () => {
    t = await openTestDesk(); // 2026-03-10 10:00 in Shanghai (a Tuesday), logged in as agent A ('tester')
    const A = t.agentId;
    const B = t.otherAgentId;
    const c1 = addCase(t, { agentId: A, balanceFen: 100_000, overdueSince: '2026-02-20' }).caseId; // on 03-01: DPD 10, M1 中期
    const { caseId: c2, phoneIds: [c2Phone] } = addCase(t, { agentId: A, balanceFen: 50_000, overdueSince: '2026-01-15', phones: [{ number: '13900139002' }] }); // on 03-01: DPD 46, M2
    const c3 = addCase(t, { agentId: B, balanceFen: 200_000, overdueSince: '2026-03-05' }).caseId; // on 03-01: M0; on 03-11: DPD 7, M1
    const ctx = t.desk.ctx;
    const batchId = Number(ctx.prep("INSERT INTO batches (batch_no, creditor, imported_at) VALUES ('=B2026-03', '招商银行', ?)").run(ctx.clock().toISOString()).lastInsertRowid);
    ctx.prep('UPDATE cases SET batch_id = ? WHERE id IN (?, ?)').run(batchId, c1, c2);

    // Agent A on 03-10: a PTP of ¥300 due 03-12 with the debtor, a message with a third party, no answer; an SMS (no dial).
    await t.call('attempt.save', attemptInput(c1, { party: 'self', outcomeCode: 'PTP', note: '承诺3月12日还300', ptp: { amountFen: 30_000, dueDate: '2026-03-12' }, stepsDone: await requiredSteps(t, c1) }));
    await t.call('attempt.save', attemptInput(c1, { party: 'third_party', outcomeCode: 'THIRD_PARTY_MESSAGE', note: '同事转告' }));
    await t.call('attempt.save', attemptInput(c2, { note: '无人接听' }));
    await t.call('attempt.save', attemptInput(c2, { channel: 'sms', phoneId: String(c2Phone), note: '短信提醒' }));
    // The debtor pays ¥300 the same day: the promise is kept.
    await t.call('payment.record', { caseId: String(c1), amountFen: 30_000, paidDate: '2026-03-10' });
    expect(await t.call('dashboard.myProgress', {})).toEqual({ today: '2026-03-10', calls: 3, ptpFen: 30_000, recoveredFen: 30_000, targets: { calls: null, ptpFen: null, recoveredFen: null } });

    // Agent B on 03-11: one dial, no answer.
    t.clock.set('2026-03-11T01:30:00.000Z');
    await t.call('auth.login', { username: 'other', password: 'secret2' });
    await t.call('attempt.save', attemptInput(c3, { note: '无人接听' }));

    // The lead sets targets: A 2 calls a day and ¥500 promised a month; the team ¥1,000 recovered and 10% a month.
    await asLead(t);
    const a = String(A);
    await t.call('targets.save', {
      targets: [
        { agentId: a, period: 'day', metric: 'calls', value: 2, from: '2026-03-01', to: '2026-03-31' },
        { agentId: a, period: 'month', metric: 'ptpFen', value: 50_000, from: '2026-03-01', to: '2026-12-31' },
        { agentId: null, period: 'month', metric: 'recoveredFen', value: 100_000, from: '2026-03-01', to: '2026-03-31' },
        { agentId: null, period: 'month', metric: 'recoveryPct', value: 10, from: '2026-03-01', to: '2026-03-31' },
      ],
    });

    const month = await t.call('dashboard.get', { period: 'month' }) as Dashboard;
    expect(month).toMatchObject({ from: '2026-03-01', to: '2026-03-31', today: '2026-03-11' });
    // team: 4 dials (A 3, B 1); connected: the PTP and the third-party message; right party: the PTP only.
    expect(month.team).toMatchObject({
      calls: 4, connected: 2, rightParty: 1, ptps: 1, ptpFen: 30_000, due: 1, keptOfDue: 1, recoveredFen: 30_000,
      assignedFen: 100_000 + 50_000 + 200_000, // c1's balance before the payment
      contactRate: 0.5, rpcRate: 0.25, ptpRate: 1, keptRate: 1, recoveryRate: 30_000 / 350_000,
      targets: { calls: null, rightParty: null, ptpFen: 50_000, recoveredFen: 100_000, recoveryPct: 10 },
    });
    const rowA = month.agents.find((r) => r.agentId === a);
    const rowB = month.agents.find((r) => r.agentId === String(B));
    expect(rowA).toMatchObject({ calls: 3, connected: 2, rightParty: 1, recoveredFen: 30_000, assignedFen: 150_000, recoveryRate: 0.2, contactRate: 2 / 3, targets: { ptpFen: 50_000, calls: null } });
    expect(rowB).toMatchObject({ calls: 1, connected: 0, rightParty: 0, ptps: 0, recoveredFen: 0, assignedFen: 200_000, contactRate: 0, ptpRate: null, keptRate: null, recoveryRate: 0 });
    expect(month.agents.map((r) => r.agentNo)).toEqual(['T0001', 'T0002']); // the lead made no calls: not a row
    expect(month.byBatch).toEqual([
      { key: 'none', label: '', cases: 1, assignedFen: 200_000, recoveredFen: 0, rate: 0 },
      { key: String(batchId), label: '=B2026-03 · 招商银行', cases: 2, assignedFen: 150_000, recoveredFen: 30_000, rate: 0.2 },
    ]);
    expect(month.byBucket.map((g) => [g.key, g.cases, g.assignedFen, g.recoveredFen])).toEqual([['M0', 1, 200_000, 0], ['M1_MID', 1, 100_000, 30_000], ['M2', 1, 50_000, 0]]);
    // By 03-11 (today) c3 rolled M0 -> M1; c1 stays in M1 (DPD 20) and c2 in M2 (DPD 56).
    expect(month.roll.map((r) => [r.bucket, r.start, r.rolled, r.rate])).toEqual([['M0', 1, 1, 1], ['M1', 1, 0, 0], ['M2', 1, 0, 0], ['M3', 0, 0, null], ['M4P', 0, 0, null]]);
    expect(month.daily.filter((d) => d.calls > 0 || d.recoveredFen > 0)).toEqual([
      { date: '2026-03-10', calls: 3, connected: 2, rightParty: 1, ptpFen: 30_000, recoveredFen: 30_000 },
      { date: '2026-03-11', calls: 1, connected: 0, rightParty: 0, ptpFen: 0, recoveredFen: 0 },
    ]);

    // One day (03-10): A's day target applies; the team's is the sum of its agents' (B has none); the promise is not due that day.
    const day = await t.call('dashboard.get', { period: 'day', date: '2026-03-10' }) as Dashboard;
    expect(day.team).toMatchObject({ calls: 3, due: 0, keptRate: null, targets: { calls: 2 } });
    expect(day.agents.find((r) => r.agentId === a)?.targets.calls).toBe(2);
    // A free range: the day targets of its days; a percentage has none.
    const range = await t.call('dashboard.get', { period: 'range', date: '2026-02-27', to: '2026-03-02' }) as Dashboard;
    expect(range.team).toMatchObject({ calls: 0, contactRate: null, targets: { calls: 4, recoveryPct: null } });
    // The week of 03-09..03-15.
    expect(await t.call('dashboard.get', { period: 'week' })).toMatchObject({ from: '2026-03-09', to: '2026-03-15', team: { calls: 4 } });
    // A range the wrong way round is refused, naming the field.
    expect(await t.desk.invoke('dashboard.get', { period: 'range', date: '2026-03-05', to: '2026-03-01' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'to' } });

    // The agent sees today against their own targets.
    t.clock.set('2026-03-10T09:00:00.000Z');
    await t.call('auth.login', { username: 'tester', password: 'secret1' });
    expect(await t.call('dashboard.myProgress', {})).toMatchObject({ calls: 3, targets: { calls: 2, ptpFen: null } });
    expect(await t.call('targets.list', {})).toMatchObject({ hub: false, targets: expect.arrayContaining([expect.objectContaining({ agentId: a, metric: 'calls' }), expect.objectContaining({ agentId: null, metric: 'recoveredFen' })]) });
    expect(await t.desk.invoke('dashboard.get', { period: 'day' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('the daily dial counts follow attempts in and out and a change of zone', async () => {
    t = await openTestDesk({ clock: undefined });
    const c = addCase(t, { agentId: t.agentId }).caseId;
    t.clock.set('2026-03-10T17:30:00.000Z'); // 01:30 on 03-11 in Shanghai, still 03-10 in UTC
    await t.call('attempt.save', attemptInput(c));
    await asLead(t);
    const days = async () => ((await t.call('dashboard.get', { period: 'month' })) as Dashboard).daily.filter((d) => d.calls > 0).map((d) => d.date);
    expect(await days()).toEqual(['2026-03-11']);
    await t.call('settings.update', { timeZone: 'UTC' });
    expect(await days()).toEqual(['2026-03-10']);
    // The pull of a hub's version of the row (an upsert) and a drop keep the counts right.
    const ctx = t.desk.ctx;
    ctx.db.transaction(() => {
      ctx.prep('INSERT INTO sync_apply (id) VALUES (1)').run();
      ctx.prep("UPDATE attempts SET at = '2026-03-12T03:00:00.000Z'").run();
      ctx.prep('DELETE FROM sync_apply').run();
    })();
    expect(await days()).toEqual(['2026-03-12']);
    ctx.db.transaction(() => {
      ctx.prep('INSERT INTO sync_apply (id) VALUES (1)').run();
      ctx.prep('DELETE FROM attempts').run();
      ctx.prep('DELETE FROM sync_apply').run();
    })();
    expect(await days()).toEqual([]);
  });

  it('targets: a lead only, agents that exist, no overlaps; the XLSX opens with names as text', async () => {
    t = await openTestDesk();
    const one = { agentId: String(t.agentId), period: 'day', metric: 'calls', value: 60, from: '2026-03-01', to: '2026-03-31' };
    expect(await t.desk.invoke('targets.save', { targets: [one] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    t.desk.ctx.prep("UPDATE agents SET display_name = '=HYPERLINK(\"x\")' WHERE id = ?").run(t.agentId);
    await asLead(t);
    expect(await t.desk.invoke('targets.save', { targets: [{ ...one, agentId: '999' }] })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'targets.0.agentId' } });
    expect(await t.desk.invoke('targets.save', { targets: [one, { ...one, from: '2026-03-31', to: '2026-04-30' }] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'targets.1.from' } });
    expect(await t.desk.invoke('targets.save', { targets: [{ ...one, value: 1.5 }] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'targets.0.value' } });
    await t.call('targets.save', { targets: [one] });
    expect((await t.call('targets.list', {})).targets).toEqual([one]);

    const x = await unwrap<{ fileName: string; base64: string }>(t.desk.invoke('dashboard.exportXlsx', { period: 'month', locale: 'zh-CN' }));
    expect(x.fileName).toBe('dashboard-2026-03-01_2026-03-31.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('坐席');
    expect(ws?.getRow(1).getCell(1).value).toBe('姓名');
    expect(ws?.getRow(2).getCell(1).value).toBe('全组');
    const names = [3, 4].map((r) => ws?.getRow(r).getCell(1).value);
    expect(names).toContain('\'=HYPERLINK("x")');
    expect(ws?.getRow(3).getCell(1).formula).toBeUndefined();
    expect(wb.worksheets.map((w) => w.name)).toEqual(['坐席', '按批次', '按账龄', '迁徙率', '每日']);
  });
});
