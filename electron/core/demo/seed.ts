import { createAgent } from '../auth/auth';
import type { Ctx } from '../context';
import { derivedFields } from '../cases/derive';
import { type DemoCase, generateCase } from './generate';
import { makeRng } from './prng';
import { newRowId } from '../row-id';

export const DEMO_AGENTS = [
  { username: 'demo', password: 'demo123', displayName: '王芳', agentNo: 'A1024', role: 'agent' as const },
  { username: 'agent2', password: 'demo123', displayName: '李强', agentNo: 'A1025', role: 'agent' as const },
  { username: 'lead', password: 'lead123', displayName: '陈静', agentNo: 'L2001', role: 'lead' as const },
];

/** Create the demo agents that do not exist yet; returns username -> id. */
export function ensureDemoAgents(ctx: Pick<Ctx, 'prep' | 'clock'>): Map<string, number> {
  const ids = new Map<string, number>();
  for (const a of DEMO_AGENTS) {
    const row = ctx.prep<{ id: number }>('SELECT id FROM agents WHERE username = ?').get(a.username);
    ids.set(a.username, row ? row.id : createAgent(ctx, a));
  }
  return ids;
}

/** Prepared inserts for demo cases; run inside the caller's transaction. */
export class DemoInserter {
  private readonly batchIds = new Map<string, number>();
  private readonly st;
  constructor(private readonly ctx: Pick<Ctx, 'prep' | 'clock' | 'settings'>) {
    const p = ctx.prep;
    this.st = {
      batchFind: p<{ id: number }>('SELECT id FROM batches WHERE batch_no = ?'),
      batch: p('INSERT INTO batches (batch_no, creditor, entrust_date, expiry_date, imported_at) VALUES (?, ?, ?, ?, ?)'),
      debtor: p(`INSERT INTO debtors (name, gender, id_number, id_tail4, birth_date, home_address, work_address, registered_address, employer, updated_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      contact: p('INSERT INTO contacts (debtor_id, name, relation, party, refused_contact) VALUES (?, ?, ?, ?, 0)'),
      phone: p('INSERT INTO phones (debtor_id, contact_id, owner, kind, number, number_tail4, status) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      kase: p(`INSERT INTO cases (debtor_id, batch_id, creditor, product, account_no, principal_fen, balance_fen, overdue_fen, min_due_fen,
                 overdue_since, last_payment_date, last_payment_fen, entrust_date, expiry_date, status, tags, assigned_agent_id, priority,
                 next_due_at, due_kind, followup_at, broken_promises, refusals, attempt_count, last_attempt_at, last_outcome_code, updated_at)
               VALUES (@debtor_id, @batch_id, @creditor, @product, @account_no, @principal_fen, @balance_fen, @overdue_fen, @min_due_fen,
                 @overdue_since, @last_payment_date, @last_payment_fen, @entrust_date, @expiry_date, @status, @tags, @agent, @priority,
                 @next_due_at, @due_kind, @followup_at, @broken_promises, @refusals, @attempt_count, @last_attempt_at, @last_outcome_code, @updated_at)`),
      attempt: p(`INSERT INTO attempts (id, client_request_id, case_id, agent_id, phone_id, channel, party, outcome_code, note, call_started_at,
                    duration_sec, claimed_paid_date, steps_done, scenario, at)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL, '[]', NULL, ?)`),
      promise: p(`INSERT INTO promises (id, case_id, attempt_id, agent_id, amount_fen, due_date, created_date, created_at, state, paid_fen, state_changed_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      payment: p('INSERT INTO payments (id, case_id, amount_fen, paid_date, source, agent_id, created_at) VALUES (?, ?, ?, ?, ?, NULL, ?)'),
      followUp: p(`INSERT INTO follow_ups (id, case_id, agent_id, attempt_id, due_at, reason, state, created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)`),
    };
  }

  private batchId(key: string, d: DemoCase['case'], now: string): number {
    const cached = this.batchIds.get(key);
    if (cached !== undefined) return cached;
    const [creditor, month] = key.split('|') as [string, string];
    const batchNo = `WA${month.replace('-', '')}-${Math.abs(hash(creditor)) % 1000}`;
    const found = this.st.batchFind.get(batchNo);
    const id = found ? found.id : Number(this.st.batch.run(batchNo, creditor, d.entrustDate, d.expiryDate, now).lastInsertRowid);
    this.batchIds.set(key, id);
    return id;
  }

  insert(generated: DemoCase, agentId: number, today: string): number {
    const g = withFreshIds(generated);
    const now = this.ctx.clock();
    const nowIso = now.toISOString();
    const tz = this.ctx.settings().timeZone;
    const s = this.st;
    const debtorId = Number(
      s.debtor.run(g.debtor.name, g.debtor.gender, g.debtor.idNumber, g.debtor.idNumber.slice(-4), g.debtor.birthDate,
        g.debtor.homeAddress, g.debtor.workAddress, g.debtor.registeredAddress, g.debtor.employer, nowIso).lastInsertRowid,
    );
    const phoneIds: number[] = [];
    for (const p of g.selfPhones) {
      phoneIds.push(Number(s.phone.run(debtorId, null, 'self', p.kind, p.number, p.number.slice(-4), p.status).lastInsertRowid));
    }
    for (const c of g.contacts) {
      const contactId = Number(s.contact.run(debtorId, c.name, c.relation, c.party).lastInsertRowid);
      phoneIds.push(Number(s.phone.run(debtorId, contactId, c.party, 'mobile', c.phone, c.phone.slice(-4), 'valid').lastInsertRowid));
    }
    const last = g.attempts[g.attempts.length - 1];
    const pending = g.promises.filter((p) => p.state === 'pending').map((p) => p.dueDate).sort()[0] ?? null;
    const followUps = g.followUps.map((f) => ({ ...f, dueAt: new Date(now.getTime() + f.inMinutes * 60_000).toISOString() }));
    const fuDue = followUps.map((f) => f.dueAt).sort()[0] ?? null;
    const c = g.case;
    const facts = {
      overdue_fen: c.overdueFen, overdue_since: c.overdueSince, expiry_date: c.expiryDate, status: c.status,
      broken_promises: g.promises.filter((p) => p.state === 'broken').length,
      refusals: g.attempts.filter((a) => a.outcomeCode === 'REFUSES').length,
      attempt_count: g.attempts.length,
    };
    const d = derivedFields(facts, pending, fuDue, today, tz);
    const caseId = Number(
      s.kase.run({
        debtor_id: debtorId, batch_id: this.batchId(c.batchKey, c, nowIso), creditor: c.creditor, product: c.product, account_no: c.accountNo,
        principal_fen: c.principalFen, balance_fen: c.balanceFen, overdue_fen: c.overdueFen, min_due_fen: c.minDueFen,
        overdue_since: c.overdueSince, last_payment_date: c.lastPaymentDate, last_payment_fen: c.lastPaymentFen,
        entrust_date: c.entrustDate, expiry_date: c.expiryDate, status: c.status, tags: JSON.stringify(c.tags), agent: agentId,
        priority: d.priority, next_due_at: d.nextDueAt, due_kind: d.dueKind, followup_at: d.followupAt,
        broken_promises: facts.broken_promises, refusals: facts.refusals, attempt_count: facts.attempt_count,
        last_attempt_at: last?.at ?? null, last_outcome_code: last?.outcomeCode ?? null, updated_at: nowIso,
      }).lastInsertRowid,
    );
    for (const a of g.attempts) {
      const phoneId = a.phoneIndex === null ? null : (phoneIds[a.phoneIndex] ?? phoneIds[0] ?? null);
      s.attempt.run(a.id, `demo-${a.id}`, caseId, agentId, phoneId, a.channel, a.party, a.outcomeCode, a.note, a.durationSec, a.at);
    }
    for (const p of g.promises) {
      const attemptId = g.attempts[p.attemptIndex]?.id ?? null;
      s.promise.run(p.id, caseId, attemptId, agentId, p.amountFen, p.dueDate, p.createdDate, p.createdAt, p.state, p.paidFen,
        p.state === 'pending' ? null : p.createdAt);
    }
    for (const p of g.payments) s.payment.run(p.id, caseId, p.amountFen, p.paidDate, p.source, p.createdAt);
    for (const f of followUps) s.followUp.run(f.id, caseId, agentId, last?.id ?? null, f.dueAt, f.reason, nowIso);
    return caseId;
  }
}

function hash(s: string): number {
  let h = 0;
  for (const ch of s) h = (Math.imul(h, 31) + (ch.codePointAt(0) ?? 0)) | 0;
  return h;
}

/**
 * First-run demo data: the three demo agents, `cases` cases for 'demo' and a quarter as many
 * for 'agent2', with history. One transaction.
 */
export function seedDemo(ctx: Pick<Ctx, 'prep' | 'clock' | 'settings' | 'db'>, opts: { cases: number; today: string; seed?: number }): number {
  return ctx.db.transaction(() => {
    const agents = ensureDemoAgents(ctx);
    const rng = makeRng(opts.seed ?? 20240601);
    const ins = new DemoInserter(ctx);
    const plan: [string, number][] = [['demo', opts.cases], ['agent2', Math.round(opts.cases / 3)]];
    let n = 0;
    for (const [username, count] of plan) {
      const agentId = agents.get(username);
      if (agentId === undefined) continue;
      for (let i = 0; i < count; i++) {
        ins.insert(generateCase(rng, { today: opts.today, index: n }), agentId, opts.today);
        n += 1;
      }
    }
    return n;
  }).immediate();
}

/**
 * The seeded generator gives every desk the same record ids; records are device-made (a desk's
 * demo cases may be moved into a team hub, which refuses an id it holds for another case), so
 * each gets a fresh one here. Everything else about the demo stays the same on every desk.
 */
function withFreshIds(g: DemoCase): DemoCase {
  return {
    ...g,
    attempts: g.attempts.map((a) => ({ ...a, id: newRowId() })),
    promises: g.promises.map((p) => ({ ...p, id: newRowId() })),
    payments: g.payments.map((p) => ({ ...p, id: newRowId() })),
    followUps: g.followUps.map((f) => ({ ...f, id: newRowId() })),
  };
}
