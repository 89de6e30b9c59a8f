import { DEFAULT_TIME_ZONE, localDateOf } from '../../shared/domain/dates';
import { PromiseState } from '../../shared/domain/enums';
import { evaluatePromise } from '../../shared/domain/ptp';
import type { CaseDb, PromiseDb } from '../rows';
import type { Q } from '../store/types';
import type { MutationCtx } from './context';

async function teamSettings(q: Q, teamId: number): Promise<{ timeZone: string; ptpGraceDays: number }> {
  const rows = await q.all<{ key: string; value: string }>("SELECT key, value FROM settings WHERE team_id = ? AND key IN ('timeZone', 'ptpGraceDays')", [teamId]);
  const out = { timeZone: DEFAULT_TIME_ZONE, ptpGraceDays: 1 };
  for (const r of rows) {
    const v: unknown = JSON.parse(r.value);
    if (r.key === 'timeZone' && typeof v === 'string') out.timeZone = v;
    if (r.key === 'ptpGraceDays' && typeof v === 'number') out.ptpGraceDays = v;
  }
  return out;
}

/** Re-evaluate a case's promises against its payments (shared/domain/ptp); returns the case's new status and broken count delta. */
export async function reevaluate(ctx: MutationCtx, c: CaseDb, status: string, balance: number, audience: number[]): Promise<{ status: string; broken: number }> {
  const { q } = ctx;
  const promises = await q.all<PromiseDb>('SELECT * FROM promises WHERE case_id = ?', [c.id]);
  if (promises.length === 0) return { status, broken: 0 };
  const payments = await q.all<{ amountFen: number; paidDate: string }>('SELECT amount_fen AS "amountFen", paid_date AS "paidDate" FROM payments WHERE case_id = ?', [c.id]);
  const settings = await teamSettings(q, c.team_id);
  const today = localDateOf(ctx.now, settings.timeZone);
  const nowIso = ctx.now.toISOString();
  let broken = 0;
  let moved = false;
  for (const p of promises) {
    const r = evaluatePromise({ amountFen: Number(p.amount_fen), dueDate: p.due_date, createdDate: p.created_date, state: PromiseState.parse(p.state) }, payments.map((x) => ({ amountFen: Number(x.amountFen), paidDate: x.paidDate })), today, settings.ptpGraceDays);
    if (r.state === p.state && r.paidFen === Number(p.paid_fen)) continue;
    if (r.state !== p.state) {
      await q.run('UPDATE promises SET state = ?, paid_fen = ?, state_changed_at = ? WHERE id = ?', [r.state, r.paidFen, nowIso, p.id]);
      moved = true;
      if (r.state === 'broken') broken += 1;
    } else await q.run('UPDATE promises SET paid_fen = ? WHERE id = ?', [r.paidFen, p.id]);
    ctx.fan.add(audience, 'promise', p.id);
  }
  if (moved && status === 'ptp') {
    const pending = await q.get<{ n: number }>("SELECT count(*) AS n FROM promises WHERE case_id = ? AND state = 'pending'", [c.id]);
    if (Number(pending?.n ?? 0) === 0) status = balance === 0 ? 'paid' : 'open';
  }
  return { status, broken };
}

