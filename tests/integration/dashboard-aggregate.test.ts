/**
 * The dashboard's dial figures come from the daily counts (attempt_days, one pass by day and
 * agent with the outcome codes' flags as sets): they must equal the same figures counted from the
 * raw attempts, per agent and per day, for a seeded team month, also after an outcome code's
 * flags change (the flags are read at query time, never stored in the counts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { seedTeam } from '../../bench/dashboard';
import { Dashboard } from '../../shared/contract/dashboard';
import { openTestDesk, type TestDesk } from '../fixtures/desk';

let t: TestDesk;
afterEach(() => t?.close());

type Raw = { key: string; calls: number; connected: number; rp: number };

/** Dial figures straight from the attempts table (kpi.ts: phone only; right party = RPC code with the debtor in person). */
function rawDials(t: TestDesk, by: 'agent' | 'day', from: string, to: string): Map<string, Raw> {
  const key = by === 'agent' ? 'CAST(a.agent_id AS TEXT)' : "date(a.at, '+480 minutes')";
  const rows = t.desk.ctx.prep<Raw>(`SELECT ${key} AS key, count(*) AS calls, sum(o.is_contact = 1) AS connected, sum(o.is_rpc = 1 AND a.party = 'self') AS rp
    FROM attempts a JOIN outcome_codes o ON o.code = a.outcome_code
    WHERE a.channel = 'phone' AND date(a.at, '+480 minutes') BETWEEN ? AND ? GROUP BY 1`).all(from, to);
  return new Map(rows.map((r) => [r.key, r]));
}

async function compare(t: TestDesk): Promise<void> {
  const d = Dashboard.parse(await t.call('dashboard.get', { period: 'month', date: '2026-03-01' }));
  const byAgent = rawDials(t, 'agent', d.from, d.to);
  const byDay = rawDials(t, 'day', d.from, d.to);
  let calls = 0;
  for (const a of d.agents) {
    const r = byAgent.get(a.agentId) ?? { calls: 0, connected: 0, rp: 0 };
    expect({ agent: a.agentId, calls: a.calls, connected: a.connected, rightParty: a.rightParty }).toEqual({ agent: a.agentId, calls: r.calls, connected: r.connected, rightParty: r.rp });
    calls += a.calls;
  }
  for (const day of d.daily) {
    const r = byDay.get(day.date) ?? { calls: 0, connected: 0, rp: 0 };
    expect({ date: day.date, calls: day.calls, connected: day.connected, rightParty: day.rightParty }).toEqual({ date: day.date, calls: r.calls, connected: r.connected, rightParty: r.rp });
  }
  expect(d.team.calls).toBe(calls);
  expect(calls).toBeGreaterThan(1000);
}

describe('dashboard daily counts', () => {
  it('equal the figures counted from the raw attempts, per agent and per day, before and after a code changes its flags', async () => {
    t = await openTestDesk({ login: false }); // Shanghai, 2026-03-10
    seedTeam(t.desk.ctx, { agents: 6, casesPerAgent: 15, attempts: 3000, month: '2026-03-01' });
    await t.call('auth.login', { username: 'benchlead', password: 'bench-pass-1' });
    await compare(t);
    // A code counted as not connected becomes a contact (and an RPC code stops being one): the dashboard follows at once.
    t.desk.ctx.prep("UPDATE outcome_codes SET is_contact = 1 WHERE code = 'NO_ANSWER'").run();
    t.desk.ctx.prep("UPDATE outcome_codes SET is_rpc = 0 WHERE code = 'REFUSES'").run();
    await compare(t);
  });
});
