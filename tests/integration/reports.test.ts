/**
 * Plans and summaries from a real desk database: every figure computed by hand from the records
 * written here, through the command line (`npm run report`), and the DOCX / PDF / XLSX it writes
 * read back with unzip and pdftotext.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportCli } from '../../electron/core/reports/cli';
import { buildPlan } from '../../electron/core/reports/plan';
import { buildSummary } from '../../electron/core/reports/summary';
import { writeNote } from '../../electron/core/reports/notes';
import { addCase, addFollowUp, openTestDesk, tempDir, type TestDesk } from '../fixtures/desk';

// The desk's clock: 2026-03-10 10:00 in Shanghai. The period is 03-09..03-10 local, i.e.
// 2026-03-08T16:00Z .. 2026-03-10T16:00Z.
let t: TestDesk;
const ids: Record<string, number> = {};
let seq = 0;

function attempt(caseKey: string, agentId: number, at: string, o: { channel?: string; party?: string; code?: string } = {}): void {
  seq += 1;
  t.desk.ctx.prep(`INSERT INTO attempts (id, client_request_id, case_id, agent_id, channel, party, outcome_code, note, at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, '', ?)`)
    .run(`att-${seq}`, `crid-${seq}`, ids[caseKey], agentId, o.channel ?? 'phone', o.party ?? 'none', o.code ?? 'NO_ANSWER', at);
}
function promise(id: string, caseKey: string, agentId: number, amountFen: number, createdDate: string, dueDate: string, state = 'pending'): void {
  t.desk.ctx.prep(`INSERT INTO promises (id, case_id, agent_id, amount_fen, due_date, created_date, created_at, state, state_changed_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(id, ids[caseKey], agentId, amountFen, dueDate, createdDate, `${createdDate}T02:00:00.000Z`, state, state === 'pending' ? null : `${dueDate}T18:00:00.000Z`);
}
function payment(id: string, caseKey: string, amountFen: number, paidDate: string, agentId: number | null): void {
  // an agent's payment says how it was paid (issue 9: the export carries channel and transaction number)
  t.desk.ctx.prep("INSERT INTO payments (id, case_id, amount_fen, paid_date, source, agent_id, created_at, channel, txn_no) VALUES (?, ?, ?, ?, ?, ?, '2026-03-10T01:00:00.000Z', ?, ?)")
    .run(id, ids[caseKey], amountFen, paidDate, agentId === null ? 'creditor' : 'agent', agentId, agentId === null ? null : 'bank_transfer', agentId === null ? null : `TXN${id.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}`);
}

beforeAll(async () => {
  t = await openTestDesk();
  const A = t.agentId;
  const B = t.otherAgentId;
  ids.c1 = addCase(t, { agentId: A, name: '王喆', overdueFen: 300_000, attemptCount: 1 }).caseId;
  ids.c2 = addCase(t, { agentId: A, name: '李堃', overdueFen: 200_000, attemptCount: 1 }).caseId;
  ids.c3 = addCase(t, { agentId: A, name: '赵昇', overdueFen: 150_000, attemptCount: 1 }).caseId;
  ids.c4 = addCase(t, { agentId: B, name: '钱犇', overdueFen: 100_000, attemptCount: 1 }).caseId;
  ids.c5 = addCase(t, { agentId: A, name: '孙镕', overdueFen: 50_000, tags: ['litigation'], attemptCount: 1 }).caseId;
  ids.c6 = addCase(t, { agentId: A, name: '周新', overdueFen: 80_000 }).caseId; // never called: a new case in the plan

  attempt('c1', A, '2026-03-08T15:59:00.000Z'); // 03-08 23:59 local: before the period
  attempt('c1', A, '2026-03-08T16:00:00.000Z'); // 03-09 00:00 local: call
  attempt('c1', A, '2026-03-09T03:00:00.000Z', { party: 'self', code: 'PTP' }); // call, connected, right party
  attempt('c2', A, '2026-03-09T05:00:00.000Z', { party: 'third_party', code: 'THIRD_PARTY_MESSAGE' }); // call, connected
  attempt('c2', A, '2026-03-09T06:00:00.000Z', { party: 'spouse', code: 'PTP' }); // call, connected, not 本人
  attempt('c3', A, '2026-03-09T01:30:00.000Z', { channel: 'sms' }); // an attempt, not a call
  attempt('c3', A, '2026-03-10T01:00:00.000Z', { party: 'self', code: 'REFUSES' }); // call, connected, right party; unwilling
  attempt('c5', A, '2026-03-09T04:00:00.000Z', { code: 'SWITCHED_OFF' }); // call; unreachable
  attempt('c1', A, '2026-03-10T16:00:00.000Z'); // 03-11 00:00 local: after the period
  attempt('c4', B, '2026-03-09T03:00:00.000Z', { party: 'self', code: 'PTP' }); // B's call

  promise('P1', 'c1', A, 100_000, '2026-03-09', '2026-03-10'); // paid in full on 03-10: kept
  promise('P2', 'c2', A, 50_000, '2026-03-09', '2026-03-12'); // 20,000 paid: still pending
  promise('P3', 'c3', A, 30_000, '2026-03-01', '2026-03-08'); // unpaid, past grace: broken, due before the period
  promise('P4', 'c3', A, 40_000, '2026-03-02', '2026-03-09', 'cancelled'); // replaced: never due
  promise('P5', 'c4', B, 60_000, '2026-03-09', '2026-03-09'); // B's, kept 03-09
  promise('P6', 'c2', A, 25_000, '2026-03-01', '2026-03-09', 'broken'); // the hub decided: broken, due in the period
  promise('P7', 'c5', A, 10_000, '2026-03-05', '2026-03-09'); // due 03-09, grace until 03-10: undecided

  payment('pay1', 'c1', 100_000, '2026-03-10', A);
  payment('pay2', 'c2', 20_000, '2026-03-10', null); // creditor feed: credited to the holder (A)
  payment('pay3', 'c4', 60_000, '2026-03-09', B);
  payment('pay4', 'c5', 5_000, '2026-03-09', null); // litigation case: legal
  payment('pay5', 'c1', 7_000, '2026-03-08', A); // before the period

  addFollowUp(t, ids.c3!, '2026-03-10T06:00:00.000Z'); // 14:00 local today
});
afterAll(() => t.close());

function writeNotes(): void {
  const scope = { kind: 'agent' as const, agentId: String(t.agentId) };
  writeNote(t.desk.ctx, scope, '2026-03-09', '2026-03-10', { reflection: '失联客户较多，需要多找联系人。' }, '2026-03-10T09:00:00.000Z', t.agentId);
  writeNote(t.desk.ctx, scope, '2026-03-11', '2026-03-12', { commitments: ['每天联系 60 位客户'] }, '2026-03-10T09:00:00.000Z', t.agentId);
  // commitments written after the reflection leave the reflection as it was
  writeNote(t.desk.ctx, scope, '2026-03-09', '2026-03-10', { commitments: ['本周回收委案金额的 20%'] }, '2026-03-10T09:01:00.000Z', t.agentId);
}

const clock = () => ({ today: '2026-03-10', now: new Date('2026-03-10T02:00:00.000Z'), settings: t.desk.ctx.settings() });

describe('summary figures, by hand', () => {
  it("an agent's period", () => {
    const s = buildSummary(t.desk.ctx, { kind: 'agent', agentId: String(t.agentId) }, '2026-03-09', '2026-03-10', clock(), '全组');
    expect(s.figures).toEqual({
      attempts: 7, calls: 6, connected: 4, rightParty: 2, casesWorked: 4,
      ptps: 2, ptpFen: 150_000, kept: 1, keptFen: 100_000, due: 2, keptOfDue: 1, brokenOfDue: 1,
      recoveredFen: 125_000, payments: 3,
      contactRate: 4 / 6, rpcRate: 2 / 6, ptpRate: 1, keptRate: 0.5,
    });
    expect(s.scopeName).toBe('测试员（T0001）');
    expect(s.byChannel.filter((c) => c.payments > 0)).toEqual([
      { channel: 'phone', amountFen: 120_000, payments: 2 },
      { channel: 'legal', amountFen: 5_000, payments: 1 },
    ]);
    const problems = Object.fromEntries(s.problems.map((p) => [p.category, p.cases.map((c) => c.debtorName)]));
    expect(problems).toEqual({ unreachable: ['孙镕'], unwilling: ['赵昇'], unable: [], dispute: [], deceased: [] });
    expect(s.largestPayments.map((p) => [p.debtorName, p.amountFen])).toEqual([['王喆', 100_000], ['李堃', 20_000], ['孙镕', 5_000]]);
    expect(s.keptPromises.map((p) => [p.debtorName, p.keptOn])).toEqual([['王喆', '2026-03-10']]);
    expect(s.agents).toEqual([]);
    expect(s.next).toEqual({ from: '2026-03-11', to: '2026-03-12', commitments: [] });
  });
  it('the team: both agents, and per agent the same definitions', () => {
    const s = buildSummary(t.desk.ctx, { kind: 'team' }, '2026-03-09', '2026-03-10', clock(), '全组');
    expect(s.figures).toMatchObject({ calls: 7, connected: 5, rightParty: 3, casesWorked: 5, ptps: 3, ptpFen: 210_000, kept: 2, due: 3, keptOfDue: 2, recoveredFen: 185_000, payments: 4 });
    const b = s.agents.find((a) => a.name === '其他（T0002）');
    expect(b?.figures).toMatchObject({ calls: 1, connected: 1, rightParty: 1, ptps: 1, ptpFen: 60_000, kept: 1, recoveredFen: 60_000 });
    expect(s.agents.find((a) => a.name === '测试员（T0001）')?.figures.recoveredFen).toBe(125_000);
  });
});

describe('plan and notes', () => {
  it('the worklist in order: due follow-ups and PTPs, broken promises, new cases, with best hours', () => {
    const p = buildPlan(t.desk.ctx, { kind: 'agent', agentId: String(t.agentId) }, '2026-03-10', '2026-03-10', clock(), '全组');
    // c3: follow-up due 14:00 today (its overdue promise P3 is the same case); c5: P7 due yesterday, in
    // grace; c1: P1 due today; c2's broken P6 is not listed: c2 has a pending promise (P2); c6: never called.
    expect(p.worklist.map((w) => [w.kind, w.debtorName])).toEqual([['followup', '赵昇'], ['ptpDue', '孙镕'], ['ptpDue', '王喆'], ['new', '周新']]);
    expect(p.worklist[0]?.due).toBe('14:00');
    // 赵昇 answered once at 09:00 local (01:00Z): that hour is the best one
    expect(p.worklist[0]?.bestHours).toEqual(['09:00–10:00']);
    expect(p.progress.calls).toBe(1); // today only: 03-10 local
  });
  it('a summary saves its reflection and next plan; the next plan is the next period plan', () => {
    const scope = { kind: 'agent' as const, agentId: String(t.agentId) };
    writeNotes();
    const s = buildSummary(t.desk.ctx, scope, '2026-03-09', '2026-03-10', clock(), '全组');
    expect(s.reflection).toBe('失联客户较多，需要多找联系人。'); // kept when the commitments were written
    expect(s.commitments).toEqual(['本周回收委案金额的 20%']);
    expect(s.next.commitments).toEqual(['每天联系 60 位客户']);
    const next = buildPlan(t.desk.ctx, scope, '2026-03-11', '2026-03-12', clock(), '全组');
    expect(next.commitments).toEqual(['每天联系 60 位客户']);
  });
});

describe('npm run report', () => {
  const cli = async (...args: string[]): Promise<{ code: number; lines: string[] }> => {
    const lines: string[] = [];
    const code = await runReportCli(args, { DATA_DIR: t.dir }, (l) => lines.push(l), new Date('2026-03-10T02:00:00.000Z'));
    return { code, lines };
  };
  it('--format json prints one line with the figures', async () => {
    const r = await cli('summary', '--agent', 'tester', '--from', '2026-03-09', '--to', '2026-03-10', '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(1);
    expect(JSON.parse(r.lines[0]!)).toMatchObject({ calls: 6, connected: 4, rightParty: 2, ptps: 2, ptpFen: 150_000, kept: 1, recoveredFen: 125_000 });
  });
  it('the script in package.json runs it as a command', () => {
    const root = path.resolve(__dirname, '../..');
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.report).toBe('tsx electron/core/reports/cli.ts');
    const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const run = (args: string[]) => execFileSync(process.execPath, [tsx, 'electron/core/reports/cli.ts', ...args], { cwd: root, env: { ...process.env, DATA_DIR: t.dir }, encoding: 'utf8' });
    const team = JSON.parse(run(['summary', '--team', '--from', '2026-03-09', '--to', '2026-03-10', '--format', 'json']).trim()) as Record<string, number>;
    // the real clock: figures up to a day long past are decided the same
    expect(team).toMatchObject({ calls: 7, connected: 5, rightParty: 3, ptps: 3, ptpFen: 210_000, recoveredFen: 185_000 });
    let code = 0;
    try {
      run(['summary', '--agent', 'nobody', '--from', '2026-03-09', '--to', '2026-03-10', '--format', 'json']);
    } catch (e) {
      code = (e as { status: number }).status;
    }
    expect(code).toBe(2);
  });
  it('DOCX, PDF and XLSX carry the same Chinese text and figures', async () => {
    const dir = tempDir();
    const out = (ext: string) => path.join(dir, `s.${ext}`);
    writeNotes();
    for (const f of ['docx', 'pdf', 'xlsx']) {
      const r = await cli('summary', '--agent', 'tester', '--from', '2026-03-09', '--to', '2026-03-10', '--format', f, '--out', out(f));
      expect(r.code).toBe(0);
    }
    const docXml = execFileSync('unzip', ['-p', out('docx'), 'word/document.xml'], { encoding: 'utf8' });
    for (const s of ['工作总结', '工作概况', '¥1,250.00', '孙镕', '失联客户较多，需要多找联系人。', '每天联系 60 位客户', 'eastAsia']) expect(docXml).toContain(s);
    const pdfText = execFileSync('pdftotext', ['-layout', out('pdf'), '-'], { encoding: 'utf8' });
    for (const s of ['工作总结', '工作概况', '¥1,250.00', '孙镕', '王喆', '66.7%', '每天联系 60 位客户']) expect(pdfText).toContain(s);
    // The first page renders (poppler); REPORTS_ARTIFACTS=DIR keeps the files and the PNG to look at.
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', out('pdf'), path.join(dir, 'page')]);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('page') && f.endsWith('.png'))).toBe(true);
    const keep = process.env.REPORTS_ARTIFACTS;
    if (keep) for (const f of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, f), path.join(keep, f));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out('xlsx'));
    const pay = wb.getWorksheet('回款明细');
    expect(pay?.getRow(2).values).toEqual([undefined, '王喆', expect.any(String), 1000, '2026-03-10', '测试员（T0001）', '银行转账', expect.stringMatching(/^TXN[A-Z0-9]+$/)]);
  });
  it('refuses bad arguments with exit 2 and the reason', async () => {
    await expect(cli('summary', '--team', '--from', '2026-03-10', '--to', '2026-03-09', '--format', 'json')).rejects.toThrow(/--from is after --to/);
    await expect(cli('summary', '--team', '--agent', 'tester', '--from', '2026-03-09', '--to', '2026-03-10', '--format', 'json')).rejects.toThrow(/exactly one/);
    await expect(cli('summary', '--team', '--from', '2026-02-30', '--to', '2026-03-10', '--format', 'json')).rejects.toThrow(/--from must be a date/);
    await expect(cli('summary', '--team', '--from', '2026-03-09', '--to', '2026-03-10', '--format', 'pdf')).rejects.toThrow(/--out/);
  });
});

describe('desk routes', () => {
  it("an agent gets their own plan and summary, not the team's or a colleague's", async () => {
    const own = { scope: { kind: 'agent', agentId: String(t.agentId) }, from: '2026-03-09', to: '2026-03-10' };
    expect((await t.call('reports.summary', own)).figures.calls).toBe(6);
    for (const scope of [{ kind: 'team' }, { kind: 'agent', agentId: String(t.otherAgentId) }]) {
      expect(await t.desk.invoke('reports.summary', { ...own, scope })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', rule: 'lead.only' } });
    }
    expect(await t.call('reports.agents', {})).toEqual([{ id: String(t.agentId), name: '测试员（T0001）' }]);
    expect(await t.desk.invoke('reports.summary', { ...own, from: '2026-03-11' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'to' } });
  });
  it('saving a summary: the reflection stays, the next plan becomes the next period plan', async () => {
    const q = { scope: { kind: 'agent', agentId: String(t.agentId) }, from: '2026-03-16', to: '2026-03-22' };
    await t.call('reports.saveNotes', { ...q, reflection: '本周失联较多。', nextCommitments: ['本周回收委案金额的 20%'] });
    const next = await t.call('reports.plan', { ...q, from: '2026-03-23', to: '2026-03-29' });
    expect(next.commitments).toEqual(['本周回收委案金额的 20%']);
    expect((await t.call('reports.summary', q)).reflection).toBe('本周失联较多。');
    const file = await t.call('reports.export', { ...q, doc: 'summary', format: 'pdf', locale: 'en' });
    expect(file.fileName).toBe('summary-2026-03-16_2026-03-22.pdf');
    expect(Buffer.from(file.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });
});
