/**
 * The lead's dashboard on a 50-agent team over a month (~150,000 dial attempts): `dashboard.get`
 * for the month, the week and the day, p95 ≤ 200 ms (issue 10). The team is written straight into
 * a fresh desk database (seeded, so every run measures the same data).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashPasswordSync } from '../electron/core/auth/password';
import type { Ctx } from '../electron/core/context';
import { createDesk } from '../electron/core/desk';
import { Dashboard } from '../shared/contract/dashboard';
import { addDays } from '../shared/domain/dates';
import { summarize, type Stat } from './core';

export interface TeamShape {
  agents: number;
  casesPerAgent: number;
  attempts: number;
  /** The month's first day; attempts, promises and payments fall in it. */
  month: string;
}
export const BENCH_TEAM: TeamShape = { agents: 50, casesPerAgent: 200, attempts: 150_000, month: '2026-11-01' };

/** A small deterministic generator (the same team every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const OUTCOMES: [string, string, number][] = [
  // code, party, weight: most dials go unanswered, as on a real floor
  ['NO_ANSWER', 'none', 45], ['SWITCHED_OFF', 'none', 10], ['INVALID_NUMBER', 'none', 3], ['THIRD_PARTY_MESSAGE', 'third_party', 8],
  ['PTP', 'self', 8], ['REFUSES', 'self', 8], ['UNABLE', 'self', 8], ['PLAN_REQUESTED', 'self', 5], ['CLAIMS_PAID', 'self', 5],
];

/** Write a lead, `agents` agents, their cases, a month of attempts, promises and payments. Returns the lead's user name. */
export function seedTeam(ctx: Ctx, shape: TeamShape = BENCH_TEAM): { lead: string; password: string } {
  const r = rng(10);
  const hash = hashPasswordSync('bench-pass-1');
  const now = `${shape.month}T00:00:00.000Z`;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const weighted = OUTCOMES.flatMap((o) => Array.from({ length: o[2] }, () => o));
  ctx.db.transaction(() => {
    const agent = ctx.prep('INSERT INTO agents (username, display_name, agent_no, role, password_hash, disabled, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)');
    agent.run('benchlead', '组长', 'L0001', 'lead', hash, now);
    const agentIds: number[] = [];
    for (let i = 1; i <= shape.agents; i++) agentIds.push(Number(agent.run(`bench${i}`, `坐席${i}`, `A${String(i).padStart(4, '0')}`, 'agent', hash, now).lastInsertRowid));
    const batchIds = [1, 2, 3].map((b) => Number(ctx.prep('INSERT INTO batches (batch_no, creditor, entrust_date, imported_at) VALUES (?, ?, ?, ?)')
      .run(`B2026-${b}`, pick(['招商银行', '平安消费金融', '中信银行']), shape.month, now).lastInsertRowid));
    const debtor = ctx.prep('INSERT INTO debtors (name, gender, id_number, id_tail4, birth_date, updated_at) VALUES (?, ?, NULL, NULL, NULL, ?)');
    const kase = ctx.prep(`INSERT INTO cases (debtor_id, batch_id, creditor, product, account_no, principal_fen, balance_fen, overdue_fen, min_due_fen, overdue_since,
      status, assigned_agent_id, updated_at) VALUES (?, ?, '招商银行', 'credit_card', ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const byAgent = new Map<number, number[]>();
    for (const a of agentIds) {
      const list: number[] = [];
      for (let i = 0; i < shape.casesPerAgent; i++) {
        const d = Number(debtor.run(`债务人${a}-${i}`, r() < 0.5 ? 'M' : 'F', now).lastInsertRowid);
        const bal = 100_000 + Math.floor(r() * 5_000_000);
        const since = addDays(shape.month, -Math.floor(r() * 150));
        list.push(Number(kase.run(d, pick(batchIds), `62258${a}${String(i).padStart(6, '0')}`, bal, bal, Math.floor(bal * 0.6), Math.floor(bal * 0.1), since, r() < 0.03 ? 'paid' : 'open', a, now).lastInsertRowid));
      }
      byAgent.set(a, list);
    }
    const attempt = ctx.prep(`INSERT INTO attempts (id, client_request_id, case_id, agent_id, channel, party, outcome_code, note, duration_sec, at)
      VALUES (?, ?, ?, ?, 'phone', ?, ?, '', ?, ?)`);
    const promise = ctx.prep(`INSERT INTO promises (id, case_id, attempt_id, agent_id, amount_fen, due_date, created_date, created_at, state, paid_fen)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const payment = ctx.prep("INSERT INTO payments (id, case_id, amount_fen, paid_date, source, agent_id, created_at) VALUES (?, ?, ?, ?, 'creditor', NULL, ?)");
    const days = 30;
    for (let i = 0; i < shape.attempts; i++) {
      const a = agentIds[i % agentIds.length] ?? 0;
      const c = pick(byAgent.get(a) ?? []);
      const day = addDays(shape.month, Math.floor(r() * days));
      // 09:00–20:00 Beijing time = 01:00–12:00 UTC
      const at = `${day}T${String(1 + Math.floor(r() * 11)).padStart(2, '0')}:${String(Math.floor(r() * 60)).padStart(2, '0')}:00.000Z`;
      const [code, party] = pick(weighted);
      const id = `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`;
      attempt.run(id, `bench-${i}`, c, a, party, code, Math.floor(r() * 300), at);
      if (code === 'PTP') {
        const due = addDays(day, 1 + Math.floor(r() * 7));
        const amount = 50_000 + Math.floor(r() * 500_000);
        const kept = r() < 0.55;
        const decided = due < addDays(shape.month, days - 2);
        promise.run(id, c, id, a, amount, due, day, at, decided ? (kept ? 'kept' : 'broken') : 'pending', kept && decided ? amount : 0);
        if (kept && decided) payment.run(`pay-${i}`, c, amount, due, at);
      }
    }
  })();
  return { lead: 'benchlead', password: 'bench-pass-1' };
}

/** The dashboard's timings; `n` runs of each period after a warm-up. */
export async function runDashboardBench(opts: { log: (s: string) => void; n?: number; shape?: TeamShape }): Promise<Stat[]> {
  const shape = opts.shape ?? BENCH_TEAM;
  const n = opts.n ?? 40;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collectdesk-bench-dashboard-'));
  const clock = () => new Date(`${addDays(shape.month, 29)}T08:00:00.000Z`);
  const desk = await createDesk({ dataDir: dir, clock, pollMs: 0, log: () => {} });
  try {
    const t0 = performance.now();
    const { lead, password } = seedTeam(desk.ctx, shape);
    opts.log(`dashboard: seeded ${shape.agents} agents, ${(shape.agents * shape.casesPerAgent).toLocaleString('en')} cases, ${shape.attempts.toLocaleString('en')} attempts in ${Math.round(performance.now() - t0)} ms`);
    const login = await desk.invoke('auth.login', { username: lead, password });
    if (!login.ok) throw new Error(`bench login failed: ${JSON.stringify(login.error)}`);
    const stats: Stat[] = [];
    for (const period of ['month', 'week', 'day'] as const) {
      const samples: number[] = [];
      for (let i = 0; i < n + 3; i++) {
        const s = performance.now();
        const res = await desk.invoke('dashboard.get', { period, date: addDays(shape.month, 14) });
        const ms = performance.now() - s;
        if (!res.ok) throw new Error(`dashboard.get failed: ${JSON.stringify(res.error)}`);
        if (i === 0 && period === 'month') {
          const d = Dashboard.parse(res.value);
          opts.log(`dashboard: month = ${d.team.calls.toLocaleString('en')} calls, ${d.agents.length} agents (first call, with the daily counts built: ${Math.round(ms)} ms)`);
        }
        if (i >= 3) samples.push(ms);
      }
      stats.push(summarize(`dashboard ${period} (${shape.agents} agents, ${shape.attempts.toLocaleString('en')} attempts/month)`, samples, 200));
    }
    return stats;
  } finally {
    desk.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  // npx tsx bench/dashboard.ts: this bench alone
  runDashboardBench({ log: (s) => console.log(s) }).then(
    (stats) => {
      for (const s of stats) console.log(`${s.name}: p50 ${s.p50.toFixed(0)}  p95 ${s.p95.toFixed(0)}  target ${s.target ?? '—'}`);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
