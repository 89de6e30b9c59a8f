// eslint-disable-next-line no-restricted-imports -- a Node-only test that reads its own source file
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OutcomeCode } from '../contract';
import codesJson from '../../resources/outcome-codes.json';
import type { OutcomeContext, OutcomeDraft } from './outcome-rules';
import { OUTCOME_RULE_IDS, checkOutcome, checkPromiseDay } from './outcome-rules';

const codes = codesJson as OutcomeCode[];
const byCode = (c: string): OutcomeCode => {
  const found = codes.find((x) => x.code === c);
  if (!found) throw new Error(c);
  return found;
};

const now = new Date('2026-03-10T02:00:00Z'); // 10:00 Shanghai
const ctx = (code: string | undefined, over: Partial<OutcomeContext> = {}): OutcomeContext => ({
  code: code ? byCode(code) : undefined,
  balanceFen: 500_000,
  today: '2026-03-10',
  now,
  ptpMaxDays: 30,
  requiredStepIds: ['open.identify', 'open.recording', 'open.verify', 'early.account'],
  ...over,
});
const allSteps = ['open.identify', 'open.recording', 'open.verify', 'early.account'];
const draft = (over: Partial<OutcomeDraft> = {}): OutcomeDraft => ({
  outcomeCode: 'PTP',
  party: 'self',
  ptp: { amountFen: 100_000, dueDate: '2026-03-15' },
  followUpAt: null,
  claimedPaidDate: null,
  stepsDone: allSteps,
  ...over,
});
const rules = (d: OutcomeDraft, c: OutcomeContext) => checkOutcome(d, c).map((v) => `${v.field}:${v.rule}`);

describe('checkOutcome', () => {
  it('a complete PTP passes', () => {
    expect(checkOutcome(draft(), ctx('PTP'))).toEqual([]);
  });

  it('outcome.required / outcome.unknown stop further checks', () => {
    expect(rules(draft({ outcomeCode: null, ptp: null }), ctx('PTP'))).toEqual(['outcomeCode:outcome.required']);
    expect(checkOutcome(draft({ outcomeCode: 'NOPE' }), ctx(undefined))).toEqual([
      { field: 'outcomeCode', rule: 'outcome.unknown', params: { code: 'NOPE' } },
    ]);
    // ctx for a different code than the draft's: also unknown
    expect(rules(draft({ outcomeCode: 'PTP' }), ctx('REFUSES'))).toEqual(['outcomeCode:outcome.unknown']);
  });

  it('party.required for a contact code, not for no-answer', () => {
    expect(rules(draft({ party: null }), ctx('PTP'))).toEqual(['party:party.required']);
    expect(rules(draft({ outcomeCode: 'THIRD_PARTY_MESSAGE', party: 'none', ptp: null }), ctx('THIRD_PARTY_MESSAGE'))).toEqual(['party:party.required']);
    expect(rules(draft({ outcomeCode: 'NO_ANSWER', party: 'none', ptp: null, stepsDone: [] }), ctx('NO_ANSWER'))).toEqual([]);
  });

  it('PTP amount rules', () => {
    expect(rules(draft({ ptp: null }), ctx('PTP'))).toEqual(['ptp:ptp.required']);
    expect(rules(draft({ ptp: { amountFen: null, dueDate: null } }), ctx('PTP'))).toEqual(['ptp.amountFen:ptp.amountRequired', 'ptp.dueDate:ptp.dateRequired']);
    expect(rules(draft({ ptp: { amountFen: 0, dueDate: '2026-03-15' } }), ctx('PTP'))).toEqual(['ptp.amountFen:ptp.amountPositive']);
    expect(rules(draft({ ptp: { amountFen: -100, dueDate: '2026-03-15' } }), ctx('PTP'))).toEqual(['ptp.amountFen:ptp.amountPositive']);
    expect(checkOutcome(draft({ ptp: { amountFen: 500_001, dueDate: '2026-03-15' } }), ctx('PTP'))).toEqual([
      { field: 'ptp.amountFen', rule: 'ptp.amountAboveBalance', params: { balance: '¥5,000.00', balanceFen: 500_000 } },
    ]);
    expect(checkOutcome(draft({ ptp: { amountFen: 500_000, dueDate: '2026-03-15' } }), ctx('PTP'))).toEqual([]);
    expect(checkOutcome(draft({ ptp: { amountFen: 1, dueDate: '2026-03-15' } }), ctx('PTP'))).toEqual([]);
  });

  it('PTP date rules: today .. today + maxDays', () => {
    const withDate = (dueDate: string) => draft({ ptp: { amountFen: 100, dueDate } });
    expect(rules(withDate('2026-03-10'), ctx('PTP'))).toEqual([]);
    expect(rules(withDate('2026-03-09'), ctx('PTP'))).toEqual(['ptp.dueDate:ptp.dateInPast']);
    expect(rules(withDate('2026-04-09'), ctx('PTP'))).toEqual([]);
    expect(checkOutcome(withDate('2026-04-10'), ctx('PTP'))).toEqual([
      { field: 'ptp.dueDate', rule: 'ptp.dateTooFar', params: { maxDays: 30, lastDate: '2026-04-09' } },
    ]);
    expect(rules(withDate('2026-02-30'), ctx('PTP'))).toEqual(['ptp.dueDate:ptp.dateInvalid']);
  });

  it('a PTP on a code that does not need one is ignored', () => {
    expect(rules(draft({ outcomeCode: 'REFUSES', ptp: { amountFen: -1, dueDate: '2000-01-01' } }), ctx('REFUSES'))).toEqual([]);
  });

  it('follow-up rules', () => {
    const plan = (followUpAt: Date | null) => draft({ outcomeCode: 'PLAN_REQUESTED', ptp: null, followUpAt });
    expect(rules(plan(null), ctx('PLAN_REQUESTED'))).toEqual(['followUp.dueAt:followUp.required']);
    expect(rules(plan(new Date(now.getTime() + 60_000)), ctx('PLAN_REQUESTED'))).toEqual([]);
    expect(rules(plan(now), ctx('PLAN_REQUESTED'))).toEqual(['followUp.dueAt:followUp.inPast']);
    expect(rules(plan(new Date('2026-03-09T00:00:00Z')), ctx('PLAN_REQUESTED'))).toEqual(['followUp.dueAt:followUp.inPast']);
    expect(rules(plan(new Date(Number.NaN)), ctx('PLAN_REQUESTED'))).toEqual(['followUp.dueAt:followUp.invalid']);
    // optional on other codes, but checked when given
    expect(rules(draft({ outcomeCode: 'NO_ANSWER', party: 'none', ptp: null, followUpAt: new Date(now.getTime() - 1) }), ctx('NO_ANSWER')))
      .toEqual(['followUp.dueAt:followUp.inPast']);
  });

  it('claimed paid date rules', () => {
    const future = new Date(now.getTime() + 86_400_000);
    const paid = (claimedPaidDate: string | null) => draft({ outcomeCode: 'CLAIMS_PAID', ptp: null, claimedPaidDate, followUpAt: future });
    expect(rules(paid(null), ctx('CLAIMS_PAID'))).toEqual(['claimedPaidDate:paidDate.required']);
    expect(rules(paid('2026-03-10'), ctx('CLAIMS_PAID'))).toEqual([]);
    expect(rules(paid('2026-03-01'), ctx('CLAIMS_PAID'))).toEqual([]);
    expect(rules(paid('2026-03-11'), ctx('CLAIMS_PAID'))).toEqual(['claimedPaidDate:paidDate.inFuture']);
    expect(rules(paid('2026-3-1'), ctx('CLAIMS_PAID'))).toEqual(['claimedPaidDate:paidDate.invalid']);
  });

  it('required steps before a right-party outcome with the debtor', () => {
    expect(checkOutcome(draft({ stepsDone: ['open.identify'] }), ctx('PTP'))).toEqual([
      { field: 'stepsDone', rule: 'steps.required', params: { missing: 3, missingIds: 'open.recording,open.verify,early.account' } },
    ]);
    // spouse reached: not the debtor, steps not enforced
    expect(rules(draft({ party: 'spouse', stepsDone: [] }), ctx('PTP'))).toEqual([]);
    // third-party message is not an RPC code
    expect(rules(draft({ outcomeCode: 'THIRD_PARTY_MESSAGE', party: 'self', ptp: null, stepsDone: [] }), ctx('THIRD_PARTY_MESSAGE'))).toEqual([]);
  });

  it('returns every violation at once', () => {
    expect(rules(draft({ outcomeCode: 'PTP', party: null, ptp: { amountFen: 0, dueDate: '2026-01-01' }, followUpAt: now, stepsDone: [] }), ctx('PTP')))
      .toEqual(['party:party.required', 'ptp.amountFen:ptp.amountPositive', 'ptp.dueDate:ptp.dateInPast', 'followUp.dueAt:followUp.inPast']);
    expect(rules(draft({ ptp: { amountFen: 600_000, dueDate: '2026-05-01' }, stepsDone: [] }), ctx('PTP')))
      .toEqual(['ptp.amountFen:ptp.amountAboveBalance', 'ptp.dueDate:ptp.dateTooFar', 'stepsDone:steps.required']);
  });

  it('every rule id is listed in OUTCOME_RULE_IDS and in the file header', () => {
    const header = readFileSync(new URL('./outcome-rules.ts', import.meta.url), 'utf8').split('*/')[0] ?? '';
    for (const id of OUTCOME_RULE_IDS) expect(header).toContain(id);
    expect(new Set(OUTCOME_RULE_IDS).size).toBe(OUTCOME_RULE_IDS.length);
  });
});

describe('checkPromiseDay', () => {
  it('the promise is made on the day of its attempt, one day either way for another zone', () => {
    expect(checkPromiseDay('2026-03-10', '2026-03-10')).toBeNull();
    expect(checkPromiseDay('2026-03-09', '2026-03-10')).toBeNull();
    expect(checkPromiseDay('2026-03-11', '2026-03-10')).toBeNull();
  });
  it('any other day, or no real date, is refused', () => {
    expect(checkPromiseDay('2026-03-08', '2026-03-10')).toEqual({ field: 'promise.createdDate', rule: 'ptp.createdDateInvalid', params: { day: '2026-03-10' } });
    expect(checkPromiseDay('2000-01-01', '2026-03-10')?.rule).toBe('ptp.createdDateInvalid');
    expect(checkPromiseDay('2026-02-30', '2026-03-01')?.rule).toBe('ptp.createdDateInvalid');
  });
});
