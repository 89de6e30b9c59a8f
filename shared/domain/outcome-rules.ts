/**
 * The rules a saved outcome (催记) must satisfy. Rule ids are i18n keys (`rules.<id>`) and
 * are stable; the field is the dotted path of the offending input:
 *
 *   rule id                   field              params
 *   outcome.required          outcomeCode
 *   outcome.unknown           outcomeCode        code
 *   party.required            party
 *   ptp.required              ptp
 *   ptp.amountRequired        ptp.amountFen
 *   ptp.amountPositive        ptp.amountFen
 *   ptp.amountAboveBalance    ptp.amountFen      balance (formatted, ¥…), balanceFen
 *   ptp.dateRequired          ptp.dueDate
 *   ptp.dateInvalid           ptp.dueDate
 *   ptp.dateInPast            ptp.dueDate
 *   ptp.dateTooFar            ptp.dueDate        maxDays, lastDate
 *   followUp.required         followUp.dueAt
 *   followUp.invalid          followUp.dueAt
 *   followUp.inPast           followUp.dueAt
 *   paidDate.required         claimedPaidDate
 *   paidDate.invalid          claimedPaidDate
 *   paidDate.inFuture         claimedPaidDate
 *   steps.required            stepsDone          missing (count), missingIds (comma list)
 *   ptp.createdDateInvalid    promise.createdDate            (the hub's check of a synced promise)
 */
import type { LocalDate, Party } from './enums';
import type { OutcomeCode } from '../contract';
import { addDays, daysBetween, isValidLocalDate } from './dates';
import { formatFen } from './money';
import type { RuleId } from './rule-ids';

export const OUTCOME_RULE_IDS = [
  'outcome.required',
  'outcome.unknown',
  'party.required',
  'ptp.required',
  'ptp.amountRequired',
  'ptp.amountPositive',
  'ptp.amountAboveBalance',
  'ptp.dateRequired',
  'ptp.dateInvalid',
  'ptp.dateInPast',
  'ptp.dateTooFar',
  'followUp.required',
  'followUp.invalid',
  'followUp.inPast',
  'paidDate.required',
  'paidDate.invalid',
  'paidDate.inFuture',
  'steps.required',
  'ptp.createdDateInvalid',
] as const;
export type OutcomeRuleId = (typeof OUTCOME_RULE_IDS)[number];

export interface OutcomeDraft {
  outcomeCode: string | null;
  party: Party | null;
  ptp: { amountFen: number | null; dueDate: LocalDate | null } | null;
  followUpAt: Date | null;
  claimedPaidDate: LocalDate | null;
  stepsDone: readonly string[];
}
export interface OutcomeContext {
  code: OutcomeCode | undefined;
  balanceFen: number;
  today: LocalDate;
  now: Date;
  ptpMaxDays: number;
  requiredStepIds: readonly string[]; // the script's required steps for this case
}
export interface RuleViolation {
  field: string; // dotted path, e.g. 'ptp.amountFen'
  rule: RuleId; // e.g. 'ptp.amountAboveBalance'
  params?: Record<string, string | number>;
}

/**
 * Everything a save must satisfy, checked the same way by the note pane (to show inline)
 * and by the core (to refuse): PTP amount positive and <= balance, PTP date today..today+max,
 * follow-up in the future and required when the code needs one, claimed paid date when
 * needed, required script steps ticked before a right-party outcome.
 *
 * Returns every violation, in form order. Without a code (or with one that is not in the
 * code table, i.e. ctx.code is undefined or a different code) only that one violation is
 * returned: nothing else can be judged. `ptp: null` on a PTP code is ptp.required; a ptp
 * object with empty parts gets the per-field rules (amountRequired, dateRequired). A PTP or claimed paid date is checked only when the
 * code asks for it (a stale value on another code is ignored and must not be stored); a
 * follow-up, which any outcome may schedule, is checked whenever it is present. A party of
 * 'none' counts as missing for a contact code.
 */
export function checkOutcome(draft: OutcomeDraft, ctx: OutcomeContext): RuleViolation[] {
  if (!draft.outcomeCode) return [{ field: 'outcomeCode', rule: 'outcome.required' }];
  const code = ctx.code;
  if (!code || code.code !== draft.outcomeCode) {
    return [{ field: 'outcomeCode', rule: 'outcome.unknown', params: { code: draft.outcomeCode } }];
  }
  const out: RuleViolation[] = [];

  if (code.isContact && (draft.party === null || draft.party === 'none')) {
    out.push({ field: 'party', rule: 'party.required' });
  }

  if (code.needsPtp) {
    if (!draft.ptp) out.push({ field: 'ptp', rule: 'ptp.required' });
    else out.push(...checkPromiseTerms(draft.ptp, ctx));
  }

  if (draft.followUpAt === null) {
    if (code.needsFollowUp) out.push({ field: 'followUp.dueAt', rule: 'followUp.required' });
  } else if (Number.isNaN(draft.followUpAt.getTime())) {
    out.push({ field: 'followUp.dueAt', rule: 'followUp.invalid' });
  } else if (draft.followUpAt.getTime() <= ctx.now.getTime()) {
    out.push({ field: 'followUp.dueAt', rule: 'followUp.inPast' });
  }

  if (code.needsPaidDate) {
    const paid = draft.claimedPaidDate;
    if (paid === null) out.push({ field: 'claimedPaidDate', rule: 'paidDate.required' });
    else if (!isValidLocalDate(paid)) out.push({ field: 'claimedPaidDate', rule: 'paidDate.invalid' });
    else if (paid > ctx.today) out.push({ field: 'claimedPaidDate', rule: 'paidDate.inFuture' });
  }

  if (code.isRpc && draft.party === 'self') {
    const done = new Set(draft.stepsDone);
    const missing = [...new Set(ctx.requiredStepIds)].filter((id) => !done.has(id));
    if (missing.length > 0) {
      out.push({ field: 'stepsDone', rule: 'steps.required', params: { missing: missing.length, missingIds: missing.join(',') } });
    }
  }
  return out;
}

/**
 * A promise's own terms: amount positive and at most the balance, due `today`..today+ptpMaxDays
 * (for a synced promise `today` is the day it was made). Empty parts get the per-field rules.
 */
export function checkPromiseTerms(
  ptp: { amountFen: number | null; dueDate: LocalDate | null },
  ctx: { balanceFen: number; today: LocalDate; ptpMaxDays: number },
): RuleViolation[] {
  const out: RuleViolation[] = [];
  const amount = ptp.amountFen;
  if (amount === null) out.push({ field: 'ptp.amountFen', rule: 'ptp.amountRequired' });
  else if (!(amount > 0)) out.push({ field: 'ptp.amountFen', rule: 'ptp.amountPositive' });
  else if (amount > ctx.balanceFen) {
    out.push({
      field: 'ptp.amountFen',
      rule: 'ptp.amountAboveBalance',
      params: { balance: formatFen(ctx.balanceFen), balanceFen: ctx.balanceFen },
    });
  }
  const due = ptp.dueDate;
  if (due === null) out.push({ field: 'ptp.dueDate', rule: 'ptp.dateRequired' });
  else if (!isValidLocalDate(due)) out.push({ field: 'ptp.dueDate', rule: 'ptp.dateInvalid' });
  else if (due < ctx.today) out.push({ field: 'ptp.dueDate', rule: 'ptp.dateInPast' });
  else {
    const lastDate = addDays(ctx.today, ctx.ptpMaxDays);
    if (due > lastDate) out.push({ field: 'ptp.dueDate', rule: 'ptp.dateTooFar', params: { maxDays: ctx.ptpMaxDays, lastDate } });
  }
  return out;
}

/**
 * A synced promise says which day it was made (`createdDate`): payments from that day on count
 * toward it, and its horizon starts there. It must be the day of its attempt, give or take one
 * day for a desk whose zone differs from the team's; anything else would let old payments keep
 * a new promise.
 */
export function checkPromiseDay(createdDate: LocalDate, attemptDay: LocalDate): RuleViolation | null {
  if (isValidLocalDate(createdDate) && Math.abs(daysBetween(attemptDay, createdDate)) <= 1) return null;
  return { field: 'promise.createdDate', rule: 'ptp.createdDateInvalid', params: { day: attemptDay } };
}
