/** Strip spaces, dashes, brackets and a +86 / 0086 prefix. */
export function normalizePhone(input: string): string {
  throw new Error('not implemented');
}
/** Mainland mobile: 11 digits starting 1[3-9]. */
export function isValidCnMobile(input: string): boolean {
  throw new Error('not implemented');
}
/** Mobile or landline (0 + area code + 7-8 digits). */
export function isValidCnPhone(input: string): boolean {
  throw new Error('not implemented');
}
