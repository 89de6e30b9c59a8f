/**
 * A case on hold (暂停催收: a dispute or complaint outcome, or the debtor asked to stop) waits for
 * a lead (docs/domain.md, "Rules for contacting people"). Clearing it, on the desk and again on
 * the hub, gives the case the status its promises give: \`ptp\` while one is pending, \`paid\`
 * when nothing is owed, else \`open\` — back in the holder's queue. Tags (complaint_risk) stay:
 * the team's lower caps for sensitive cases still apply.
 */
import type { RuleViolation } from './outcome-rules';

export function statusAfterHold(c: { status: string; balanceFen: number }, pendingPromises: number): { status: string } | RuleViolation {
  if (c.status !== 'hold') return { field: 'caseId', rule: 'case.notOnHold', params: { status: c.status } };
  if (c.balanceFen === 0) return { status: 'paid' };
  return { status: pendingPromises > 0 ? 'ptp' : 'open' };
}

/** Why a lead clears a hold: a short written reason, kept in both audit trails. */
export const HOLD_REASON_MIN = 2;
export const HOLD_REASON_MAX = 500;
