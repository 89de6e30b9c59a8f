/**
 * What a saved outcome does to its case and to the dialled number, from the code's own flags
 * (docs/domain.md, "Outcome codes"). The desk applies it when the agent saves; the hub derives
 * it again from its own code table, never from what the desk says it did.
 */
import type { OutcomeCode } from '../contract';

export type PhoneLock = 'invalid' | 'do_not_call';

export interface OutcomeEffects {
  status: string;
  tags: string[];
  /** 1 when the outcome is a refusal (拒绝还款), counted for the priority score. */
  refusals: 0 | 1;
  /** What the code does to the dialled number (null: nothing, or no number named). */
  phoneLock: PhoneLock | null;
  /** The number's new status, null when it stays: a do-not-call number never becomes merely invalid. */
  phoneStatus: PhoneLock | null;
  /** The dialled number's contact asked not to be contacted again. */
  contactRefused: boolean;
  /**
   * Whose other numbers become do-not-call too: 'self' when the debtor asked to stop (every
   * number of the debtor's own), 'contact' when a contact asked (every number of that contact).
   */
  lockAllOf: 'self' | 'contact' | null;
}

/**
 * The effects of `code` on a case in `status` with `tags`, when `phone` (its current status) was
 * dialled. A held case (dispute) stays on hold whatever code follows, until a lead clears it.
 * Not connected and locking (空号/错号): the number is invalid; connected and locking
 * (要求停止联系): never call it again, and its contact refused contact.
 */
export function outcomeEffects(
  code: OutcomeCode,
  c: { status: string; tags: readonly string[] },
  phone: { status: string; owner?: string } | null,
): OutcomeEffects {
  let status: string = code.setsStatus && c.status !== 'hold' ? code.setsStatus : c.status;
  const tags = [...c.tags];
  if (code.addsTag && !tags.includes(code.addsTag)) tags.push(code.addsTag);
  const phoneLock: PhoneLock | null = code.locksPhone && phone ? (code.isContact ? 'do_not_call' : 'invalid') : null;
  // 要求停止联系 (docs/domain.md, section 10): the person who asked is not called again on any of
  // their numbers. When it is the debtor, collection calls stop: the case goes on hold (暂停催收,
  // sinks to the bottom of the queue) with a complaint-risk tag until a lead decides what follows.
  const stop = phoneLock === 'do_not_call';
  const bySelf = stop && phone?.owner === 'self';
  if (bySelf) {
    if (status !== 'paid' && status !== 'closed') status = 'hold';
    if (!tags.includes('complaint_risk')) tags.push('complaint_risk');
  }
  return {
    status,
    tags,
    lockAllOf: stop ? (bySelf ? 'self' : 'contact') : null,
    refusals: code.addsTag === 'refuses' ? 1 : 0,
    phoneLock,
    phoneStatus: phoneLock !== null && phone?.status !== 'do_not_call' ? phoneLock : null,
    contactRefused: phoneLock === 'do_not_call',
  };
}
