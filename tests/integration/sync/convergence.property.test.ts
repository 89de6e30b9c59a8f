/**
 * Property: whatever the interleaving of offline work, reassignments, duplicate, reordered and
 * lost deliveries, desks killed between the hub's commit and their acknowledgement, and hub
 * crashes mid-request, the hub and every desk converge once the network is back, and every
 * attempt (with its note), promise, payment and follow-up a desk saved is on the hub exactly once.
 *
 * A real hub (in this process, SQLite; one run on PostgreSQL when reachable), three real desks
 * (lead and two agents, each its own SQLite file), fast-check generating the story. Fixed seeds
 * always run; PROPERTY_RANDOM_RUNS adds random ones (default 2). A failure prints the seed, the
 * actions and what the network did: `PROPERTY_SEED=<seed> npx vitest run <this file>` replays it.
 * The in-process "kill" abandons a desk mid-sync and opens its folder again (no graceful close);
 * tests/integration/sync/kill.test.ts does the same with a real SIGKILL.
 * Reassignment races (an agent works a case offline while the lead moves it and the new holder
 * works it too) and hostile values (a modified desk writing crafted mutations into its outbox)
 * are judged by an oracle: convergence/hub-log.ts records the order in which the hub commits
 * pushes, convergence/oracle.ts replays a small model of the hub in that order and says what the
 * hub must hold (late work history only, hostile values refused, nothing else rejected).
 * Split because the oracle made one file far too long to read: the story and its runner stay
 * here; the hub's commit log, the oracle and the checks after a story are in convergence/.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createDesk } from '../../../electron/core/desk';
import { writeOutbox } from '../../../electron/core/sync/outbox';
import type { MutationInput, MutationName } from '../../../shared/sync';
import { localDateOf } from '../../../shared/domain/dates';
import { makeChaosNet, sentPush, type ChaosNet, type PushFault } from '../../fixtures/chaos-net';
import { testClock } from '../../fixtures/desk';
import { HUB_PASSWORD, T0, connectDesk, hubDesk, makeHubWorld, type HubWorld } from '../../fixtures/hub-world';
import { PG_URL, pgAvailable } from '../hub/harness';
import { USERS, check, hubRows, ok, type Ledger, type Player } from './convergence/checks';
import { chaosStore, type HubCommit, type HubFaults } from './convergence/hub-log';
import { replayHub, type Hostile } from './convergence/oracle';

// ---------- the story ----------

type Who = 0 | 1 | 2; // lead, agent A, agent B
type Act =
  | { t: 'save'; who: Who; slot: number; kind: 'plain' | 'ptp' | 'followUp' }
  | { t: 'pay'; who: Who; slot: number; fen: number }
  | { t: 'phone'; who: Who; slot: number; pick: 0 | 1 | null }
  | { t: 'assign'; slot: number; to: 1 | 2 | null }
  | { t: 'net'; who: Who; down: boolean }
  | { t: 'sync'; who: Who }
  | { t: 'fault'; who: Who; fault: Exclude<PushFault, 'kill'> }
  | { t: 'stale'; who: Who; pick: number }
  | { t: 'kill'; who: Who }
  | { t: 'hubCrash'; who: Who; when: 'before-commit' | 'after-commit' }
  | { t: 'time'; minutes: number }
  | { t: 'login'; who: Who }
  /** The holder works the case offline (PTP, payment) while the lead moves it and the new holder works it; then all sync in `order`. */
  | { t: 'race'; slot: number; order: number; newPays: boolean }
  /** An agent's (modified) desk writes a crafted mutation into its outbox and pushes it. */
  | { t: 'hostile'; who: 1 | 2; slot: number; kind: HostileKind };
type HostileKind = 'bigPromise' | 'farPromise' | 'hugePay' | 'overPay' | 'closedPay' | 'htmlCode' | 'fakeKept';

const SLOTS = 5;
const who = fc.constantFrom<Who>(0, 1, 2);
const agentWho = fc.constantFrom<Who>(1, 1, 2, 2, 0); // mostly the agents do the calling
const slot = fc.nat({ max: SLOTS - 1 });
const act: fc.Arbitrary<Act> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ t: fc.constant('save' as const), who: agentWho, slot, kind: fc.constantFrom('plain' as const, 'ptp' as const, 'followUp' as const) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('pay' as const), who: agentWho, slot, fen: fc.integer({ min: 1, max: 60 }).map((n) => n * 1000) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('phone' as const), who, slot, pick: fc.constantFrom<0 | 1 | null>(0, 1, null) }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('assign' as const), slot, to: fc.constantFrom<1 | 2 | null>(1, 2, 1, 2, null) }) },
  { weight: 6, arbitrary: fc.record({ t: fc.constant('net' as const), who, down: fc.boolean() }) },
  { weight: 8, arbitrary: fc.record({ t: fc.constant('sync' as const), who }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('fault' as const), who, fault: fc.constantFrom('lose' as const, 'dup' as const, 'reorder' as const, 'losePull' as const) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('stale' as const), who, pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('kill' as const), who }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('hubCrash' as const), who, when: fc.constantFrom('before-commit' as const, 'after-commit' as const) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('time' as const), minutes: fc.integer({ min: 1, max: 600 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('login' as const), who }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('race' as const), slot, order: fc.nat({ max: 5 }), newPays: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('hostile' as const), who: fc.constantFrom<1 | 2>(1, 2), slot: fc.nat({ max: SLOTS }),
      kind: fc.constantFrom<HostileKind>('bigPromise', 'farPromise', 'hugePay', 'overPay', 'closedPay', 'htmlCode', 'fakeKept'),
    }),
  },
);
/** The orders in which lead, old holder and new holder come back online after a race. */
const ORDERS = [['lead', 'old', 'new'], ['lead', 'new', 'old'], ['old', 'lead', 'new'], ['old', 'new', 'lead'], ['new', 'lead', 'old'], ['new', 'old', 'lead']] as const;
const story = fc.array(act, { minLength: 25, maxLength: 60 });

// ---------- the world ----------

const quiet = (): void => undefined;
const TIMING = { intervalMs: 0, debounceMs: 0, backoffBaseMs: 3_600_000, backoffMaxMs: 3_600_000 };

/** What the stories exercised (asserted over the fixed seeds: a property that never meets a fault proves nothing). */
const seen = { stories: 0, attempts: 0, lost: 0, twice: 0, first: 0, killed: 0, crashes: 0, stale: 0, races: 0, late: 0, latePromise: 0, hostile: 0, outOfScope: 0 };

async function runStory(acts: Act[], store: { kind: 'sqlite' } | { kind: 'postgres'; schema: string }): Promise<void> {
  const faults: HubFaults = { crash: null, fired: false };
  const commits: HubCommit[] = [];
  const clock = testClock(T0);
  const world: HubWorld = await makeHubWorld({
    clock,
    wrapStore: chaosStore(faults, commits),
    ...(store.kind === 'postgres' ? { store: { pgUrl: PG_URL, pgSchema: store.schema } } : {}),
  });
  const players: Player[] = [];
  /** Every network a desk ever had (a killed desk gets a new one): what was sent. */
  const nets: ChaosNet[] = [];
  /** A push the hub died on never gets its answer: the connection breaks. */
  const dying = (): void => {
    if (faults.fired) throw new TypeError('fetch failed (the hub died mid-request, by the test)');
  };
  const trace: string[] = [];
  try {
    const cases = [...(await world.addCases(2, world.ids.agentA)), ...(await world.addCases(2, world.ids.agentB)), ...(await world.addCases(SLOTS - 4, null))];
    // agent A's closed case: only hostile acts pay on it
    const closed = (await world.addCases(1, world.ids.agentA))[0] as (typeof cases)[number];
    await world.hub.store.write((q) => q.run("UPDATE cases SET status = 'closed' WHERE id = ?", [Number(closed.caseId)]));
    const initial = await world.hub.store.read(async (q) => ({
      cases: await q.all<{ id: number; assigned_agent_id: number | null; balance_fen: number; status: string }>('SELECT id, assigned_agent_id, balance_fen, status FROM cases'),
      holders: await q.all<{ case_id: number; user_id: number }>('SELECT case_id, user_id FROM case_holders'),
    }));
    const ledger: Ledger = { attempts: new Map(), promises: new Map(), payments: new Map(), followUps: new Map(), assigned: new Map(), crafted: new Map(), hostile: new Map() };
    const ids = [world.ids.lead1, world.ids.agentA, world.ids.agentB];
    for (const [i, username] of USERS.entries()) {
      const net = makeChaosNet(username);
      const t = await hubDesk(world, { fetch: net.fetch, down: false, calls: [], fake: new Map(), loseAnswer: new Set() }, { syncTiming: TIMING, log: quiet });
      await connectDesk(t, world, username);
      players.push({ username, userId: ids[i] ?? 0, dir: t.dir, desk: t.desk, net, corpses: [] });
      nets.push(net);
      net.afterPush = dying;
    }
    let note = 0;
    const p = (w: Who): Player => players[w] as Player;
    const holds = (pl: Player, caseId: number): boolean => pl.desk.ctx.db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId) !== undefined;
    const today = (pl: Player): string => localDateOf(clock(), pl.desk.ctx.settings().timeZone);
    const plusDays = (d: string, n: number): string => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

    type Case = (typeof cases)[number];
    const save = async (w: Who, c: Case | undefined, kind: 'plain' | 'ptp' | 'followUp'): Promise<void> => {
      const pl = p(w);
      if (!c || !holds(pl, Number(c.caseId))) return;
      note += 1;
      const text = `第${note}次 ${pl.username} '); DELETE FROM attempts; -- 备注`;
      const base = { clientRequestId: `prop-${randomBytes(6).toString('hex')}`, caseId: c.caseId, phoneId: c.phoneIds[0], channel: 'phone', callStartedAt: null, durationSec: 30, claimedPaidDate: null, scenario: null };
      let input: Record<string, unknown> = { ...base, party: 'none', outcomeCode: 'NO_ANSWER', note: text, ptp: null, followUp: null, stepsDone: [] };
      if (kind === 'ptp') {
        input = { ...input, party: 'self', outcomeCode: 'PTP', stepsDone: await steps(pl, c), ptp: { amountFen: 50_000, dueDate: plusDays(today(pl), 2) } };
      } else if (kind === 'followUp') {
        input = { ...input, followUp: { dueAt: new Date(clock().getTime() + 2 * 3_600_000).toISOString(), reason: '回访' } };
      }
      const r = await pl.desk.invoke('attempt.save', input);
      if (r.ok) {
        const v = r.value as { attemptId: string; promiseId: string | null; followUpId: string | null };
        ledger.attempts.set(v.attemptId, { caseId: Number(c.caseId), note: text, outcome: String(input.outcomeCode) });
        if (v.promiseId) ledger.promises.set(v.promiseId, { caseId: Number(c.caseId), amountFen: 50_000 });
        if (v.followUpId) ledger.followUps.set(v.followUpId, { caseId: Number(c.caseId) });
      }
      trace.push(`  save ${kind} by ${pl.username} on ${c.caseId}: ${r.ok ? 'saved' : r.error.code}`);
    };
    const pay = async (w: Who, c: Case | undefined, fen: number): Promise<void> => {
      const pl = p(w);
      if (!c || !holds(pl, Number(c.caseId))) return;
      const r = await pl.desk.invoke('payment.record', { caseId: c.caseId, amountFen: fen, paidDate: today(pl) });
      if (r.ok) ledger.payments.set((r.value as { paymentId: string }).paymentId, { caseId: Number(c.caseId), amountFen: fen });
      trace.push(`  pay ${fen} by ${pl.username} on ${c.caseId}: ${r.ok ? 'saved' : r.error.code}`);
    };
    const assign = async (c: Case | undefined, to: 1 | 2 | null): Promise<void> => {
      if (!c) return;
      const agentId = to === null ? null : String(ids[to]);
      const r = await p(0).desk.invoke('lead.assign', { caseIds: [c.caseId], agentId });
      if (r.ok) ledger.assigned.set(Number(c.caseId), agentId === null ? null : Number(agentId));
      trace.push(`  assign ${c.caseId} -> ${agentId ?? 'nobody'}: ${r.ok ? 'ok' : r.error.code}`);
    };
    const sync = async (w: Who): Promise<void> => {
      const r = await ok<{ pending: number; lastError: string | null }>(p(w).desk.invoke('sync.now', {}));
      trace.push(`  sync ${p(w).username}: pending ${r.pending}, ${r.lastError ?? 'ok'}`);
    };
    /** A right-party save's required script steps (asked of the lead's desk, which has every case). */
    const steps = async (pl: Player, c: Case): Promise<string[]> => {
      const r = await (holds(pl, Number(c.caseId)) ? pl : p(0)).desk.invoke('script.forCase', { caseId: c.caseId, locale: 'zh-CN' });
      if (!r.ok) return [];
      const v = r.value as { opening: { id: string; required: boolean }[]; body: { id: string; required: boolean }[] };
      return [...v.opening, ...v.body].filter((s) => s.required).map((s) => s.id);
    };
    /** A modified desk: the crafted mutation goes straight into the outbox, past the desk's own checks, and is pushed. */
    const hostile = async (w: 1 | 2, c: Case, kind: HostileKind): Promise<void> => {
      const pl = p(w);
      const ctx = pl.desk.ctx;
      const at = clock().toISOString();
      const day = today(pl);
      const attempt = async (outcomeCode: string, promise: { amountFen: number; dueDate: string } | null): Promise<MutationInput<'attempt.save'>> => {
        const attemptId = randomUUID();
        const note = `${kind} <script>alert(1)</script>`;
        ledger.crafted.set(attemptId, { caseId: Number(c.caseId), note, outcome: outcomeCode });
        return {
          attemptId, caseId: c.caseId, phoneId: c.phoneIds[0] ?? null, clientRequestId: `evil-${randomBytes(6).toString('hex')}`, channel: 'phone',
          party: promise ? 'self' : 'none', outcomeCode, note, callStartedAt: null, durationSec: 30, claimedPaidDate: null,
          stepsDone: promise ? await steps(pl, c) : [], scenario: null, at, followUp: null, phoneLock: null,
          promise: promise && { id: randomUUID(), ...promise, createdDate: day },
        };
      };
      const payment = (amountFen: number): MutationInput<'payment.record'> => ({ paymentId: randomUUID(), caseId: c.caseId, amountFen, paidDate: day, source: 'agent', at });
      let m: { name: MutationName; args: MutationInput<MutationName> };
      let h: Hostile;
      if (kind === 'bigPromise') [m, h] = [{ name: 'attempt.save', args: await attempt('PTP', { amountFen: 100_000_000, dueDate: plusDays(day, 2) }) }, { kind, reason: 'ruleViolation', detail: 'ptp.amountAboveBalance' }];
      else if (kind === 'farPromise') [m, h] = [{ name: 'attempt.save', args: await attempt('PTP', { amountFen: 50_000, dueDate: '9999-12-31' }) }, { kind, reason: 'ruleViolation', detail: 'ptp.dateTooFar' }];
      else if (kind === 'htmlCode') [m, h] = [{ name: 'attempt.save', args: await attempt('<img src=x onerror=alert(1)>', null) }, { kind, reason: 'ruleViolation', detail: 'outcome.unknown' }];
      else if (kind === 'hugePay') [m, h] = [{ name: 'payment.record', args: payment(Number.MAX_SAFE_INTEGER) }, { kind, reason: 'ruleViolation', detail: 'payment.amountAboveBalance' }];
      else if (kind === 'overPay') [m, h] = [{ name: 'payment.record', args: payment(1_000_001) }, { kind, reason: 'ruleViolation', detail: 'payment.amountAboveBalance' }];
      else if (kind === 'closedPay') [m, h] = [{ name: 'payment.record', args: payment(1_000) }, { kind, reason: 'ruleViolation', detail: 'payment.caseClosed' }];
      else {
        // kept, with a paid amount the desk made up: a promise of the case this desk (or else the team) knows
        const mine = 'SELECT id, amount_fen FROM promises WHERE case_id = ? AND state = \'pending\' ORDER BY id LIMIT 1';
        const pr = (ctx.db.prepare(mine).get(Number(c.caseId)) ?? p(0).desk.ctx.db.prepare(mine).get(Number(c.caseId))) as { id: string; amount_fen: number } | undefined;
        const promiseId = pr?.id ?? randomUUID();
        const amount = pr?.amount_fen ?? 50_000;
        [m, h] = [{ name: 'promise.transition', args: { promiseId, caseId: c.caseId, from: 'pending', to: 'kept', paidFen: amount, at } }, { kind, reason: 'invalidTransition', detail: null }];
      }
      const deviceId = (ctx.db.prepare('SELECT device_id FROM sync_state WHERE id = 1').get() as { device_id: string }).device_id;
      const id = ctx.db.transaction(() => writeOutbox(ctx, m.name, m.args))();
      ledger.hostile.set(`${deviceId}#${id}`, h);
      trace.push(`  hostile ${kind} by ${pl.username} on ${c.caseId} (mutation ${id})`);
      await sync(w);
    };

    const reopen = async (pl: Player): Promise<void> => {
      pl.desk.sync?.stop(); // nothing of the dead process runs again
      pl.corpses.push(pl.desk);
      pl.net = makeChaosNet(pl.username);
      pl.net.afterPush = dying;
      nets.push(pl.net);
      pl.desk = await createDesk({ dataDir: pl.dir, clock, pollMs: 0, log: quiet, fetch: pl.net.fetch, syncTiming: TIMING });
      await pl.desk.idle();
      // the person logs in again (against the hub, or offline with the kept verifier)
      const r = await pl.desk.invoke('auth.login', { username: pl.username, password: HUB_PASSWORD });
      trace.push(`  ${pl.username} reopened, login ${r.ok ? 'ok' : JSON.stringify(r.error)}`);
    };

    for (const a of acts) {
      clock.advance(7_000);
      switch (a.t) {
        case 'save':
          await save(a.who, cases[a.slot], a.kind);
          break;
        case 'pay':
          await pay(a.who, cases[a.slot], a.fen);
          break;
        case 'phone': {
          const pl = p(a.who);
          const c = cases[a.slot];
          if (!c || !holds(pl, Number(c.caseId))) break;
          const r = await pl.desk.invoke('case.setPreferredPhone', { caseId: c.caseId, phoneId: a.pick === null ? null : c.phoneIds[a.pick] });
          trace.push(`  phone by ${pl.username} on ${c.caseId}: ${r.ok ? 'set' : r.error.code}`);
          break;
        }
        case 'assign':
          await assign(cases[a.slot], a.to);
          break;
        case 'race': {
          // the holder works the case offline; meanwhile the lead moves it and the new holder works it
          const c = cases[a.slot];
          if (!c) break;
          const held = (): Who | undefined => ([1, 2] as const).find((w) => holds(p(w), Number(c.caseId)));
          if (held() === undefined) {
            await assign(c, 1);
            await sync(0);
            await sync(1);
          }
          const old = held();
          if (old === undefined) break; // the lead or agent A is offline: no race today
          const neu = old === 1 ? 2 : 1;
          seen.races += 1;
          trace.push(`  race on ${c.caseId}: ${p(old).username} offline, to ${p(neu).username}, back in order ${ORDERS[a.order]?.join(', ')}`);
          p(old).net.down = true;
          await save(old, c, 'ptp');
          await pay(old, c, 10_000);
          await assign(c, neu);
          for (const r of ORDERS[a.order] ?? []) {
            const w = r === 'lead' ? 0 : r === 'old' ? old : neu;
            if (r === 'old') p(old).net.down = false;
            await sync(w);
          }
          if (holds(p(neu), Number(c.caseId))) {
            await save(neu, c, 'ptp');
            if (a.newPays) await pay(neu, c, 10_000);
            await sync(neu);
          }
          break;
        }
        case 'hostile':
          await hostile(a.who, a.kind === 'closedPay' ? closed : (cases[a.slot] ?? closed), a.kind);
          break;
        case 'net':
          p(a.who).net.down = a.down;
          break;
        case 'sync':
          await sync(a.who);
          break;
        case 'fault': {
          // the fault hits this desk's next sync, now
          const pl = p(a.who);
          if (a.fault === 'reorder') pl.net.reorder = true;
          else pl.net.fault = a.fault;
          const r = await ok<{ pending: number; lastError: string | null }>(pl.desk.invoke('sync.now', {}));
          trace.push(`  sync ${pl.username} with ${a.fault}: pending ${r.pending}, ${r.lastError ?? 'ok'}`);
          break;
        }
        case 'stale': {
          // an old copy of a push this desk sent arrives at the hub again, late
          const pl = p(a.who);
          const sent = pl.net.sent[a.pick % Math.max(1, pl.net.sent.length)];
          if (!sent) break;
          try {
            const res = await fetch(`${world.url}/v1/sync/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: sent.authorization }, body: sent.body });
            await res.text();
            trace.push(`  stale push of ${pl.username} again -> ${res.status}`);
            seen.stale += 1;
          } catch (err) {
            trace.push(`  stale push of ${pl.username} lost on the way (${String(err)})`); // a delivery may fail like any other
          }
          break;
        }
        case 'kill': {
          const pl = p(a.who);
          pl.net.fault = 'kill';
          const run = pl.desk.invoke('sync.now', {});
          await Promise.race([pl.net.whenKilled(), run]);
          trace.push(`  kill ${pl.username} (${pl.net.killed ? 'between the hub commit and the ack' : 'while idle'})`);
          if (pl.net.killed) seen.killed += 1;
          await reopen(pl);
          break;
        }
        case 'hubCrash': {
          // armed in the hub's store: the next push transaction, whoever sends it, dies there
          faults.crash = a.when;
          const pl = p(a.who);
          const r = await ok<{ pending: number; lastError: string | null }>(pl.desk.invoke('sync.now', {}));
          trace.push(`  sync ${pl.username} with a hub crash ${a.when} armed: pending ${r.pending}, ${r.lastError ?? 'ok'}`);
          break;
        }
        case 'time':
          clock.advance(a.minutes * 60_000);
          for (const pl of players) pl.desk.tick();
          break;
        case 'login': {
          const pl = p(a.who);
          const r = await pl.desk.invoke('auth.login', { username: pl.username, password: HUB_PASSWORD });
          trace.push(`  login ${pl.username}: ${r.ok ? 'ok' : r.error.code}`);
          break;
        }
      }
      if (a.t === 'net' || a.t === 'time') trace.push(`  ${JSON.stringify(a)}`);
      if (faults.fired) {
        faults.fired = false;
        seen.crashes += 1;
        trace.push('  the hub died mid-request; it is restarted');
        await world.stop();
        clock.advance(30_000);
        await world.restart();
      }
    }
    faults.crash = null;

    // ---------- the network comes back; everyone syncs until quiet ----------
    clock.advance(60_000);
    for (const pl of players) {
      pl.net.down = false;
      pl.net.fault = null;
      pl.net.reorder = false;
    }
    for (let round = 0; round < 4; round++) {
      for (const w of [1, 2, 0] as const) {
        const st = await ok<{ lastError: string | null }>(p(w).desk.invoke('sync.now', {}));
        // a token that expired during the story: the person logs in again, as they would
        if (st.lastError === 'unauthenticated') await ok(p(w).desk.invoke('auth.login', { username: p(w).username, password: HUB_PASSWORD }));
      }
    }
    seen.stories += 1;
    seen.attempts += ledger.attempts.size;
    for (const pl of players) {
      for (const l of pl.net.log) for (const k of ['lost', 'twice', 'first'] as const) if (l.includes(k)) seen[k] += 1;
    }

    // the oracle: the model of the hub, replayed over what the desks sent, in the hub's commit order
    const sent = new Map<string, { name: string; args: Record<string, unknown> }>();
    for (const n of nets) {
      for (const x of n.sent) {
        const b = sentPush(x.body);
        for (const m of b.mutations) sent.set(`${b.deviceId}#${m.id}`, { name: m.name, args: m.args as Record<string, unknown> });
      }
    }
    const observed = new Map((await hubRows(world, 'SELECT device_id, mutation_id, reason, detail FROM rejections')).map((r) => [`${String(r.device_id)}#${String(r.mutation_id)}`, { reason: String(r.reason), detail: r.detail === null ? null : String(r.detail) }]));
    const ex = replayHub({
      commits, sent, hostile: ledger.hostile, leadId: world.ids.lead1, observed,
      cases: new Map(initial.cases.map((c) => [Number(c.id), {
        holder: c.assigned_agent_id === null ? null : Number(c.assigned_agent_id), balance: Number(c.balance_fen), status: c.status,
        holders: initial.holders.filter((h) => Number(h.case_id) === Number(c.id)).map((h) => Number(h.user_id)),
      }])),
    });
    seen.late += ex.late;
    seen.hostile += ex.hostile;
    seen.latePromise += ex.latePromises.size;
    seen.outOfScope += [...ex.rejections.values()].filter((r) => r === 'outOfScope').length;
    trace.push(`  the model: ${ex.late} late, ${ex.hostile} hostile refused, ${ex.rejections.size} rejections`);
    await check(world, players, ledger, ex, [...cases, closed].map((c) => Number(c.caseId)));
  } catch (err) {
    const netLog = players.flatMap((pl) => pl.net.log);
    throw new Error(`${(err as Error).message}\n--- what happened ---\n${trace.join('\n')}\n--- network ---\n${netLog.join('\n')}`, { cause: err });
  } finally {
    for (const pl of players) {
      for (const c of pl.corpses) c.close();
      await pl.desk.closeAsync().catch(() => undefined);
    }
    await world.close();
  }
}

// ---------- the runs ----------

// 1061839832: a lead whose token expired while its event stream dropped stayed "offline" for good (engine.lost)
const FIXED_SEEDS = [20261122, 7, 42, 1234567, 987654321, 31337, 1061839832];
const replay = process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : null;
const randomRuns = Number(process.env.PROPERTY_RANDOM_RUNS ?? 2);
/** Stories per seed (fast-check derives each from the seed and its index). */
const RUNS_PER_SEED = 3;

describe('sync converges whatever happens on the way (property)', () => {
  const seeds = replay !== null ? [replay] : [...FIXED_SEEDS, ...Array.from({ length: randomRuns }, () => Math.floor(Math.random() * 2 ** 31))];
  for (const seed of seeds) {
    it(`SQLite hub, seed ${seed}`, async () => {
      await fc.assert(fc.asyncProperty(story, (acts) => runStory(acts, { kind: 'sqlite' })), { seed, numRuns: RUNS_PER_SEED, endOnFailure: true });
    }, 180_000);
  }
  if (replay === null) {
    it('the stories met every kind of fault', () => {
      console.info(`convergence property: ${JSON.stringify(seen)}`);
      expect(seen.stories).toBe(seeds.length * RUNS_PER_SEED);
      for (const k of ['lost', 'twice', 'first', 'killed', 'crashes', 'stale', 'races', 'late', 'latePromise', 'hostile', 'outOfScope'] as const) expect(seen[k], k).toBeGreaterThan(0);
    });
  }

  const schemas: string[] = [];
  afterAll(async () => {
    if (!schemas.length) return;
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await c.end();
  });
  it('PostgreSQL hub, fixed seed', async (ctx) => {
    if (!(await pgAvailable())) {
      console.warn(`convergence property on PostgreSQL skipped: no server at ${PG_URL}`);
      ctx.skip();
      return;
    }
    await fc.assert(
      fc.asyncProperty(story, async (acts) => {
        const schema = `hub_prop_${randomBytes(5).toString('hex')}`;
        schemas.push(schema);
        await runStory(acts, { kind: 'postgres', schema });
      }),
      { seed: replay ?? FIXED_SEEDS[0], numRuns: 1, endOnFailure: true },
    );
  }, 120_000);
});
