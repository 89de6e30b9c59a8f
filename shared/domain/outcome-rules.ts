import type { LocalDate, Party } from './enums';
import type { OutcomeCode } from '../contract';

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
  rule: string; // e.g. 'ptp.amountAboveBalance'
  params?: Record<string, string | number>;
}

/**
 * Everything a save must satisfy, checked the same way by the note pane (to show inline)
 * and by the core (to refuse): PTP amount positive and <= balance, PTP date today..today+max,
 * follow-up in the future and required when the code needs one, claimed paid date when
 * needed, required script steps ticked before a right-party outcome.
 */
export function checkOutcome(draft: OutcomeDraft, ctx: OutcomeContext): RuleViolation[] {
  throw new Error('not implemented');
}
