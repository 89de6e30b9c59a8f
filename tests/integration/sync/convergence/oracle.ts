/**
 * The convergence test's oracle: a small model of the hub, replayed over the mutations in the
 * exact order the hub committed them (hub-log.ts), says what the hub must hold afterwards.
 *
 * Per case it keeps the holder, everyone who ever held it, the balance, status and broken count,
 * the payments and the promises (states derived like the hub derives them, shared/domain/ptp). Per mutation, by who pushes it at that point of the hub's order:
 * - the holder or the lead: applied, unless its values break a rule (hostile, or a promise or
 *   payment the hub's balance no longer allows): rejected `ruleViolation`;
 * - a former holder (docs/architecture.md, sync invariant 6, "late work is history only"):
 *   attempt.save is stored without its promise, follow-up or outcome effects (a `latePromise`
 *   conflict carries the promise); payment.record and promise.transition are rejected
 *   `reassigned` (conflicts `latePayment`, `lateTransition`);
 * - an agent who never held the case: rejected `outOfScope`;
 * - promise.transition is judged like the hub does: against the promise's state and what the
 *   case's payments make of it that day (shared/domain/ptp), else `invalidTransition`.
 * Where the hub may reasonably judge a mutation either way (hostile values from a former
 * holder: refused for the value or handled as late), the model takes the rejection row the hub
 * wrote, if any, and checks it is one of the allowed outcomes.
 */
import { DEFAULT_TIME_ZONE, localDateOf } from '../../../../shared/domain/dates';
import { DEFAULT_PTP_GRACE_DAYS, canTransition, caseStatusAfterPromises, evaluatePromise, type PaymentFact } from '../../../../shared/domain/ptp';
import type { PromiseState } from '../../../../shared/domain/enums';
import type { HubCommit } from './hub-log';

export interface Hostile {
  kind: string;
  /** The reason and rule the hub answers the holder with. */
  reason: string;
  detail: string | null;
}

type Outcome = { t: 'applied'; noop?: true } | { t: 'late' } | { t: 'rejected'; reason: string; detail?: string | null };

interface CaseM {
  holder: number | null;
  holders: Set<number>;
  balance: number;
  status: string;
  broken: number;
  payments: PaymentFact[];
  promises: Map<string, { amountFen: number; dueDate: string; createdDate: string; state: PromiseState }>;
}

export interface Expected {
  /** Attempts stored on the hub: applied, or late (history only). */
  attempts: Map<string, 'applied' | 'late'>;
  /** Promises on the hub and their state. */
  promises: Map<string, PromiseState>;
  /** Promises of late attempts: promise id -> attempt id (one `latePromise` conflict each). */
  latePromises: Map<string, string>;
  payments: Set<string>;
  latePayments: Set<string>;
  lateTransitions: number;
  /** promise.transition refused as invalidTransition (a `promise.transition` conflict each). */
  invalidTransitions: number;
  followUps: Set<string>;
  /** Attempts and payments (by id) the hub refused for good. */
  refused: Set<string>;
  /** 'deviceId#mutationId' -> reason, and ' <rule>' where the model knows the rule. */
  rejections: Map<string, string>;
  /** Per case: balance, status and broken promises as the hub's own records make them. */
  cases: Map<number, { balance: number; status: string; broken: number }>;
  /** Where the hub's own rejection rows do not fit any allowed outcome. */
  errors: string[];
  late: number;
  hostile: number;
}

export interface ModelInput {
  commits: readonly HubCommit[];
  /** Every mutation any desk sent: 'deviceId#mutationId' -> name and args. */
  sent: ReadonlyMap<string, { name: string; args: Record<string, unknown> }>;
  hostile: ReadonlyMap<string, Hostile>;
  leadId: number;
  cases: ReadonlyMap<number, { holder: number | null; holders: number[]; balance: number; status: string }>;
  /** The hub's rejection rows: 'deviceId#mutationId' -> reason, detail. */
  observed: ReadonlyMap<string, { reason: string; detail: string | null }>;
}

const outcomeText = (o: Outcome): string => (o.t === 'rejected' ? `rejected ${o.reason}${o.detail ? ` (${o.detail})` : ''}` : o.t);

export function replayHub(input: ModelInput): Expected {
  const ex: Expected = {
    attempts: new Map(), promises: new Map(), latePromises: new Map(), payments: new Set(), latePayments: new Set(), lateTransitions: 0,
    invalidTransitions: 0, followUps: new Set(), refused: new Set(), rejections: new Map(), cases: new Map(), errors: [], late: 0, hostile: 0,
  };
  const cases = new Map<number, CaseM>();
  for (const [id, c] of input.cases) cases.set(id, { holder: c.holder, holders: new Set(c.holders), balance: c.balance, status: c.status, broken: 0, payments: [], promises: new Map() });
  const rej = (reason: string, detail?: string | null): Outcome => ({ t: 'rejected', reason, ...(detail === undefined ? {} : { detail }) });
  /** The hub evaluates the case's promises against its payments on `day` and writes what changed (hub/mutations/reevaluate.ts). */
  const evaluate = (c: CaseM, day: string): void => {
    let moved = false;
    let pendingLeft = 0;
    for (const [id, p] of c.promises) {
      const r = evaluatePromise(p, c.payments, day, DEFAULT_PTP_GRACE_DAYS);
      if (r.state === 'pending') pendingLeft += 1;
      if (r.state === p.state) continue;
      moved = true;
      if (r.state === 'broken') c.broken += 1;
      p.state = r.state;
      ex.promises.set(id, r.state);
    }
    if (moved) c.status = caseStatusAfterPromises(c.status, pendingLeft, c.balance);
  };

  for (const commit of [...input.commits].sort((x, y) => x.seq - y.seq)) {
    const day = localDateOf(new Date(commit.now), DEFAULT_TIME_ZONE);
    const u = commit.userId;
    for (let id = commit.from + 1; id <= commit.to; id++) {
      const key = `${commit.deviceId}#${id}`;
      const m = input.sent.get(key);
      if (!m) {
        ex.errors.push(`${key}: committed on the hub but never sent by a desk`);
        continue;
      }
      const a = m.args;
      const h = input.hostile.get(key);
      const c = cases.get(Number(a.caseId ?? (a.caseIds as string[] | undefined)?.[0]));
      if (!c) {
        ex.errors.push(`${key}: ${m.name} on an unknown case`);
        continue;
      }
      const access = u === input.leadId ? 'lead' : c.holder === u ? 'holder' : c.holders.has(u) ? 'former' : 'none';
      const work = access === 'lead' || access === 'holder';
      let options: Outcome[];
      switch (m.name) {
        case 'case.assign':
          options = [{ t: 'applied' }];
          break;
        case 'case.setPreferredPhone':
          options = [work ? { t: 'applied' } : rej('outOfScope')];
          break;
        case 'attempt.save': {
          const promise = a.promise as { amountFen: number } | null;
          const refused = h ? rej(h.reason, h.detail) : promise && promise.amountFen > c.balance ? rej('ruleViolation', 'ptp.amountAboveBalance') : null;
          if (access === 'none') options = [rej('outOfScope')];
          else if (work) options = [refused ?? { t: 'applied' }];
          else options = refused ? [refused, { t: 'late' }] : [{ t: 'late' }];
          break;
        }
        case 'payment.record': {
          const amount = Number(a.amountFen);
          const refused = h ? rej(h.reason, h.detail) : amount > c.balance ? rej('ruleViolation', 'payment.amountAboveBalance') : c.status === 'closed' || c.status === 'paid' ? rej('ruleViolation', 'payment.caseClosed') : null;
          if (access === 'none') options = [rej('outOfScope')];
          else if (work) options = [refused ?? { t: 'applied' }];
          else options = refused ? [rej('reassigned'), refused] : [rej('reassigned')];
          break;
        }
        case 'promise.transition': {
          const p = c.promises.get(String(a.promiseId));
          const to = a.to as PromiseState;
          const judged = (): Outcome => {
            if (!p) return rej('invalidTransition');
            if (p.state === to) return { t: 'applied', noop: true };
            if (p.state !== a.from || !canTransition(p.state, to)) return rej('invalidTransition');
            return evaluatePromise(p, c.payments, day, DEFAULT_PTP_GRACE_DAYS).state === to ? { t: 'applied' } : rej('invalidTransition');
          };
          if (access === 'none') options = [rej('outOfScope')];
          else if (work) options = [judged()];
          else options = h ? [rej('reassigned'), judged()].filter((o) => o.t === 'rejected') : [rej('reassigned')];
          break;
        }
        default:
          options = [rej('invalidArgs')];
      }
      // What happened: the one allowed outcome, or (where two are allowed) the one the hub's rows show.
      const seen = input.observed.get(key);
      let o: Outcome | undefined;
      if (options.length === 1) o = options[0];
      else o = seen ? options.find((x) => x.t === 'rejected' && x.reason === seen.reason) : options.find((x) => x.t !== 'rejected');
      if (!o) {
        ex.errors.push(`${key} ${m.name} by user ${u} (${access}${h ? `, hostile ${h.kind}` : ''}): the hub ${seen ? `rejected it ${seen.reason}` : 'took it'}, allowed: ${options.map(outcomeText).join(' | ')}`);
        continue;
      }
      if (h && o.t === 'rejected') ex.hostile += 1;
      if (o.t === 'rejected') {
        ex.rejections.set(key, o.reason + (o.detail ? ` ${o.detail}` : ''));
        if (m.name === 'attempt.save' || m.name === 'payment.record') ex.refused.add(String(a.attemptId ?? a.paymentId));
        if (o.reason === 'reassigned') {
          ex.late += 1;
          if (m.name === 'payment.record') ex.latePayments.add(String(a.paymentId));
          else ex.lateTransitions += 1;
        }
        if (o.reason === 'invalidTransition') ex.invalidTransitions += 1;
        continue;
      }
      // Its effects on the model.
      if (m.name === 'case.assign') {
        const to = a.agentId === null ? null : Number(a.agentId);
        for (const id2 of a.caseIds as string[]) {
          const cc = cases.get(Number(id2));
          if (!cc) continue;
          cc.holder = to;
          if (to !== null) cc.holders.add(to);
        }
      } else if (m.name === 'attempt.save') {
        const attemptId = String(a.attemptId);
        const promise = a.promise as { id: string; amountFen: number; dueDate: string; createdDate: string } | null;
        const followUp = a.followUp as { id: string } | null;
        ex.attempts.set(attemptId, o.t === 'late' ? 'late' : 'applied');
        if (o.t === 'late') {
          ex.late += 1;
          if (promise) ex.latePromises.set(promise.id, attemptId);
        } else {
          if (promise && a.outcomeCode === 'PTP') {
            for (const [pid, p] of c.promises) {
              if (p.state !== 'pending') continue;
              p.state = 'cancelled';
              ex.promises.set(pid, 'cancelled');
            }
            c.promises.set(promise.id, { amountFen: promise.amountFen, dueDate: promise.dueDate, createdDate: promise.createdDate, state: 'pending' });
            ex.promises.set(promise.id, 'pending');
            if (c.status !== 'hold') c.status = 'ptp'; // the code's setsStatus (resources/outcome-codes.json)
          }
          if (followUp) ex.followUps.add(followUp.id);
        }
      } else if (m.name === 'payment.record') {
        ex.payments.add(String(a.paymentId));
        c.balance = Math.max(0, c.balance - Number(a.amountFen));
        if (c.balance === 0 && c.status !== 'hold') c.status = 'paid';
        c.payments.push({ amountFen: Number(a.amountFen), paidDate: String(a.paidDate) });
        evaluate(c, day);
      } else if (m.name === 'promise.transition' && !(o.t === 'applied' && o.noop)) {
        evaluate(c, day); // the hub writes every change its payments give the case that day
      }
    }
  }
  for (const [id, c] of cases) ex.cases.set(id, { balance: c.balance, status: c.status, broken: c.broken });
  return ex;
}
