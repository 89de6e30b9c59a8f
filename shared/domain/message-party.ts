/** Who a message goes to, and how its destination shows (issue 11; masked by default everywhere). */
import type { MessageParty } from './message-templates';

/** A phone's party: the debtor's own, a co-borrower's or guarantor's (parties to the loan), else a third party. */
export function partyOfPhone(owner: string, relation: string | null): MessageParty {
  if (owner === 'self') return 'self';
  if (relation === 'co_borrower' || relation === 'guarantor') return relation;
  return 'third_party';
}

/** An address with its detail hidden: the first six characters (province, city) and ****. */
export function maskAddress(address: string): string {
  const chars = [...address.trim()];
  return chars.length <= 6 ? '****' : `${chars.slice(0, 6).join('')}****`;
}
