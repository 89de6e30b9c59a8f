/**
 * Compliance beside money on the lead's dashboard (desk database): per agent and for the team,
 * the dials outside the contact rules (this desk's own flags and the hub's reports, each attempt
 * once) and their share of dials, complaints, and lead overrides, for the period — equal to the
 * counts this test makes by hand; and in the XLSX export.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent } from '../../electron/core/auth/auth';
import type { Dashboard } from '../../shared/contract/dashboard';
import { addCase, attemptInput, openTestDesk, requiredSteps, type TestDesk } from '../fixtures/desk';

let t: TestDesk;
afterEach(() => t?.close());

describe('dashboard compliance', () => {
  it('violations (each attempt once), their share, complaints and overrides per agent and team', async () => {
    t = await openTestDesk(); // 2026-03-10 10:00 in Shanghai, agent A ('tester')
    const A = t.agentId;
    const B = t.otherAgentId;
    const ctx = t.desk.ctx;
    const c1 = addCase(t, { agentId: A }).caseId;
    const { caseId: c2, phoneIds: [p2] } = addCase(t, { agentId: A, phones: [{ number: '13800138000' }] });
    const c3 = addCase(t, { agentId: B }).caseId;

    // A: a complaint (投诉/争议) with the debtor; a no-answer this desk flagged as outside the rules
    await t.call('attempt.save', attemptInput(c1, { party: 'self', outcomeCode: 'DISPUTE', note: '客户投诉催收方式', stepsDone: await requiredSteps(t, c1) }));
    // B: two no-answers
    await t.call('auth.login', { username: 'other', password: 'secret2' });
    await t.call('attempt.save', attemptInput(c3, { note: '无人接听' }));
    await t.call('attempt.save', attemptInput(c3, { note: '无人接听' }));
    // A again at 23:00 (quiet hours): the desk records the call and flags it
    await t.call('auth.login', { username: 'tester', password: 'secret1' });
    t.clock.set('2026-03-10T15:00:00.000Z');
    await t.call('attempt.save', attemptInput(c2, { phoneId: String(p2), note: '无人接听' }));
    const ids = (caseId: number) => ctx.prep<{ id: string; at: string }>('SELECT id, at FROM attempts WHERE case_id = ? ORDER BY at, id').all(caseId);
    const [a2] = ids(c2);
    const [b1] = ids(c3);
    expect(ctx.prep<{ violations: string }>('SELECT violations FROM attempts WHERE id = ?').get(a2!.id)?.violations).toContain('contact.quietHours');
    // the hub's re-check reports A's flagged call again (counted once) and one of B's
    const conflict = (key: string, caseId: number, attemptId: string, agentId: number, at: string) =>
      ctx.prep("INSERT INTO hub_rows (entity, key, row) VALUES ('conflict', ?, ?)").run(key, JSON.stringify({
        id: key, caseId: String(caseId), kind: 'contactViolation', detail: { attemptId, rules: ['contact.unansweredCap'], agentId: String(agentId), at },
        createdAt: at, resolvedAt: null, resolvedBy: null, resolution: null,
      }));
    conflict('901', c2, a2!.id, A, a2!.at);
    conflict('902', c3, b1!.id, B, b1!.at);
    conflict('903', c3, 'not-on-this-desk', B, '2026-02-20T02:00:00.000Z'); // last month
    // a lead's override on A's case today, one on B's last month
    const override = ctx.prep("INSERT INTO contact_overrides (id, case_id, phone_id, lead_id, reason, created_at) VALUES (?, ?, 1, NULL, '客户约定回电', ?)");
    override.run('ov-1', c1, '2026-03-10T01:00:00.000Z');
    override.run('ov-2', c3, '2026-02-27T01:00:00.000Z');

    t.desk.ctx.db.transaction(() => createAgent(ctx, { username: 'boss', password: 'secret3', displayName: '组长', agentNo: 'L0001', role: 'lead' }))();
    await t.call('auth.login', { username: 'boss', password: 'secret3' });
    const day = await t.call('dashboard.get', { period: 'day' }) as Dashboard;
    // by hand: 4 dials; outside the rules A's c2 call and B's first (2 of 4); one complaint (A); one override today (A's case)
    expect(day.team.calls).toBe(4);
    expect(day.team.compliance).toEqual({ violations: 2, violationShare: 0.5, complaints: 1, overrides: 1 });
    const row = (id: number) => day.agents.find((r) => r.agentId === String(id));
    expect(row(A)?.compliance).toEqual({ violations: 1, violationShare: 0.5, complaints: 1, overrides: 1 });
    expect(row(B)?.compliance).toEqual({ violations: 1, violationShare: 0.5, complaints: 0, overrides: 0 });
    // February: the hub's report of a call this desk does not hold, and B's override; no dial here, so no share
    expect((await t.call('dashboard.get', { period: 'range', date: '2026-02-01', to: '2026-02-28' }) as Dashboard).team.compliance)
      .toEqual({ violations: 1, violationShare: null, complaints: 0, overrides: 1 });

    const x = await t.call('dashboard.exportXlsx', { period: 'day', locale: 'zh-CN' }) as { base64: string };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const team = (ws.getRow(2).values as unknown[]).slice(1);
    const at = (h: string) => team[header.indexOf(h)];
    expect([at('违规拨打'), at('违规占比'), at('投诉'), at('组长特批')]).toEqual([2, 0.5, 1, 1]);
  });
});
