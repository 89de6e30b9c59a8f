/**
 * The hub's promise sweep: a pending promise whose due date + grace (the team's ptpGraceDays)
 * has passed becomes broken (or partial, or kept, by the hub's own payments) on the hub, even
 * while the owning desk stays offline, so the lead's numbers are right. It runs the same state
 * machine as the desk (shared/domain/ptp.ts evaluateCasePromises), so when the desk derives the
 * change itself it agrees, and its promise.transition finds the hub already there (no conflict).
 * Changed rows go to the case's audience (the holder and the team's leads) through the feed.
 *
 * Days are the team's (its time zone); "now" is the hub's injected clock. Closed cases (recalled)
 * are history and left as they are.
 */
import { countedSql } from '../shared/domain/payment-verify';
import { addDays } from '../shared/domain/dates';
import { PromiseState } from '../shared/domain/enums';
import { caseStatusAfterPromises, evaluateCasePromises, type CasePromise } from '../shared/domain/ptp';
import { caseAudience, Fanout } from './feed';
import { dayIn, rulesFrom } from './mutations/team-rules';
import type { CaseDb, PromiseDb } from './rows';
import type { Q, Store } from './store/types';

/** Cases per transaction: a long-offline team's backlog is swept in bounded steps. */
const CASES_PER_TRANSACTION = 500;

export interface SweepResult {
  /** Cases whose promises changed, and promises that became broken. */
  cases: number;
  broken: number;
}

const facts = (p: PromiseDb): CasePromise => ({
  id: p.id, amountFen: Number(p.amount_fen), dueDate: p.due_date, createdDate: p.created_date, createdAt: p.created_at, state: PromiseState.parse(p.state), paidFen: Number(p.paid_fen),
});

/** One bounded step for one team: the cases with a pending promise past its deadline. */
async function sweepTeam(q: Q, teamId: number, now: Date): Promise<SweepResult & { more: boolean }> {
  const rules = rulesFrom(await q.all<{ key: string; value: string }>('SELECT key, value FROM settings WHERE team_id = ?', [teamId]));
  const today = dayIn(rules, now);
  // Broken from the day after due + grace: due < today - grace.
  const dueBefore = addDays(today, -rules.ptpGraceDays);
  const due = await q.all<{ case_id: number }>(
    `SELECT DISTINCT p.case_id FROM promises p JOIN cases c ON c.id = p.case_id
     WHERE c.team_id = ? AND c.status <> 'closed' AND p.state = 'pending' AND p.due_date < ? ORDER BY p.case_id LIMIT ${CASES_PER_TRANSACTION + 1}`,
    [teamId, dueBefore],
  );
  const fan = new Fanout();
  const leads = new Map<number, number[]>();
  const nowIso = now.toISOString();
  let cases = 0;
  let broken = 0;
  for (const { case_id } of due.slice(0, CASES_PER_TRANSACTION)) {
    const c = await q.get<CaseDb>(`SELECT * FROM cases WHERE id = ?${q.forUpdate}`, [case_id]);
    if (!c) continue;
    const promises = (await q.all<PromiseDb>('SELECT * FROM promises WHERE case_id = ?', [c.id])).map(facts);
    const payments = await q.all<{ amount_fen: number; paid_date: string }>(`SELECT amount_fen, paid_date FROM payments p WHERE case_id = ? AND ${countedSql()}`, [c.id]);
    const d = evaluateCasePromises(promises, payments.map((p) => ({ amountFen: Number(p.amount_fen), paidDate: p.paid_date })), today, rules.ptpGraceDays);
    if (d.changes.length === 0) continue;
    const audience = await caseAudience(q, c, leads);
    for (const ch of d.changes) {
      if (ch.to !== ch.from) await q.run('UPDATE promises SET state = ?, paid_fen = ?, state_changed_at = ? WHERE id = ?', [ch.to, ch.paidFen, nowIso, ch.id]);
      else await q.run('UPDATE promises SET paid_fen = ? WHERE id = ?', [ch.paidFen, ch.id]);
      fan.add(audience, 'promise', ch.id);
    }
    const status = d.moved ? caseStatusAfterPromises(c.status, d.pendingLeft, Number(c.balance_fen)) : c.status;
    await q.run('UPDATE cases SET status = ?, broken_promises = broken_promises + ?, updated_at = ? WHERE id = ?', [status, d.broken, nowIso, c.id]);
    fan.add(audience, 'case', c.id);
    cases += 1;
    broken += d.broken;
  }
  await fan.flush(q);
  return { cases, broken, more: due.length > CASES_PER_TRANSACTION };
}

/** Sweep every team once (a transaction per team and step). */
export async function sweepPromises(store: Store, now: Date): Promise<SweepResult> {
  const teams = await store.read((q) => q.all<{ id: number }>('SELECT id FROM teams ORDER BY id'));
  const total: SweepResult = { cases: 0, broken: 0 };
  for (const t of teams) {
    for (;;) {
      const r = await store.write((q) => sweepTeam(q, Number(t.id), now));
      total.cases += r.cases;
      total.broken += r.broken;
      if (!r.more || r.cases === 0) break;
    }
  }
  return total;
}

/** Default period of the hub's sweep timer. */
export const DEFAULT_SWEEP_INTERVAL_MS = 5 * 60_000;

export interface PromiseSweeper {
  /** Sweep now (also what the timer runs); runs one at a time. */
  run(): Promise<SweepResult>;
  /** Stop the timer and wait for a sweep under way (before the store closes). */
  stop(): Promise<void>;
}

/**
 * The sweep on a timer (unref'd: it never keeps a process alive). Decisions use `clock`, the
 * hub's injected clock, so tests drive it; `onChanged` tells waiting desks to pull.
 */
export function startPromiseSweep(store: Store, clock: () => Date, opts: { intervalMs?: number; onChanged?: () => void; onError?: (err: unknown) => void } = {}): PromiseSweeper {
  let running: Promise<SweepResult> | null = null;
  let stopped = false;
  const run = (): Promise<SweepResult> => {
    running ??= sweepPromises(store, clock())
      .then((r) => {
        if (r.cases > 0) opts.onChanged?.();
        return r;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => {
    if (stopped || running) return;
    run().catch((err: unknown) => opts.onError?.(err));
  }, opts.intervalMs ?? DEFAULT_SWEEP_INTERVAL_MS);
  timer.unref();
  return {
    run,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
