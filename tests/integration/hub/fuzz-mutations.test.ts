/**
 * Fuzz (fast-check), on both stores: random and hostile args for every hub mutation, pushed by an
 * agent and by a lead, each batch followed by a valid call record. Whatever the args, the push is
 * answered 200; every mutation is processed (the device's last id reaches the batch's last); each
 * refusal carries a known reason, never hubError (an unexpected error the args found); the valid
 * record behind them is applied; nothing crosses into the other team. FUZZ_RUNS=n batches per
 * mutation and desk (default 12).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDemoRows } from '../../../shared/demo/generate';
import { MUTATION_ARGS, type MutationName } from '../../../shared/mutations';
import { REJECTION_REASONS } from '../../../shared/sync';
import { hostilePayload } from '../../fixtures/hostile';
import { attemptArgs, call, deskOf, makeWorld, pgAvailable, type Desk, type Kind, type World } from './harness';

const pgOk = await pgAvailable();
if (!pgOk) console.warn('hub fuzz tests: no PostgreSQL reachable at 127.0.0.1:5432 — the PostgreSQL half is SKIPPED');
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
/** Args nested this deep are each mutation's rejection; a body deeper than 32 is refused whole (bad-data.test.ts). */
const DEEP = 20;

/** Valid args of each mutation on `caseId` (number `phoneId`), to bend one or two keys at a time. */
function samples(w: World, caseId: string, phoneId: string): Partial<Record<MutationName, Record<string, unknown>[]>> {
  const at = w.now.t.toISOString();
  const today = at.slice(0, 10);
  return {
    'attempt.save': [
      attemptArgs(caseId, w.now.t),
      attemptArgs(caseId, w.now.t, { party: 'self', outcomeCode: 'PTP', promise: { id: randomUUID(), amountFen: 10_000, dueDate: today, createdDate: today } }),
    ],
    'payment.record': [{ paymentId: randomUUID(), caseId, amountFen: 5_000, paidDate: today, source: 'agent', at, channel: 'bank_transfer', txnNo: 'TXN1', claimed: true }],
    'payment.verify': [{ paymentId: randomUUID(), caseId, decision: 'confirm', reason: null, at }],
    'promise.transition': [{ promiseId: randomUUID(), caseId, from: 'pending', to: 'kept', paidFen: 10_000, at }],
    'case.setPreferredPhone': [{ caseId, phoneId, at }],
    'case.assign': [{ caseIds: [caseId], agentId: String(w.ids.agentB), at }],
    'contact.override': [{ overrideId: randomUUID(), caseId, phoneId, reason: '债务人约定此时回电', at }],
    'phone.add': [{ phoneKey: randomUUID(), caseId, number: '13700137000', kind: 'mobile', contact: null, at }],
    'phone.mark': [{ caseId, phoneId, mark: 'suspended', at }],
    'message.send': [{ messageId: randomUUID(), caseId, phoneId, channel: 'sms', templateId: 'sms-reminder-zh', party: 'self', destination: '139****5678', subject: '', content: '您好，请尽快还款。', status: 'recorded', gateway: 'record', at }],
    'case.clearHold': [{ caseId, reason: '争议已核实', at }],
    'case.setTimeZone': [{ caseId, timeZone: 'Asia/Urumqi', at }],
  };
}

describe.each([
  ['sqlite', true],
  ['postgres', pgOk],
] as [Kind, boolean][])('fuzz: every hub mutation (%s)', (kind, enabled) => {
  it.skipIf(!enabled)('any args: 200, every mutation processed, each refusal a known reason (never hubError), the valid record behind applied', async () => {
    const w = await makeWorld(kind);
    try {
      const rows = generateDemoRows({ cases: 6, firstId: 7000, agentId: String(w.ids.agentA), today: '2026-03-10', history: 1, seed: 31 });
      expect((await call(w.hub, 'POST', '/v1/admin/cases', rows, await w.tokenOf('lead1'))).status).toBe(200);
      const theirs = generateDemoRows({ cases: 2, firstId: 7100, agentId: String(w.ids.agentC), today: '2026-03-10', history: 1, seed: 32 });
      expect((await call(w.hub, 'POST', '/v1/admin/cases', theirs, await w.tokenOf('lead2'))).status).toBe(200);
      const caseIds = rows.cases.map((c) => String(c.id));
      const phones = await w.hub.store.read((q) => q.all<{ id: number }>(`SELECT id FROM phones WHERE debtor_id IN (SELECT debtor_id FROM cases WHERE id IN (${caseIds.map(() => '?').join(', ')}))`, caseIds.map(Number)));
      const phoneIds = phones.map((p) => String(p.id));
      const otherTeam = await w.hub.store.read((q) => q.all<{ id: number }>('SELECT id FROM cases WHERE team_id = ?', [w.otherTeamId]));
      const ids = [...caseIds, ...phoneIds.slice(0, 4), String(w.ids.agentA), String(w.ids.agentB), String(w.ids.agentC), ...otherTeam.map((c) => String(c.id))];
      expect(otherTeam.length).toBe(2);
      const otherBefore = await w.hub.store.read((q) => q.all('SELECT id, balance_fen, status, assigned_agent_id FROM cases WHERE team_id = ? ORDER BY id', [w.otherTeamId]));
      const desks: Record<'agent' | 'lead', Desk> = { agent: await deskOf(w, 'agentA'), lead: await deskOf(w, 'lead1') };
      const control = caseIds[caseIds.length - 1] ?? '';
      const reasons = new Map<string, number>();
      for (const name of Object.keys(MUTATION_ARGS) as MutationName[]) {
        const arb = fc.array(hostilePayload(MUTATION_ARGS[name], ids, samples(w, caseIds[0] ?? '', phoneIds[0] ?? '')[name] ?? [], DEEP), { minLength: 1, maxLength: 6 });
        await fc.assert(
          fc.asyncProperty(arb, fc.constantFrom<'agent' | 'lead'>('agent', 'lead'), async (argsList, who) => {
            const d = desks[who];
            const batch = argsList.map((a) => d.m(name, a));
            // the lead's own record of a call on a case nothing above can take from the team
            const valid = d.m('attempt.save', attemptArgs(control, w.now.t));
            const r = await d.push([...batch, valid]);
            expect(r.status, `${name}: ${JSON.stringify(r.body).slice(0, 400)}`).toBe(200);
            expect(r.body.lastMutationId, name).toBe(valid.id);
            for (const rej of r.body.rejected as { mutationId: number; reason: string }[]) {
              expect(REJECTION_REASONS, `${name}: ${rej.reason}`).toContain(rej.reason);
              expect(rej.reason, `${name} args ${JSON.stringify(argsList).slice(0, 400)}`).not.toBe('hubError');
              reasons.set(`${name} ${rej.reason}`, (reasons.get(`${name} ${rej.reason}`) ?? 0) + 1);
            }
            if (who === 'lead') expect((r.body.rejected as { mutationId: number }[]).map((x) => x.mutationId), name).not.toContain(valid.id);
          }),
          { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261206) },
        );
      }
      if (process.env.FUZZ_DEBUG === '1') console.log([...reasons].sort().map(([k, n]) => `${k} ${n}`).join('\n'));
      // the other team's cases are as they were
      expect(await w.hub.store.read((q) => q.all('SELECT id, balance_fen, status, assigned_agent_id FROM cases WHERE team_id = ? ORDER BY id', [w.otherTeamId]))).toEqual(otherBefore);
      // the hub still serves both desks
      for (const d of Object.values(desks)) expect((await d.pullAll()).pages).toBeGreaterThan(0);
    } finally {
      await w.close();
    }
  }, 600_000);
});
