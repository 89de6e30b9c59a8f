/**
 * The hub's summary route (GET /v1/reports/summary) on both stores: a team's and an agent's day
 * and week from the hub's own records, against figures counted by hand from what the test
 * pushed; DOCX, PDF and XLSX; who may ask; bad queries name the field.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCases } from '../../../hub/admin';
import { hubReport } from '../../../hub/reports/command';
import type { EntityRow } from '../../../shared/sync';
import { attemptArgs, call, deskOf, makeWorld, pgAvailable, type Kind, type World, ALL_STEPS } from './harness';

const pgOk = await pgAvailable();
if (!pgOk) console.warn('hub reports tests: no PostgreSQL reachable at 127.0.0.1:5432 — the PostgreSQL half is SKIPPED');

const TODAY = '2026-03-10'; // the world's clock: 2026-03-10T02:00Z = 10:00 in Shanghai

/** 71001..71003 agentA's, 71004 agentB's; each owes ¥1,000. */
function rows(agentA: number, agentB: number) {
  const debtors: EntityRow<'debtor'>[] = [];
  const cases: EntityRow<'case'>[] = [];
  for (const [n, holder] of [[1, agentA], [2, agentA], [3, agentA], [4, agentB]] as const) {
    const id = String(71000 + n);
    debtors.push({ id, name: `客户${n}`, gender: 'F', idNumber: null, birthDate: null, homeAddress: null, workAddress: null, registeredAddress: null, employer: null });
    cases.push({
      id, debtorId: id, batchId: null, creditor: '招商银行信用卡中心', product: 'credit_card', accountNo: `62258800000${id}`,
      principalFen: 100_000, balanceFen: 100_000, overdueFen: 100_000, minDueFen: 0, overdueSince: '2026-02-01', lastPaymentDate: null, lastPaymentFen: null,
      entrustDate: '2026-03-01', expiryDate: '2026-06-30', status: 'open', tags: [], assignedAgentId: String(holder), preferredPhoneId: null,
      brokenPromises: 0, refusals: 0, attemptCount: 0, lastAttemptAt: null, lastOutcomeCode: null,
    });
  }
  return { batches: [], debtors, contacts: [], phones: [], cases, attempts: [], promises: [], payments: [] };
}

describe.each([
  ['sqlite', true],
  ['postgres', pgOk],
] as [Kind, boolean][])('summaries from the hub (%s)', (kind, enabled) => {
  let w: World;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collectdesk-hub-report-'));
  const get = async (query: string, user = 'lead1') => call(w.hub, 'GET', `/v1/reports/summary?${query}`, undefined, await w.tokenOf(user));
  const raw = async (query: string) => fetch(`${w.hub.url}/v1/reports/summary?${query}`, { headers: { authorization: `Bearer ${await w.tokenOf('lead1')}` } });

  beforeAll(async () => {
    if (!enabled) return;
    w = await makeWorld(kind);
    await w.hub.store.write((q) => upsertCases(q, w.teamId, rows(w.ids.agentA!, w.ids.agentB!), w.now.t));
    const a = await deskOf(w, 'agentA');
    const b = await deskOf(w, 'agentB');
    const push = async (d: typeof a, name: string, args: unknown) => {
      const r = await d.push([d.m(name, args)]);
      expect(r.status).toBe(200);
      expect(r.body.results?.[0]?.status ?? 'applied').not.toBe('rejected');
    };
    // yesterday (outside the day, inside the week): one no-answer of agentA's
    const today = w.now.t;
    w.now.t = new Date(today.getTime() - 24 * 3600_000);
    await push(a, 'attempt.save', attemptArgs('71001', w.now.t));
    w.now.t = today;
    // today: agentA no answer on 71001, a PTP of ¥300 on 71002 paid in full today, ¥50 paid on 71003 (no call)
    await push(a, 'attempt.save', attemptArgs('71001', w.now.t));
    await push(a, 'attempt.save', { ...attemptArgs('71002', w.now.t, { outcomeCode: 'PTP', party: 'self', stepsDone: ALL_STEPS }), promise: { id: randomUUID(), amountFen: 30_000, dueDate: '2026-03-13', createdDate: TODAY } });
    await push(a, 'payment.record', { paymentId: randomUUID(), caseId: '71002', amountFen: 30_000, paidDate: TODAY, source: 'agent', at: w.now.t.toISOString() });
    await push(a, 'payment.record', { paymentId: randomUUID(), caseId: '71003', amountFen: 5_000, paidDate: TODAY, source: 'agent', at: w.now.t.toISOString() });
    // agentB: the debtor refuses on 71004
    await push(b, 'attempt.save', attemptArgs('71004', w.now.t, { outcomeCode: 'REFUSES', party: 'self', stepsDone: ALL_STEPS }));
  }, 60_000);
  afterAll(async () => {
    await w?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.runIf(enabled)("the team's day: the figures counted by hand, per agent, by channel, problems", async () => {
    const r = await get(`scope=team&from=${TODAY}&to=${TODAY}`);
    expect(r.status).toBe(200);
    // 3 dials today (A: no answer, PTP; B: refuses); PTP and REFUSES are contacts in person
    expect(r.body.figures).toMatchObject({ calls: 3, connected: 2, rightParty: 2, ptps: 1, ptpFen: 30_000, kept: 1, keptFen: 30_000, recoveredFen: 35_000, payments: 2, casesWorked: 3 });
    expect(r.body.scopeName).toBe('T1');
    const agents = Object.fromEntries((r.body.agents as { name: string; figures: Record<string, number> }[]).map((x) => [x.name, x.figures]));
    expect(agents['名agentA（N-agentA）']).toMatchObject({ calls: 2, connected: 1, rightParty: 1, ptps: 1, kept: 1, recoveredFen: 35_000 });
    expect(agents['名agentB（N-agentB）']).toMatchObject({ calls: 1, connected: 1, rightParty: 1, ptps: 0, kept: 0, recoveredFen: 0 });
    // ¥300 on a case last called by phone; ¥50 on a case nobody called
    const ch = Object.fromEntries((r.body.byChannel as { channel: string; amountFen: number; payments: number }[]).map((x) => [x.channel, [x.amountFen, x.payments]]));
    expect(ch.phone).toEqual([30_000, 1]);
    expect(ch.unattributed).toEqual([5_000, 1]);
    const problems = Object.fromEntries((r.body.problems as { category: string; count: number; cases: { caseId: string }[] }[]).map((p) => [p.category, p.cases.map((c) => c.caseId)]));
    expect(problems.unreachable).toEqual(['71001']);
    expect(problems.unwilling).toEqual(['71004']);
    expect((r.body.keptPromises as { caseId: string; keptOn: string }[]).map((k) => [k.caseId, k.keptOn])).toEqual([['71002', TODAY]]);
  });

  it.runIf(enabled)("an agent's week takes in yesterday's call", async () => {
    const r = await get(`scope=agent&agentId=${w.ids.agentA}&from=2026-03-09&to=2026-03-15`);
    expect(r.status).toBe(200);
    expect(r.body.periodKind).toBe('week');
    expect(r.body.agents).toEqual([]);
    expect(r.body.figures).toMatchObject({ calls: 3, connected: 1, rightParty: 1, ptps: 1, recoveredFen: 35_000 });
  });

  it.runIf(enabled)('DOCX, PDF and XLSX, named as the desk names them', async () => {
    for (const [format, mime] of [['docx', 'wordprocessingml'], ['pdf', 'application/pdf'], ['xlsx', 'spreadsheetml']] as const) {
      const res = await raw(`scope=team&from=${TODAY}&to=${TODAY}&format=${format}&locale=zh-CN`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(mime);
      expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain(`${TODAY}_${TODAY}.${format}`);
      const file = path.join(dir, `team.${format}`);
      fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      if (format === 'pdf') expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('名agentA');
      if (format === 'docx') expect(execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' })).toContain('¥350.00');
      if (format === 'xlsx') expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    }
  });

  it.runIf(enabled)('npm run hub -- report summary: one line of figures, or a file; bad arguments exit 2', async () => {
    const lines: string[] = [];
    const errors: string[] = [];
    const run = (c: Parameters<typeof hubReport>[1]) => hubReport(w.hub.store, c, w.now.t, (l) => lines.push(l), (l) => errors.push(l));
    expect(await run({ team: 'T1', agent: 'agentB', from: TODAY, to: TODAY, format: 'json' }), errors.join()).toBe(0);
    expect(JSON.parse(lines[0]!)).toMatchObject({ calls: 1, connected: 1, rightParty: 1, ptps: 0, recoveredFen: 0 });
    const out = path.join(dir, 'cli.pdf');
    expect(await run({ team: 'T1', from: TODAY, to: TODAY, format: 'pdf', out, locale: 'en' })).toBe(0);
    expect(execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' })).toContain('Daily');
    expect(await run({ team: 'T1', agent: 'agentC', from: TODAY, to: TODAY, format: 'json' })).toBe(2);
    expect(errors.pop()).toContain('--agent');
    expect(await run({ team: 'T1', from: TODAY, to: '2026-03-01', format: 'json' })).toBe(2);
    expect(errors.pop()).toContain('--from is after --to');
  });

  it.runIf(enabled)('leads only, their own team; a bad query names the field', async () => {
    expect((await get(`scope=team&from=${TODAY}&to=${TODAY}`, 'agentA')).status).toBe(403);
    expect((await get(`scope=team&from=${TODAY}&to=${TODAY}&teamId=${w.teamId}`, 'lead2')).status).toBe(403);
    const other = await get(`scope=agent&agentId=${w.ids.agentC}&from=${TODAY}&to=${TODAY}`);
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).toContain('agentId');
    const backwards = await get(`scope=team&from=${TODAY}&to=2026-03-01`);
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toContain('to');
    const noAgent = await get(`scope=agent&from=${TODAY}&to=${TODAY}`);
    expect(noAgent.status).toBe(400);
    expect(JSON.stringify(noAgent.body)).toContain('agentId');
    expect((await get(`scope=team&from=2026-02-30&to=${TODAY}`)).status).toBe(400);
    expect((await get(`scope=team&from=${TODAY}&to=${TODAY}&format=html`)).status).toBe(400);
  });
});
