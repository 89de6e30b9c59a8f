/** 110105********1234 */
export function maskIdNumber(id: string): string {
  throw new Error('not implemented');
}
/** 138****5678; landlines keep area code and last 4. */
export function maskPhone(phone: string): string {
  throw new Error('not implemented');
}
/** Card / contract / account numbers: keep the last 4 (6222 **** **** 1234 for 16-19 digit cards). */
export function maskAccount(account: string): string {
  throw new Error('not implemented');
}
